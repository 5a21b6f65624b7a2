/**
 * A child process that holds many listening sockets on 127.0.0.1 (port 0 each) for the `ports` benchmark. Told over
 * IPC how many to hold in all (`{ listen: n }`), it answers `{ listening: n }`; it exits when the parent goes away.
 * Run it with a raised `ulimit -n`: every listener is a file descriptor.
 */
import net from 'node:net'

const servers: net.Server[] = []

function listenOne (): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen({ host: '127.0.0.1', port: 0, backlog: 1 }, () => {
      servers.push(server)
      resolve()
    })
  })
}

process.on('message', (m: { listen: number }) => {
  void (async () => {
    try {
      while (servers.length < m.listen) await listenOne()
      while (servers.length > m.listen) servers.pop()!.close()
      process.send!({ listening: servers.length })
    } catch (err) {
      process.send!({ error: (err as NodeJS.ErrnoException).code ?? String(err), listening: servers.length })
    }
  })()
})
process.on('disconnect', () => process.exit(0))
process.send!({ ready: true })

/**
 * The app of docker/compose.yaml: an HTTP server on $HOST:$PORT, Node's own modules only (the image needs nothing
 * but Node). `GET /` answers with the address it listens on and the address the request came from; `GET /health`
 * is the healthcheck.
 *   HOST  the address to bind (default 127.0.0.1: the trap, inside a container)
 *   PORT  the port (default 8000; 0 lets the OS pick)
 */
import { createServer } from 'node:http'

const host = process.env.HOST ?? '127.0.0.1'
const port = Number(process.env.PORT ?? 8000)
const server = createServer(function appOnRequest (req, res) {
  res.setHeader('content-type', 'application/json')
  if (req.url === '/health') return res.end('{"ok":true}')
  res.end(JSON.stringify({
    service: 'http',
    server: { address: server.address().address, port: server.address().port },
    client: { address: req.socket.remoteAddress, port: req.socket.remotePort },
  }))
})
server.listen(port, host, () => {
  const a = server.address()
  process.stdout.write(`app listening on http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}\n`)
})

// In a container this is PID 1, which gets no default signal handling: stop on `docker stop` ourselves.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => { server.close(() => process.exit(0)); server.closeAllConnections() })
}

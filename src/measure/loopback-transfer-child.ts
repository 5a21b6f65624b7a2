/**
 * A loopback transfer measured from inside whatever network namespace this process runs in (./loopback-transfer.ts
 * starts it there): the interfaces /proc/net/dev lists here, before and after echoing `bytes` through a TCP echo
 * server of its own on 127.0.0.1. One process holds both ends, so the namespace needs nothing but `lo`. Answers once
 * over IPC and exits; it also exits when its parent goes away.
 *
 * Usage: node loopback-transfer-child.js '{"bytes":5242880}'   (with an IPC channel)
 */
import net from 'node:net'
import { readInterfaceCounters } from './interface-counters.js'
import { echoNoDelay, tcpThroughput } from './tcp.js'
import type { TransferAnswer } from './loopback-transfer.js'

async function main (): Promise<void> {
  const { bytes } = JSON.parse(process.argv[2] ?? '{}') as { bytes: number }
  const server = net.createServer(echoNoDelay)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as net.AddressInfo
  const before = await readInterfaceCounters()
  const echoed = await tcpThroughput('127.0.0.1', port, { bytes })
  const after = await readInterfaceCounters()
  server.close()
  if (before === undefined || after === undefined) throw Object.assign(new Error('no /proc/net/dev here'), { code: 'ENOENT' })
  const answer: TransferAnswer = { pid: process.pid, port, echoed, before, after }
  process.send!(answer, () => process.exit(0))
}

process.on('disconnect', () => process.exit(0))
main().catch((err: NodeJS.ErrnoException) => {
  process.send?.({ error: err.code ?? err.message }, () => process.exit(1))
})

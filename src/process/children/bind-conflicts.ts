/**
 * Which binds collide, tried for real inside a private network namespace (started by `bindConflictsInNewNetns()` with
 * `startProgram(lab, 'bind-conflicts', { netns: 'private' })`): there a listener may take 0.0.0.0 or :: without
 * touching the machine's own network. For each [holder, second] pair it listens on holder (port 0), tries the same port
 * on second, closes both, and reports every result in its hello. The namespace disappears with this process.
 *
 * Usage: LOCALHOST_LAB_SPEC='[["0.0.0.0","127.0.0.1"], ...]' node bind-conflicts.js   (with an IPC channel, in a fresh namespace)
 */
import { readlink } from 'node:fs/promises'
import net, { type AddressInfo } from 'node:net'
import { now, since } from '../../core/clock.js'
import { loopbackUp } from '../../netns/namespace.js'
import { leaveWithParent, programSpec, sayHello, type BindTry, type ListenFailed } from './protocol.js'

type Listened = { server: net.Server, port: number, elapsedMs: number } | { error: ListenFailed['error'], elapsedMs: number }

function listen (host: string, port: number): Promise<Listened> {
  const t0 = now()
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', function bindOnError (err: NodeJS.ErrnoException) {
      const error: ListenFailed['error'] = { message: err.message }
      if (err.code !== undefined) error.code = err.code
      if (err.syscall !== undefined) error.syscall = err.syscall
      resolve({ error, elapsedMs: since(t0) })
    })
    server.listen({ host, port }, () => resolve({ server, port: (server.address() as AddressInfo).port, elapsedMs: since(t0) }))
  })
}

async function main (): Promise<void> {
  const pairs = programSpec('bind-conflicts', [])
  leaveWithParent()
  // A new namespace starts with its loopback down.
  const lo = await loopbackUp().then(() => 'up', (err: Error) => `down (${err.message.split('\n')[0]})`)
  const results: BindTry[] = []
  for (const [holder, second] of pairs) {
    const held = await listen(holder, 0)
    if ('error' in held) {
      results.push({ holder, second, holderError: held.error })
      continue
    }
    const tried = await listen(second, held.port)
    const r: BindTry = { holder, second, port: held.port, holderMs: held.elapsedMs, ok: !('error' in tried), elapsedMs: tried.elapsedMs }
    if ('error' in tried) r.error = tried.error
    else tried.server.close()
    results.push(r)
    held.server.close()
  }
  sayHello('bind-conflicts', { type: 'hello', pid: process.pid, listeners: [], netns: await readlink('/proc/self/ns/net'), lo, results })
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})

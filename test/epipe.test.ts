import t from 'tap'
import { spawn } from 'node:child_process'
import { CLI, alive } from './helpers.js'
import { tcpSocketsOf } from '../src/diagnose/ports/proc-net.js'

// `localhost-lab demo crash | head -1`: the reader goes away mid-run. We stop as for Ctrl-C, clean up, and say nothing.
t.test('the reader of our output goes away: exit 141, no stack, nothing left behind', async (t) => {
  const child = spawn(process.execPath, [CLI, 'demo', 'crash'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '' } })
  let stderr = ''
  child.stderr.on('data', (d) => { stderr += d })
  // Like `head -1`: read the first chunk, then close our end of the pipe.
  child.stdout.once('data', () => child.stdout.destroy())
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
  t.equal(code, 141)
  t.notMatch(stderr, /\n\s+at |EPIPE/, 'no stack trace, no EPIPE shown')
  t.notOk(alive(child.pid!), 'the CLI is gone')
  t.same(await tcpSocketsOf(child.pid!), [], 'and holds no socket')
})

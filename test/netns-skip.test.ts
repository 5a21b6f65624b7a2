/**
 * As an ordinary user, each namespace scenario cannot run: it must say so in one line (why, and what you would see),
 * end with done ok:true skipped:"...", and exit 0. When the tests run as root, the CLI is started as uid 65534.
 */
import t from 'tap'
import { spawn } from 'node:child_process'
import type { DoneEvent, LabEvent } from '../src/core/events.js'
import { which } from '../src/process/tool.js'
import { CLI, isLinux } from './helpers.js'
import { unreadableFor } from './netns-helpers.js'

const NOBODY = 65534
const ids = ['container-localhost', 'wrong-interface', 'privileged-port', 'port-exhaustion']
const root = process.getuid?.() === 0

function run (args: string[]): Promise<{ code: number | null, stdout: string, stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(args[0]!, args.slice(1), { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** The command prefix that runs node as an ordinary user (nothing if we already are one), or why we cannot. */
async function asOrdinaryUser (): Promise<string[] | string> {
  if (!root) return [process.execPath]
  // The worktree must be readable by that user; when it is not, this test cannot show anything.
  const why = await unreadableFor(NOBODY, [CLI])
  if (why !== undefined) return why
  // tap adds its process-info loader to NODE_OPTIONS of every child; as nobody it could not write its report.
  return ['env', '-u', 'NODE_OPTIONS', (await which('setpriv'))!, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath]
}

const prefix = isLinux ? await asOrdinaryUser() : 'not Linux'

for (const id of ids) {
  t.test(`demo ${id} as an ordinary user: one skip line, ok, exit 0`, { skip: typeof prefix === 'string' && prefix }, async (t) => {
    const r = await run([...(prefix as string[]), CLI, 'demo', id, '--json'])
    t.equal(r.code, 0, r.stderr)
    t.equal(r.stderr, '')
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as LabEvent)
    t.same(events.map((e) => e.type), ['start', 'done'], 'nothing but the start and the verdict: no step ran')
    const done = events.at(-1) as DoneEvent
    t.equal(done.ok, true)
    t.same(done.missing, [])
    t.type(done.skipped, 'string')
    t.match(done.skipped!, /needs root .* runs as uid \d+\. What you would see: /, 'why, then what the user would see')
    t.notMatch(done.skipped!, /\n/, 'one line')
  })
}

/**
 * As an ordinary user, each namespace scenario cannot run: it must say so in one line (why, and what you would see),
 * end with done ok:true skipped:"...", and exit 0. When the tests run as root, the CLI is started as uid 65534.
 */
import t from 'tap'
import type { DoneEvent, LabEvent } from '../src/core/events.js'
import { CLI, isLinux } from './helpers.js'
import { asOrdinaryUser, runCommand as run } from './netns-helpers.js'

const ids = ['container-localhost', 'wrong-interface', 'privileged-port', 'port-exhaustion']

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

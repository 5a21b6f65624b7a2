import t from 'tap'
import type { DoneEvent } from '../src/core/events.js'
import { alive, cli } from './helpers.js'

// The built CLI runs the child service from dist/ (plain JavaScript), not through tsx as the in-process tests do.
const expected: Record<string, string[]> = {
  crash: ['UND_ERR_SOCKET', 'ECONNRESET', '1006', 'EOF', 'ECONNREFUSED'],
  hung: ['ECONNREFUSED', 'TimeoutError', '1006', 'ETIMEDOUT'],
  'localhost-ipv6': ['ECONNREFUSED'],
  dns: ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED'],
}

for (const [id, codes] of Object.entries(expected)) {
  t.test(`demo ${id} --json ends with done ok and the codes it promised`, async (t) => {
    const r = await cli(['demo', id, '--json'])
    t.equal(r.code, 0, r.stderr)
    t.equal(r.stderr, '')
    const done = r.events.at(-1) as DoneEvent
    t.match(done, { type: 'done', ok: true, missing: [] })
    if (done.skipped === undefined) for (const c of codes) t.ok(done.observed.includes(c), `observed ${c}`)
    // A frozen (SIGSTOPped) child would outlive the CLI if the lab forgot it: it cannot even see its parent leave.
    const pids = r.events.flatMap((e) => e.type === 'observe' && e.kind === 'listening' && e.pid !== undefined ? [e.pid] : [])
    if (id !== 'localhost-ipv6' && done.skipped === undefined) t.ok(pids.length > 0, 'the scenario ran a child process')
    for (const pid of pids) t.equal(alive(pid), false, `child ${pid} is gone`)
  })
}

import t from 'tap'
import type { DoneEvent, StreamEvent } from '../src/core/events.js'
import { summarizeRun } from '../src/core/summary.js'
import { consoleRenderer } from '../src/render/console.js'
import { displayWidth } from '../src/render/wrap.js'

const base = { type: 'done' as const, t: 10, observed: [] as string[], missing: [] as string[], durationMs: 5, pausedMs: 0 }
const done: DoneEvent[] = [
  { ...base, scenario: 'refused', ok: true, observed: ['ECONNREFUSED', '1006'], durationMs: 61.5, t: 4061.5, pausedMs: 4000 },
  { ...base, scenario: 'docker', ok: true, skipped: 'needs root to create a network namespace\n(run it with sudo)' },
  { ...base, scenario: 'hung', ok: false, error: { code: 'LAB_ERR_CHECK_FAILED', message: 'expected a timeout, got ECONNRESET' } },
  { ...base, scenario: 'crash', ok: false, observed: ['ECONNRESET'], missing: ['EPIPE', '1006'] },
  { ...base, scenario: 'ephemeral', ok: false, interrupted: 'Ctrl-C' },
]

t.test('summarizeRun: one row per scenario from its done event, in order; one that never ran is not-run', async (t) => {
  const s = summarizeRun(['refused', 'docker', 'hung', 'crash', 'ephemeral', 'proxy'], done)
  t.same(s.scenarios.map((r) => [r.scenario, r.result]), [
    ['refused', 'reproduced'], ['docker', 'skipped'], ['hung', 'failed'], ['crash', 'failed'], ['ephemeral', 'interrupted'], ['proxy', 'not-run'],
  ])
  t.same(s.scenarios[0], { scenario: 'refused', result: 'reproduced', observed: ['ECONNREFUSED', '1006'], durationMs: 61.5, pausedMs: 4000 })
  t.equal(s.scenarios[1]!.reason, 'needs root to create a network namespace', 'a reason is one line')
  t.equal(s.scenarios[2]!.reason, 'expected a timeout, got ECONNRESET')
  t.equal(s.scenarios[3]!.reason, 'expected EPIPE, 1006 but did not see it')
  t.equal(s.scenarios[4]!.reason, 'Ctrl-C')
  t.same(s.scenarios[5], { scenario: 'proxy', result: 'not-run', observed: [], durationMs: 0, pausedMs: 0 })
  t.same(s.totals, { scenarios: 6, reproduced: 1, skipped: 1, failed: 2, interrupted: 1, 'not-run': 1, durationMs: 81.5, pausedMs: 4000 })
  // Stable keys: what a JSON consumer may rely on, and nothing else.
  t.same(Object.keys(s).sort(), ['scenarios', 'totals', 'type'])
  for (const row of s.scenarios) t.same(Object.keys(row).filter((k) => !['scenario', 'result', 'reason', 'observed', 'durationMs', 'pausedMs'].includes(k)), [])
})

t.test('the console renders the summary as a table that fits a narrow terminal, words whole', async (t) => {
  const summary = summarizeRun(['refused', 'docker', 'hung', 'crash', 'ephemeral', 'proxy'], done)
  for (const columns of [40, 60, 100]) {
    let text = ''
    const render = consoleRenderer({ stream: { write: (s: string) => { text += s }, isTTY: true, columns }, color: true })
    render(summary as StreamEvent)
    const lines = text.split('\n').filter((l) => l !== '')
    t.same(lines.filter((l) => displayWidth(l) > columns), [], `${columns} columns: no line wider`)
    const plain = text.replace(/\u001b\[[0-9;]*m/g, '').replace(/\s+/g, ' ')
    for (const word of ['refused', 'reproduced', 'ECONNREFUSED, 1006', 'needs root to create a network namespace', 'not run', 'expected EPIPE, 1006 but did not see it']) {
      t.ok(plain.includes(word), `${columns} columns: "${word}" is there, whole`)
    }
    t.match(plain, /total: 1 reproduced, 1 skipped, 2 failed, 1 interrupted, 1 not run in 81\.5 ms \(and 4\.00 s waiting at prompts\)/)
  }
})

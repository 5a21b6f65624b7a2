import t from 'tap'
import { catalogue } from '../demos/index.js'
import type { DoneEvent, SummaryEvent } from '../src/core/events.js'
import { cli } from './helpers.js'

// The contract every scenario keeps on the command line: `demo --all --json` is NDJSON, and each scenario ends in a
// `done` that is ok, with the codes it promises among those it really observed.
t.test('demo --all --json: every scenario ends with done ok and its codes observed', async (t) => {
  const r = await cli(['demo', '--all', '--json'])
  t.equal(r.code, 0, r.stderr)
  t.equal(r.events.length, r.stdout.trim().split('\n').length, 'every line is one JSON event')
  const done = r.events.filter((e): e is DoneEvent => e.type === 'done')
  t.same(done.map((d) => d.scenario), catalogue.map((s) => s.id), 'one done per scenario, in catalogue order')
  for (const scenario of catalogue) {
    const d = done.find((e) => e.scenario === scenario.id)!
    t.match(d, { ok: true, missing: [] }, scenario.id)
    for (const code of scenario.codes) t.ok(d.observed.includes(code), `${scenario.id}: ${code} observed`)
  }
  // The last line is the summary, made from those done events: one row per scenario, in order, and the totals.
  const summary = r.events.at(-1) as unknown as SummaryEvent
  t.equal(summary.type, 'summary', 'the run ends with its summary')
  t.same(summary.scenarios.map((row) => [row.scenario, row.observed, row.durationMs]), done.map((d) => [d.scenario, d.observed, d.durationMs]))
  t.same(summary.scenarios.map((row) => row.result), done.map((d) => d.skipped !== undefined ? 'skipped' : 'reproduced'))
  for (const row of summary.scenarios) if (row.result === 'skipped') t.ok(row.reason && !row.reason.includes('\n'), `${row.scenario}: skipped, why in one line`)
  t.match(summary.totals, { scenarios: catalogue.length, failed: 0, interrupted: 0, 'not-run': 0, pausedMs: 0 })
  t.equal(summary.totals.reproduced + summary.totals.skipped, catalogue.length)

  // Consumers find a fact by its stable key, never by its words: every fact has one, and it holds nothing of this run.
  const facts = r.events.flatMap((e) => e.type === 'observe' && e.kind === 'fact' ? [e] : [])
  t.ok(facts.length >= 20, `the catalogue reports facts (${facts.length})`)
  t.same(facts.filter((f) => !/^[a-z]+(-[a-z]+)*$/.test(f.key)).map((f) => f.name), [], 'every fact has a key of lower-case words')
})

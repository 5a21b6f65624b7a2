/** The end of `demo --all`: one row per scenario, made from the `done` events alone, and the totals. */
import type { DoneEvent, SummaryEvent, SummaryResult, SummaryRow } from './events.js'

/**
 * `ids`: every scenario the run meant to show, in order; `done`: the `done` event of each that ran. A scenario with no
 * `done` (the run was stopped before it) is `not-run`.
 */
export function summarizeRun (ids: readonly string[], done: readonly DoneEvent[]): SummaryEvent {
  const scenarios = ids.map((id): SummaryRow => {
    const d = done.find((e) => e.scenario === id)
    if (d === undefined) return { scenario: id, result: 'not-run', observed: [], durationMs: 0, pausedMs: 0 }
    const row: SummaryRow = { scenario: id, result: resultOf(d), observed: [...d.observed], durationMs: d.durationMs, pausedMs: d.pausedMs ?? 0 }
    const reason = reasonOf(d)
    if (reason !== undefined) row.reason = reason
    return row
  })
  const totals: SummaryEvent['totals'] = {
    scenarios: scenarios.length, reproduced: 0, skipped: 0, failed: 0, interrupted: 0, 'not-run': 0,
    durationMs: round(scenarios.reduce((sum, r) => sum + r.durationMs, 0)),
    pausedMs: round(scenarios.reduce((sum, r) => sum + r.pausedMs, 0)),
  }
  for (const r of scenarios) totals[r.result] += 1
  return { type: 'summary', scenarios, totals }
}

function resultOf (d: DoneEvent): SummaryResult {
  if (d.skipped !== undefined) return 'skipped'
  if (d.interrupted !== undefined) return 'interrupted'
  return d.ok ? 'reproduced' : 'failed'
}

/** One line: a skip's reason, the error, or the codes that did not show. */
function reasonOf (d: DoneEvent): string | undefined {
  const why = d.skipped ?? d.interrupted ?? d.error?.message ?? (d.ok ? undefined : `expected ${d.missing.join(', ')} but did not see it`)
  return why?.split('\n')[0]
}

function round (value: number): number {
  return Math.round(value * 1000) / 1000
}

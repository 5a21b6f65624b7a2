/** Benchmark helpers: wall time of whole commands, measured side by side (interleaved) so machine noise hits both. */
import { spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { median } from '../src/measure/stats.js'

export { median }

/** Wall time of one run of a command, in ms. Throws if it fails: a benchmark of a failing command means nothing. */
export function timeOnce (cmd: string, args: string[]): number {
  const t0 = performance.now()
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
  const ms = performance.now() - t0
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${String(r.stderr).trim().split('\n')[0]}`)
  return ms
}

export interface Comparison {
  name: string
  subjectMs: number
  baselineMs: number
  ratio: number
  runs: number
}

/** Run subject and baseline alternately `runs` times (after one warm-up each); compare medians. */
export function compare (name: string, subject: [string, string[]], baseline: [string, string[]], runs = 9): Comparison {
  timeOnce(...subject)
  timeOnce(...baseline)
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < runs; i++) {
    a.push(timeOnce(...subject))
    b.push(timeOnce(...baseline))
  }
  const subjectMs = median(a)
  const baselineMs = median(b)
  return { name, subjectMs, baselineMs, ratio: subjectMs / baselineMs, runs }
}

export function table (rows: Array<Record<string, string | number>>): string {
  const cols = Object.keys(rows[0] ?? {})
  const cell = (v: string | number): string => typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : v
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c] ?? '').length)))
  const line = (vals: string[]): string => vals.map((v, i) => v.padEnd(widths[i]!)).join('  ')
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => cell(r[c] ?? ''))))].join('\n')
}

/**
 * The one clock of the lab: monotonic milliseconds, so a wall-clock change never bends a measured time.
 *
 * process.hrtime rather than performance.now(): node:perf_hooks (or the `performance` global, which loads it) costs
 * about 1 ms of every quick command's start on Node 20, and `ports`, `probe` and `check` only ever subtract two
 * readings. Readings count from this module's load; only differences between them mean anything.
 */
const origin = process.hrtime.bigint()

/** Milliseconds with microsecond resolution, from a monotonic clock. */
export function now (): number {
  return Number(process.hrtime.bigint() - origin) / 1e6
}

/** Elapsed milliseconds since `start`, rounded to 3 decimals (a microsecond). */
export function since (start: number): number {
  return Math.round((now() - start) * 1000) / 1000
}

/** An event's time on the story's clock: its wall time since the start, minus the time spent at `--step` prompts. */
export function storyTime (event: { t: number, pausedMs?: number }): number {
  return Math.round((event.t - (event.pausedMs ?? 0)) * 1000) / 1000
}

/** The one clock of the lab: monotonic milliseconds, so a wall-clock change never bends a measured time. */
import { performance } from 'node:perf_hooks'

/** Milliseconds with microsecond resolution, from a monotonic clock. */
export function now (): number {
  return performance.now()
}

/** Elapsed milliseconds since `start`, rounded to 3 decimals (a microsecond). */
export function since (start: number): number {
  return Math.round((performance.now() - start) * 1000) / 1000
}

/** An event's time on the story's clock: its wall time since the start, minus the time spent at `--step` prompts. */
export function storyTime (event: { t: number, pausedMs?: number }): number {
  return Math.round((event.t - (event.pausedMs ?? 0)) * 1000) / 1000
}

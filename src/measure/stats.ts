/** Small statistics for measured samples: percentiles by the nearest-rank method, no interpolation. */

/** The nearest-rank percentile of `xs` (p in 0..100). NaN for no samples. */
export function percentile (xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!
}

export function median (xs: readonly number[]): number {
  return percentile(xs, 50)
}

/** What a series of round trips came to, in milliseconds. */
export interface LatencySummary {
  /** How many round trips were measured (warm-up ones excluded). */
  samples: number
  p50Ms: number
  p99Ms: number
  minMs: number
  maxMs: number
  meanMs: number
}

export function summarize (samplesMs: readonly number[]): LatencySummary {
  const sum = samplesMs.reduce((a, b) => a + b, 0)
  return {
    samples: samplesMs.length,
    p50Ms: round(percentile(samplesMs, 50)),
    p99Ms: round(percentile(samplesMs, 99)),
    minMs: round(Math.min(...samplesMs)),
    maxMs: round(Math.max(...samplesMs)),
    meanMs: round(sum / samplesMs.length),
  }
}

/** Microsecond precision is all a JavaScript timer can honestly claim. */
export function round (ms: number): number {
  return Math.round(ms * 1000) / 1000
}

/** For narration: 16777216 -> "16". */
export function mebibytes (bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0)
}

/** For narration: bytes per second -> "1234" (MB/s, decimal megabytes as network tools print them). */
export function megabytesPerSecond (bytesPerSecond: number): string {
  return (bytesPerSecond / 1e6).toFixed(0)
}

/** For narration: ratio(3, 2) -> "1.5×". */
export function ratio (a: number, b: number): string {
  return `${(a / b).toFixed(1)}×`
}

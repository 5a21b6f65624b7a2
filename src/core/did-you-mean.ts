/** "Did you mean 'refused'?": the known names nearest to what was typed, for ids, commands, options and choices. */

/** Damerau-free Levenshtein distance; small inputs only (ids and flags). */
export function distance (a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!
    prev[0] = i
    for (let j = 1; j <= b.length; j++) {
      const keep = prev[j]!
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = keep
    }
  }
  return prev[b.length]!
}

/** The known names closest to `input`: a prefix match, or at most a third of the name's letters off. */
export function closest (input: string, known: readonly string[], max = 3): string[] {
  const needle = input.toLowerCase()
  return known
    .map((name) => ({ name, d: name.startsWith(needle) && needle.length > 0 ? 0 : distance(needle, name) }))
    .filter(({ name, d }) => d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((x, y) => x.d - y.d || x.name.localeCompare(y.name))
    .slice(0, max)
    .map(({ name }) => name)
}

/** " Did you mean 'refused'?" or "" */
export function didYouMean (input: string, known: readonly string[]): string {
  const near = closest(input, known)
  if (near.length === 0) return ''
  return ` Did you mean ${near.map((n) => `'${n}'`).join(' or ')}?`
}

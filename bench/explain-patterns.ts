/**
 * explain runs its regular expressions over text anyone can paste (the CLI, the dashboard's explain box). This times
 * each one over adversarial text: the shapes that make a backtracking pattern super-linear. Shared by the bench (which
 * prints the slowest figure at 64 KB and 1 MB) and test/explain-property.test.ts (which bounds it).
 */
import { performance } from 'node:perf_hooks'

/** Separators, line breaks (U+2028/U+2029 are `\s` and line ends for `^`/`$` with `m`), each character class. */
const FLOOD = ['\n', '\r\n', '\u2028', '\u2029', ' ', '\t', ':', '.', '-', '/', '_', ',', ';', '|', '"', "'", '`', '(', ')',
  '[', ']', '<', '>', '%', '@', '=', '0', '1', 'a', 'A', 'E', 'f', 'é', '\u00a0']

/** Pairs that sit on both sides of a class boundary (`-1` is a container log's `name-1 |`, `1.` an IPv4 octet). */
const PAIRS = ['\n-1', '-1', '1.', '1:', 'a:', 'a.', 'a-', '_1', ' a', '\na', '\n ', ':1', '.a', 'a/', '::1', '1 ', '0x', ') ']

/** Literal words of a pattern's source, long enough to steer a match (`failed to connect to server [`). */
function literalsOf (re: RegExp): string[] {
  const words: string[] = []
  let word = ''
  const src = re.source
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!
    if (c === '\\' && i + 1 < src.length) {
      const next = src[++i]!
      // An escaped metacharacter is a literal (`\[`); a class escape (`\s`, `\d`) ends the word.
      if (/[A-Za-z0-9]/.test(next)) { words.push(word); word = '' } else word += next
    } else if ('()[]{}|?*+^$.'.includes(c)) {
      words.push(word)
      word = ''
    } else word += c
  }
  words.push(word)
  return [...new Set(words.filter((w) => w.length >= 3))].slice(0, 8)
}

/** Text of `size` characters made by repeating `unit`, ended by a character no pattern expects there. */
function fill (unit: string, size: number): string {
  return `${unit.repeat(Math.ceil(size / unit.length)).slice(0, size - 1)}\u0001`
}

/** Adversarial inputs of about `size` characters for every pattern: floods of one character and of pairs. */
export function floods (size: number): string[] {
  return [...FLOOD, ...PAIRS].map((unit) => fill(unit, size))
}

/**
 * Near-matches of one pattern: its own words followed by a long run that almost continues the match, and its words
 * repeated back to back (each occurrence starts a match attempt that could scan to the end).
 */
export function nearMatches (re: RegExp, size: number): string[] {
  const out: string[] = []
  for (const word of literalsOf(re)) {
    for (const run of ['a', '1', ' ', '.', ')', ':', '\n']) out.push(word + fill(run, size - word.length))
    out.push(fill(word, size), fill(`${word} `, size), fill(`${word}a1.`, size))
  }
  return out
}

/** How long one global scan of `input` by `re` takes (every match, as explain's loops do), in ms. */
export function scanMs (re: RegExp, input: string): number {
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)
  const started = performance.now()
  for (let m = g.exec(input), n = 0; m !== null && n < 100_000; m = g.exec(input), n++) if (m[0].length === 0) g.lastIndex++
  return performance.now() - started
}

export interface SlowestPattern {
  ms: number
  pattern: string
  /** The first characters of the input it was slowest on. */
  input: string
}

/**
 * The slowest pattern of `patterns` over every adversarial input of `size` characters (each figure the best of up to
 * three scans once it passes `boundMs`). `boundMs`, when given, also stops a pattern at its first input slower than
 * that: one super-linear case is enough to know, and the rest could take minutes.
 */
export function slowestPattern (patterns: readonly RegExp[], size: number, boundMs = Infinity): { slowest: SlowestPattern, over: SlowestPattern[] } {
  const common = floods(size)
  let slowest: SlowestPattern = { ms: 0, pattern: '', input: '' }
  const over: SlowestPattern[] = []
  for (const re of patterns) {
    for (const input of [...common, ...nearMatches(re, size)]) {
      let ms = scanMs(re, input)
      // A pause of the machine (GC, the other processes on it) is not the pattern's: over the bound, measure again.
      for (let retry = 0; retry < 2 && ms > boundMs; retry++) ms = Math.min(ms, scanMs(re, input))
      // U+2028/U+2029 written as escapes: raw, they end a line of TAP or of a terminal table.
      const seen = { ms, pattern: re.source, input: JSON.stringify(input.slice(0, 40)).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`) }
      if (ms > slowest.ms) slowest = seen
      if (ms > boundMs) {
        over.push(seen)
        break
      }
    }
  }
  return { slowest, over }
}

/**
 * Every regular-expression literal in explain's source (src/diagnose/explain/*.ts, not the knowledge tables): the
 * signatures and extractors `allPatterns()` lists and the helpers' own (token trimming, host checks, context rules).
 * Read with TypeScript's scanner, so a pattern added anywhere in those files is timed without anyone listing it.
 */
export async function explainRegexLiterals (): Promise<RegExp[]> {
  const { readFileSync, readdirSync, existsSync } = await import('node:fs')
  const { dirname, join } = await import('node:path')
  const { fileURLToPath } = await import('node:url')
  const ts = (await import('typescript')).default
  // From bench/ (tsx) or dist/bench/ (compiled): the repository is the nearest folder with a package.json.
  let root = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(root, 'package.json'))) root = dirname(root)
  const dir = join(root, 'src', 'diagnose', 'explain')
  const out: RegExp[] = []
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
    const file = ts.createSourceFile(name, readFileSync(join(dir, name), 'utf8'), ts.ScriptTarget.Latest, true)
    const visit = (node: import('typescript').Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(file)
        const cut = text.lastIndexOf('/')
        out.push(new RegExp(text.slice(1, cut), text.slice(cut + 1)))
      }
      ts.forEachChild(node, visit)
    }
    visit(file)
  }
  return out
}

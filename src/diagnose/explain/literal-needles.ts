/**
 * A cheap "could this regular expression match here?" before running it. V8 compiles a regular expression the first
 * time it runs, and explain holds a few hundred (signatures, evidence forms, address extractors): compiling them all on
 * the first text cost every `explain` command several milliseconds (issue 15). Most of them need a literal word that
 * the text does not contain (`actively refused`, `EADDRINUSE`), so `String.includes` on that word first means only the
 * few that can match are ever compiled.
 *
 * The needles are read from the pattern's own source, conservatively: one literal run per top-level alternative, and
 * no needles at all (the pattern always runs) when any alternative has no literal run of 3 characters. Literal runs
 * stop at anything that is not a plain character (a group, a class, `.`, an escape like `\d`), and a character made
 * optional by `?`, `*` or `{0,…}` is dropped. Under the `i` flag a run keeps ASCII characters only and is compared with
 * the lower-cased text (non-Unicode case-insensitive matching never maps a non-ASCII character to an ASCII one).
 */

import { patternNeedlesJson } from './knowledge/pattern-needles.js'

/** A pattern's needles: the text can match only if it contains one of them. null: always run the pattern. */
export interface Needles { words: string[], lower: boolean }

/**
 * `text` with every non-ASCII UTF-16 code unit written `\uXXXX` (an astral character as its surrogate pair), and an
 * identity escape of one (`\’`) as the character alone. The meaning of a string, template or regular expression
 * literal stays (with the u or v flag a surrogate pair's two escapes are the one code point). tools/build/bundle.mjs
 * writes quick-explain.cjs through it: esbuild leaves non-ASCII characters inside regular expression literals, and a
 * file that is not ASCII only reached V8 as a two-byte string (issue 15). So the bundle's patterns have these sources.
 */
export function escapeNonAscii (text: string): string {
  if (!NON_ASCII.test(text)) return text
  return text.replace(NON_ASCII_ESCAPED, (_, slashes: string, chars: string) => {
    let out = slashes.length % 2 === 1 ? slashes.slice(1) : slashes
    for (let i = 0; i < chars.length; i++) out += `\\u${chars.charCodeAt(i).toString(16).padStart(4, '0')}`
    return out
  })
}
const NON_ASCII = /[^\x00-\x7f]/
const NON_ASCII_ESCAPED = /(\\*)([^\x00-\x7f]+)/g

/**
 * The table key of a pattern: its source as the quick bundle writes it (escapeNonAscii), so that tsc's modules and
 * quick-explain.cjs find one entry.
 */
export const patternKey = (re: RegExp): string => `${re.flags}/${escapeNonAscii(re.source)}`

const MIN_NEEDLE = 3

const isDigit = (c: number): boolean => c >= 48 && c <= 57

/**
 * The quantifier at `i` (`?`, `*`, `+`, `{m}`, `{m,}`, `{m,n}`): its length and whether it allows zero copies; 0 when
 * there is none. A `{` that does not start one is a literal brace.
 */
function quantifierAt (src: string, i: number): [number, boolean] {
  const c = src[i]
  if (c === '?' || c === '*') return [1, true]
  if (c === '+') return [1, false]
  if (c !== '{') return [0, false]
  let j = i + 1
  while (j < src.length && isDigit(src.charCodeAt(j))) j++
  if (j === i + 1) return [0, false]
  const zero = src.slice(i + 1, j).replace(/^0+/, '') === ''
  if (src[j] === ',') { j++; while (j < src.length && isDigit(src.charCodeAt(j))) j++ }
  return src[j] === '}' ? [j + 1 - i, zero] : [0, false]
}

/** Skips a group `( … )` or class `[ … ]` that starts at `i`; returns the index after it. */
function skipBracketed (src: string, i: number): number {
  let depth = 0
  let inClass = false
  for (let j = i; j < src.length; j++) {
    const c = src[j]
    if (c === '\\') { j++; continue }
    if (inClass) { if (c === ']') { inClass = false; if (depth === 0) return j + 1 } continue }
    if (c === '[') { inClass = true; continue }
    if (c === '(') depth++
    else if (c === ')') { depth--; if (depth === 0) return j + 1 }
  }
  return src.length
}

/** The top-level alternatives of a pattern's source. */
function alternatives (src: string): string[] {
  const out: string[] = []
  let from = 0
  for (let i = 0; i < src.length; i++) {
    const c = src[i]
    if (c === '\\') { i++; continue }
    if (c === '(' || c === '[') { i = skipBracketed(src, i) - 1; continue }
    if (c === '|') { out.push(src.slice(from, i)); from = i + 1 }
  }
  out.push(src.slice(from))
  return out
}

function isAsciiAlnum (c: string): boolean {
  const n = c.charCodeAt(0)
  return isDigit(n) || (n >= 65 && n <= 90) || (n >= 97 && n <= 122)
}

/** The longest run of characters every match of `alt` contains, or '' when there is none. */
function longestLiteral (alt: string, asciiOnly: boolean): string {
  let best = ''
  let run = ''
  const end = (): void => { if (run.length > best.length) best = run; run = '' }
  for (let i = 0; i < alt.length;) {
    const c = alt[i]!
    let lit: string | null = null
    let next = i + 1
    if (c === '\\') {
      const e = alt[i + 1] ?? ''
      next = i + 2
      // `\.` `\(` `\/` are the character itself; `\d` `\b` `\n` `\u00e9` `\1` are not one plain character.
      if (e !== '' && !isAsciiAlnum(e)) lit = e
    } else if (c === '(' || c === '[') {
      next = skipBracketed(alt, i)
    } else if (!'.^$|)]{}?*+'.includes(c)) {
      lit = c
    }
    if (lit !== null && asciiOnly && lit.charCodeAt(0) > 0x7f) lit = null
    const [qLength, optional] = quantifierAt(alt, next)
    if (qLength > 0) {
      next += qLength
      if (alt[next] === '?') next++
      // A repeated character is in every match once at least; what follows it is not next to that one copy.
      if (lit !== null && !optional) run += lit
      end()
      i = next
      continue
    }
    if (lit === null) end()
    else run += lit
    i = next
  }
  end()
  return best
}

/**
 * The needles of one alternative: its longest literal run when that has MIN_NEEDLE characters; else the needles of a
 * group every match of it goes through (`\b(?:ConnectException|BindException)\b`, `(?:Failed to proxy|Error
 * occurred proxying) (\S+)`: a group that is not optional, not a lookaround, each of its own alternatives with
 * needles), which stood for about a fifth of the patterns that always ran (issue 15). null when it has neither.
 */
function alternativeNeedles (alt: string, asciiOnly: boolean, lower: boolean): string[] | null {
  const w = longestLiteral(alt, asciiOnly)
  if (w.length >= MIN_NEEDLE) return [lower ? w.toLowerCase() : w]
  for (let i = 0; i < alt.length; i++) {
    const c = alt[i]
    if (c === '\\') { i++; continue }
    if (c === '[') { i = skipBracketed(alt, i) - 1; continue }
    if (c !== '(') continue
    const end = skipBracketed(alt, i)
    const inner = groupBody(alt.slice(i + 1, end - 1))
    i = end - 1
    if (inner === null || quantifierAt(alt, end)[1]) continue
    const words: string[] = []
    for (const a of alternatives(inner)) {
      const n = alternativeNeedles(a, asciiOnly, lower)
      if (n === null) { words.length = 0; break }
      words.push(...n)
    }
    if (words.length > 0) return words
  }
  return null
}

/** What a group `( … )` matches, without its opening (`?:`, `?<name>`); null for a lookaround, which consumes nothing. */
function groupBody (group: string): string | null {
  if (!group.startsWith('?')) return group
  if (group.startsWith('?:')) return group.slice(2)
  if (group.startsWith('?<') && group[2] !== '=' && group[2] !== '!') return group.slice(group.indexOf('>') + 1)
  return null
}

/** The needles of `re` read from its source (what the generator stores). */
export function readNeedles (re: RegExp): Needles | null {
  let result: Needles | null = null
  // Unicode case folding (`ſ` matches `s`, `K` matches `k`) is not what toLowerCase does: no needles then.
  if (!(re.ignoreCase && (re.unicode || re.flags.includes('v')))) {
    const words: string[] = []
    for (const alt of alternatives(re.source)) {
      const w = alternativeNeedles(alt, re.ignoreCase, re.ignoreCase)
      if (w === null) { words.length = 0; break }
      words.push(...w)
    }
    if (words.length > 0) result = { words, lower: re.ignoreCase }
  }
  return result
}

/** The text, and its lower-cased copy made once on first need. */
export interface Haystack { text: string, lower?: string }

/** One generated table's prefilter: its patterns' needles, and whether a pattern may match a text. */
export interface NeedleFilter {
  /** The needles of `re` (cached), or null when it must always run. */
  needlesOf (re: RegExp): Needles | null
  /** False when `re` cannot match `hay.text`; true when it may (then run it). */
  mayMatch (re: RegExp, hay: Haystack): boolean
}

/**
 * A table of needles as its generator stores it (knowledge/pattern-needles.ts, check/command-line-needles.ts): by
 * flags, each pattern's source (escapeNonAscii'd, as patternKey names it) followed by its needles, or 0 when it must
 * always run. Not keyed by `flags/source`: JSON.parse made each of those ~390 long keys a property name (hashed and
 * internalised) and the look-up built one more per pattern. Read this way, the table and explain's 390 look-ups took
 * 0.33 ms instead of 0.85 in a fresh Node 20 (medians of 4); needlesOf's calls in its quick file 0.59 instead of 0.86.
 */
type StoredTable = Record<string, Array<string | string[] | 0>>

/** The needles table of `patterns`, as the generators write it; sorted, so a regenerated table diffs cleanly. */
export function needlesTable (patterns: Iterable<RegExp>): { json: string, patterns: number, withNeedles: number } {
  const byFlags = new Map<string, Map<string, string[] | 0>>()
  for (const re of patterns) {
    let bySource = byFlags.get(re.flags)
    if (bySource === undefined) byFlags.set(re.flags, bySource = new Map())
    bySource.set(escapeNonAscii(re.source), readNeedles(re)?.words ?? 0)
  }
  const stored: StoredTable = {}
  let count = 0
  let withNeedles = 0
  for (const flags of [...byFlags.keys()].sort()) {
    const bySource = byFlags.get(flags)!
    stored[flags] = [...bySource.keys()].sort().flatMap((source) => {
      const words = bySource.get(source)!
      count++
      if (words !== 0) withNeedles++
      return [source, words]
    })
  }
  return { json: JSON.stringify(stored), patterns: count, withNeedles }
}

/** A stored table read back, by flags then source. */
function readTable (json: string): Map<string, Map<string, string[] | 0>> {
  const stored = JSON.parse(json) as StoredTable
  const table = new Map<string, Map<string, string[] | 0>>()
  for (const flags of Object.keys(stored)) {
    const list = stored[flags]!
    const bySource = new Map<string, string[] | 0>()
    for (let i = 0; i < list.length; i += 2) bySource.set(list[i] as string, list[i + 1] as string[] | 0)
    table.set(flags, bySource)
  }
  return table
}

/** The stored needles of `re`, undefined when the table has no entry for it. No key is built unless its source is not ASCII. */
function storedFor (table: Map<string, Map<string, string[] | 0>>, re: RegExp): string[] | 0 | undefined {
  const bySource = table.get(re.flags)
  if (bySource === undefined) return undefined
  const source = re.source
  return bySource.get(source) ?? (NON_ASCII.test(source) ? bySource.get(escapeNonAscii(source)) : undefined)
}

/** For tests: a stored table as a record by patternKey. */
export function storedNeedles (json: string): Record<string, string[] | 0> {
  const out: Record<string, string[] | 0> = {}
  for (const [flags, bySource] of readTable(json)) for (const [source, words] of bySource) out[`${flags}/${source}`] = words
  return out
}

/**
 * The prefilter over one stored table of needles (needlesTable), read at first use.
 * Reading a pattern's source at run time costs more than compiling it (a cold parser in JavaScript: ~14 ms for
 * explain's ~330 patterns), so a generator reads them all once at build time (tools/knowledge/gen-pattern-needles.mjs
 * for explain, gen-command-line-needles.mjs for check); a pattern missing from its table (the table is stale: the
 * tests fail then) has its needles read here.
 */
export function needleFilter (tableJson: () => string): NeedleFilter {
  const cache = new WeakMap<RegExp, Needles | null>()
  let table: Map<string, Map<string, string[] | 0>> | undefined
  function needlesOf (re: RegExp): Needles | null {
    const cached = cache.get(re)
    if (cached !== undefined) return cached
    table ??= readTable(tableJson())
    const known = storedFor(table, re)
    const result = known === undefined ? readNeedles(re) : known === 0 ? null : { words: known, lower: re.ignoreCase }
    cache.set(re, result)
    return result
  }
  function mayMatch (re: RegExp, hay: Haystack): boolean {
    const n = needlesOf(re)
    if (n === null) return true
    let t = hay.text
    if (n.lower) t = hay.lower ??= hay.text.toLowerCase()
    for (const w of n.words) if (t.includes(w)) return true
    return false
  }
  return { needlesOf, mayMatch }
}

/** explain's patterns (knowledge/pattern-needles.ts). Pure: a bundle that never asks leaves the table out. */
const explainNeedles = /* @__PURE__ */ needleFilter(() => patternNeedlesJson)
export const needlesOf = (re: RegExp): Needles | null => explainNeedles.needlesOf(re)
export const mayMatch = (re: RegExp, hay: Haystack): boolean => explainNeedles.mayMatch(re, hay)

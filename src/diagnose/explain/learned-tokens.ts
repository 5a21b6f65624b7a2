/**
 * The tokens the learned word table (learned.ts) is trained on and read with: the wording of an error text without
 * its instance data. Addresses, ports, URLs, paths, hex and code spans are what changes from one run to the next, not how a
 * program says what went wrong, so they go before anything is counted. Spaced scripts give lower-cased words
 * (CamelCase split: `ConnectionRefusedError` is `connection refused error`), with the marks of Latin letters folded
 * (`refusée` and Links' `refusee` are one word); scripts without spaces (Han, kana) and Hangul give character
 * pairs; numbers give `#111`-style tokens (the generator keeps only the ones that are known error codes).
 * One function, shared by the generator and the engine so that the two can never read a text differently.
 * Every expression is linear, and the text is capped before it is read: bounded time on any input.
 */

/** A text is read up to this many characters (the end: an error is almost always last) and this many tokens. */
export const MAX_CHARS = 8192
export const MAX_TOKENS = 400

const URL = /\b[a-z][a-z0-9+.-]{1,15}:\/\/[^\s"'<>()]{0,300}/gi
const BRACKETED_V6 = /\[[0-9a-f:.%]{2,60}\](?::\d{1,5})?/gi
const BARE_V6 = /(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?:%\w{1,20})?/gi
const V4 = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b/g
/**
 * host:port, and a port after `port`/`Port` is instance data too (`port 35055`). The look-behind starts a host only
 * where a run of host characters starts: each run is scanned once, not once from each of its characters.
 */
const HOST_PORT = /(?<![\w.-])[\w.-]{1,253}:\d{2,5}\b|\bport:? ?\d{2,5}\b/gi
/** A path after a space, a quote or a parenthesis (`/tmp/x/y`, `C:\Users\a`); `HTTP/1.1` goes with it, harmlessly. */
const PATH = /(?:\b[a-z]:)?[\\/][\w.~@+-]{0,100}(?:[\\/][\w.~@+-]{0,100}){0,30}/gi
const HEX = /\b0x[0-9a-f]{1,16}\b|\b[0-9a-f]{8,}\b/gi
/**
 * A code span (`port-in-use`, MySQL's `db_name`, cargo's `serde`): a name quoted as code is an identifier, instance
 * data like a path, not the program's wording; a line of documentation naming kinds is not a failure of any of them.
 */
const CODE_SPAN = /`[^`\n]{1,200}`/g
/** CamelCase and `HTTPError` boundaries, before lower-casing; look-aheads only, so a run of capitals is read once. */
const CAMEL = /([a-z])(?=[A-Z])|([A-Z])(?=[A-Z][a-z])/g
const LATIN_MARKS = /([a-z])\p{M}+/gu
const UNSPACED_RUN = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]+/gu
const WORD = /[\p{L}]{2,40}/gu
const NUMBER = /\b\d{2,5}\b/g
/**
 * An ASCII text's words after lower-casing: what WORD finds there. Most texts are ASCII; for them the marks, the
 * unspaced scripts and the Unicode normalisation have nothing to do, and the three /u patterns would cost their
 * compilation (with normalize's first call ~1 ms of a fresh process, for a text where they change nothing).
 */
const ASCII = /^[\x00-\x7f]*$/
const ASCII_WORD = /[a-z]{2,40}/g

/** The distinct tokens of `text`, in the order they first appear. */
export function learnedTokens (text: string): string[] {
  let s = text.length > MAX_CHARS ? text.slice(-MAX_CHARS) : text
  s = s.replace(URL, ' ').replace(BRACKETED_V6, ' ').replace(V4, ' ').replace(HOST_PORT, ' ').replace(BARE_V6, (m) => m.includes('::') || m.split(':').length > 3 ? ' ' : m)
    .replace(PATH, ' ').replace(HEX, ' ').replace(CODE_SPAN, ' ')
  s = s.replace(CAMEL, '$1$2 ')
  const out = new Set<string>()
  const add = (t: string): void => { if (out.size < MAX_TOKENS) out.add(t) }
  if (ASCII.test(s)) {
    s = s.toLowerCase()
    for (const m of s.matchAll(ASCII_WORD)) add(m[0])
    for (const m of s.matchAll(NUMBER)) add(`#${m[0]}`)
    return [...out]
  }
  s = s.normalize('NFD').toLowerCase().replace(LATIN_MARKS, '$1').normalize('NFC')
  // Pairs of characters for the scripts without spaces: そのような, 连接被拒绝 -> 连接, 接被, 被拒, 拒绝.
  s = s.replace(UNSPACED_RUN, (run) => {
    if (run.length === 1) add(run)
    for (let i = 0; i + 1 < run.length; i++) add(run.slice(i, i + 2))
    return ' '
  })
  for (const m of s.matchAll(WORD)) add(m[0])
  for (const m of s.matchAll(NUMBER)) add(`#${m[0]}`)
  return [...out]
}

/** For tests and benchmarks: the regular expressions learnedTokens runs over untrusted text. */
export function learnedTokenPatterns (): RegExp[] {
  return [URL, BRACKETED_V6, BARE_V6, V4, HOST_PORT, PATH, HEX, CODE_SPAN, CAMEL, ASCII, ASCII_WORD, LATIN_MARKS, UNSPACED_RUN, WORD, NUMBER]
}

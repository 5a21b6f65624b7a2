/**
 * explain: turn an error text someone pasted (from any client: Node, curl, Python, Java, Go, Rust, .NET, databases,
 * proxies, browsers) into ranked candidate causes, each with the scenario that reproduces it, plus the address and port
 * the text names. Synchronous, no network, never throws, bounded time on any input; the one thing it reads is where
 * this package is installed (once, by cli/invocation.ts), so each `command` and hint works where the user is.
 *
 * How it decides, in three steps, each its own module: evidence.ts reads every piece of evidence in the text (codes,
 * numbers with their platform, messages in any language, tools' wording, the direction, context words), with the
 * facts of lexicon.ts; addresses.ts finds the address and port the failing operation used; rank.ts turns both into
 * ranked kinds. This file normalises the input and words the answer (./signatures.ts has each kind's narration).
 */
import { demoCommand, localiseCommands } from '../../core/invocation.js'
import { NOTHING_FOUND, announcePatterns, announcementsOf, choose, mentionsOf, EXTRACTORS, GENERIC, NOT_TARGET, REFUSAL, type Found, type NamedEndpoint } from './addresses.js'
import { familyOf } from '../../net/address.js'
import { aboutAddress, type AboutAddress } from './about-address.js'
import { announcedProgram, type ProgramCategory } from '../check/known-programs.js'
import { evidenceOf, evidencePatterns, lineMayMatter, toolsOf, undecorated, type Evidence } from './evidence.js'
import { THIRD_KEPT, isGuess, learnedAlternatives, withLearned } from './learned.js'
import { lexiconPatterns } from './lexicon.js'
import { applyContext, rankPatterns, ranked as rankedKinds, scoreEvidence, type Score } from './rank.js'
import { SIGNATURES, signatureOf, type Kind, type ScenarioId } from './signatures.js'

export type { NamedEndpoint } from './addresses.js'
export type { Evidence } from './evidence.js'

export type { Kind, ScenarioId } from './signatures.js'

export interface Candidate {
  kind: Kind
  scenario: ScenarioId
  /** 0..1, how well the text supports this cause; candidates are sorted by it, highest first. */
  confidence: number
  title: string
  why: string
  fix: string
  /** The exact command that reproduces this failure on real sockets. */
  command: string
  /** The fragments of the text that pointed here (quoted, or the rule that applied). */
  evidence: string[]
  /** The evidence that counted, strongest first: its type, the words, what they mean, the weight and the line. */
  because: Evidence[]
}

/** An address and port the text names (not one end of a live connection: that is core/events.ts's `Endpoint`). */
export interface ExplainResult {
  candidates: Candidate[]
  /** The address the failing operation used, as the text names it (a literal such as `::1`, or a name such as `localhost`). */
  address: string | null
  port: number | null
  /** The family of `address` when it is a literal; null for a name. */
  family: 'IPv4' | 'IPv6' | null
  /** The host name the text used, when it named one (e.g. `localhost` while the address tried was ::1). */
  host: string | null
  /** Every distinct address and port the text names in an error context (e.g. both ::1 and 127.0.0.1). */
  endpoints: NamedEndpoint[]
  /** What would tell the top candidates apart when the text cannot. */
  tellApart: string[]
  /**
   * False when nothing was recognised: the first candidate is then `unknown`, or the learned words' best guess (its
   * confidence under 0.5, its `why` starting "Not sure:") with `unknown` right after it.
   */
  recognised: boolean
  /** True when the input was larger than explain reads and only its error-looking lines were analysed. */
  reduced: boolean
  /** The programs the text shows printed it (node, go, python, curl, libpq, java …), as far as it tells. */
  tools: string[]
  /** When the text is an address (or a question about one): what it is, in plain words, and the facts behind it. */
  about?: AboutAddress
  /** When the text is a program announcing where it listens: which program (check's known-programs table). */
  sighting?: Sighting
}

export interface Sighting {
  /** known-programs.ts's id and name. */
  id: string
  program: string
  category: ProgramCategory
  port: number | null
  /** The risk anyone who reaches it brings, when the kind of program says so (a debugger: code-execution). */
  risk: 'code-execution' | null
  what: string
  ifReached: string
}

/** Programs whose protocol lets whoever connects run code. */
const CODE_EXECUTION: readonly ProgramCategory[] = ['debugger', 'browser-automation']

/** Words that ask about an address rather than report a failure: `what is 127.0.0.1:62893?`, `is 0.0.0.0:8080 safe`. */
const QUESTION_WORDS = /\b(?:what|what's|whats|who|which|why|is|it|this|that|the|a|an|port|address|mean|means|meaning|program|process|app|dangerous|safe|hack(?:ed|er)?|virus|malware|open|listening|on|my|in|log|saw|see|i|does|do|ok|normal|from|and|or)\b|[?!.,:;'"()]/gi

/** English words that report a failure; prose about an address without any of them asks what the address is. */
const FAILURE_WORDS = /error|exception|fail|refus|denied|timed? ?out|unable|cannot|can't|couldn't|could not|doesn't|does not|not (?:work|load|connect|reach|respond)|won't|\bblocked\b|\brejected\b/i
/** Letters outside ASCII (typographic quotes and dashes aside): prose in a language FAILURE_WORDS cannot read. */
const NOT_ENGLISH = /[^\x00-\x7f\u2018\u2019\u201c\u201d\u2013\u2014\u2026]/

/** Han, kana and Hangul: a character carries about what two or three Latin letters do ("无法连接" is "cannot connect"). */
const DENSE_SCRIPT = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/g
const weightedLength = (s: string): number => s.length + 1.5 * (s.match(DENSE_SCRIPT)?.length ?? 0)

/**
 * A text that names an address or port and reports no failure: a question about it, not an error report. Either
 * short and saying little else (`what is 127.0.0.1:62893?`), or a few English sentences about it (`I noticed
 * 127.0.0.1:49342 in my log and wondered what it was`) with no failure word and nothing the rules read as evidence.
 */
function isAddressQuestion (text: string, found: Found, noEvidence: boolean): boolean {
  if (found.address === null && found.port === null) return false
  const t = text.trim()
  const lines = t.split('\n').filter((l) => l.trim() !== '').length
  if (t.length <= 200 && lines <= 2) {
    // Leave out host:port tokens, URLs and addresses (a word with a dot or a colon) and bare numbers.
    const words = t.split(/\s+/).filter((w) => !/[.:]/.test(w) && !/^\d{1,5}\??$/.test(w)).join(' ')
    if (weightedLength(words.replace(QUESTION_WORDS, ' ').replace(/\s+/g, ' ').trim()) <= 30) return true
  }
  return noEvidence && t.length <= 400 && lines <= 4 && !NOT_ENGLISH.test(t) && !FAILURE_WORDS.test(t)
}

/** Texts up to this size are analysed whole; larger ones are reduced to their error-looking lines (the last ones). */
export const MAX_ANALYSED = 64 * 1024
/** Longer lines (binary junk, minified code) are cut into pieces of this size. */
const MAX_LINE = 4096
/** A top score below this means "not recognised". */
const RECOGNISED = 0.5

// ---------------------------------------------------------------------------------------------------------------
// Input

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-Za-z]|\u001b[@-_]/g
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

function normalise (input: unknown): { text: string, reduced: boolean } {
  let text: string
  try {
    text = typeof input === 'string' ? input : input == null ? '' : String(input)
  } catch {
    text = ''
  }
  let reduced = false
  if (text.length > MAX_ANALYSED * 4) {
    // Keep memory and time bounded on anything huge: the error is almost always near the end of a log.
    text = text.slice(-MAX_ANALYSED * 4)
    reduced = true
  }
  text = text.replace(ANSI, '').replace(/\r\n?/g, '\n').replace(CONTROL, ' ')
  if (text.length <= MAX_ANALYSED) return { text, reduced }
  const kept: string[] = []
  let size = 0
  const lines = text.split('\n')
  for (let i = lines.length - 1; i >= 0 && size < MAX_ANALYSED; i--) {
    const line = lines[i]!
    for (let end = line.length; end > 0 && size < MAX_ANALYSED; end -= MAX_LINE) {
      const piece = line.slice(Math.max(0, end - MAX_LINE), end)
      if (lineMayMatter(piece)) {
        kept.push(piece)
        size += piece.length + 1
      }
    }
  }
  return { text: kept.reverse().join('\n'), reduced: true }
}

function fill (template: string, found: Found): string {
  const target = found.address !== null && found.port !== null
    ? (found.address.includes(':') ? `[${found.address}]:${found.port}` : `${found.address}:${found.port}`)
    : found.address ?? (found.port !== null ? `port ${found.port}` : 'the address in the message')
  return localiseCommands(template)
    .replaceAll('{target}', target)
    .replaceAll('{port}', found.port !== null ? String(found.port) : 'PORT')
    .replaceAll('{host}', found.host ?? found.address ?? 'NAME')
    .replaceAll('{about}', () => aboutAddress(found.address, found.port, found.host).plain)
}

function round2 (n: number): number {
  return Math.round(n * 100) / 100
}

// ---------------------------------------------------------------------------------------------------------------

/** How explain reads a text. Both default to true: a text the user gave as the failure. */
export interface ExplainOptions {
  /**
   * Whether the learned words count at all. A log's reader turns them off for its blocks: in a log only the rules
   * make a failure, because words that are right 97 % of the time on held-out failures still find one in a long log
   * of ordinary lines (a README's sample output of check, "whoever connects to it can run any code").
   */
  learned?: boolean
  /**
   * Whether the learned words' best guess may come before `unknown`. A log's reader turns it off for the tail it
   * reads when no line was recognised: a log that shows no failure should not open with a guess at one; the words'
   * kinds still follow `unknown` there.
   */
  guess?: boolean
}

/** Explain an error text. Never throws; always returns at least one candidate (`unknown` when nothing matched). */
export function explain (input: string, opts: ExplainOptions = {}): ExplainResult {
  try {
    return analyse(input, opts.learned ?? true, opts.guess ?? true)
  } catch {
    // A bug of ours must not become the user's problem: answer "unknown" rather than crash.
    return result([], NOTHING_FOUND, false)
  }
}

function analyse (input: unknown, words: boolean, mayGuess: boolean): ExplainResult {
  const { text, reduced } = normalise(input)
  if (text.trim() === '') return result([], NOTHING_FOUND, false, text, reduced)
  const ruled = evidenceOf(text)
  const scores = scoreEvidence(words ? withLearned(ruled, text) : ruled)
  let found = choose(mentionsOf(undecorated(text)))
  const tools = toolsOf(text)
  const announcements = announcementsOf(text)
  applyContext(scores, text, found, tools, announcements)
  // An announcement alone names the server's own address, which the target rules leave out (`Local: http://…`).
  const announced = announcements.find((a) => a.address !== null || a.port !== null)
  if (found.address === null && found.port === null && announced) {
    found = { ...found, address: announced.address, port: announced.port, endpoints: [{ address: announced.address, port: announced.port, family: familyOf(announced.address) ?? null }] }
  }
  // The scores first: a text already recognised never compiles QUESTION_WORDS (~0.3 ms on a fresh Node 20).
  if (Math.max(...[...scores.values()].map((x) => x.score)) < RECOGNISED && isAddressQuestion(text, found, ruled.length === 0)) {
    scores.set('address', { score: 0.9, evidence: ['the text is an address and port, or a question about one'], because: [] })
  }
  const order = rankedKinds(scores)
  const recognised = order.length > 0 && order[0]![1].score >= RECOGNISED
  // A question about an address and a program's announcement report no failure: nothing to offer alternatives to.
  // (On announcements the words would offer port-in-use nearly always: "listening", "local" are its words too.)
  if (words && recognised && order[0]![0] !== 'address' && order[0]![0] !== 'announcement') offerLearned(order, text)
  const candidates: Candidate[] = order.map(([kind, s]) => candidate(kind, s.score, s.evidence, s.because, text, found))
  const about = candidates[0]?.kind === 'address' ? aboutAddress(found.address, found.port, found.host) : undefined
  const sighting = candidates[0]?.kind === 'announcement' ? sightingOf(text, found) : undefined
  if (sighting) candidates[0]!.why = `This is ${sighting.program}: ${lowerFirst(sighting.what)} ${candidates[0]!.why} ${sighting.ifReached}`
  return { ...result(candidates, found, recognised, text, reduced, mayGuess), tools: tools.map((t) => t.id), ...(about ? { about } : {}), ...(sighting ? { sighting } : {}) }
}

/**
 * When the rules support no third kind (THIRD_KEPT, or evidence of its own), or name only one, the learned words'
 * own reading of the text fills the places up to the third: "if not these, this". The kinds after keep their order; each offered kind's
 * confidence sits between its neighbours', and its evidence says it is learned and an alternative.
 */
function offerLearned (order: Array<[Kind, Score]>, text: string): void {
  let offers: Evidence[] | undefined
  for (let i = 1; i < 3; i++) {
    // A third the text itself gave evidence for (a message, a code) stays; a derived one (a refusal's "in a
    // container", no evidence of its own) under THIRD_KEPT gives its place.
    if (order[i] !== undefined && (i < 2 || order[i]![1].score >= THIRD_KEPT || order[i]![1].because.length > 0)) continue
    offers ??= learnedAlternatives(text)
    const e = offers.find((x) => !order.slice(0, i).some(([k]) => k === x.kind))
    if (e === undefined) return
    const at = order.findIndex(([k]) => k === e.kind)
    const s: Score = at === -1 ? { score: 0, evidence: [], because: [] } : order.splice(at, 1)[0]![1]
    s.score = Math.min(order[i - 1]![1].score, Math.max(s.score, e.weight, (order[i]?.[1].score ?? 0) + 0.01))
    e.weight = s.score
    s.because = [e, ...s.because].slice(0, 6)
    if (e.text !== '' && !s.evidence.includes(e.text)) s.evidence = [e.text, ...s.evidence].slice(0, 4)
    order.splice(i, 0, [e.kind, s])
  }
}

const lowerFirst = (s: string): string => /^(?:A|An|The|It is) /.test(s) ? `${s.charAt(0).toLowerCase()}${s.slice(1)}` : s

function sightingOf (text: string, found: Found): Sighting | undefined {
  const p = announcedProgram(text)
  if (!p) return undefined
  return { id: p.id, program: p.name, category: p.category, port: found.port, risk: CODE_EXECUTION.includes(p.category) ? 'code-execution' : null, what: p.what, ifReached: p.ifReached }
}

function candidate (kind: Kind, score: number, evidence: string[], because: Evidence[], text: string, found: Found): Candidate {
  const sig = signatureOf(kind)
  const variant = sig.variants?.find((v) => v.when.test(text))
  const scenario = variant?.scenario ?? sig.scenario
  return {
    kind,
    scenario,
    confidence: round2(Math.min(1, score)),
    title: sig.title,
    why: fill(variant?.why ?? sig.why, found),
    fix: fill(variant?.fix ?? sig.fix, found),
    command: demoCommand(scenario),
    evidence,
    because,
  }
}

function result (ranked: Candidate[], found: Found, recognised: boolean, text = '', reduced = false, mayGuess = true): ExplainResult {
  let candidates = ranked
  if (!recognised) {
    const unknown = candidate('unknown', 1 - (ranked[0]?.confidence ?? 0), [], [], text, found)
    if (text.trim() === '') unknown.why = 'The input was empty: there is no error text to explain.'
    else if (found.address !== null || found.port !== null) unknown.fix += ' The text names an address: add --probe to see whether anything listens there now.'
    // A text given as the failure: the learned words' best guess, said to be one, helps more first than `unknown`.
    // A text too large to read whole stays strict, and so does a log's tail (ExplainOptions.guess); a log's reader
    // records recognised blocks only, so neither the guess nor `unknown` ever becomes a failure of a log.
    const guess = mayGuess && !reduced && ranked[0] !== undefined && isGuess(ranked[0].because)
    if (guess) ranked[0]!.why = `Not sure: no rule matched, only words that often mean this in labelled texts. ${ranked[0]!.why}`
    candidates = guess ? [ranked[0]!, unknown, ...ranked.slice(1)] : [unknown, ...ranked]
  }
  // Confidences are rounded for display; keep them strictly decreasing so the rank is visible in the numbers too.
  for (let i = 1; i < candidates.length; i++) {
    const prev = candidates[i - 1]!.confidence
    if (candidates[i]!.confidence >= prev) candidates[i]!.confidence = Math.max(0, round2(prev - 0.01))
  }
  const tellApart: string[] = []
  const top = candidates[0]!
  for (const c of candidates.slice(0, 3)) {
    if (c !== top && c.confidence < top.confidence * 0.6) break
    const line = fill(signatureOf(c.kind).tellApart, found)
    if (!tellApart.includes(line)) tellApart.push(line)
  }
  return {
    candidates,
    address: found.address,
    port: found.port,
    family: familyOf(found.address) ?? null,
    host: found.host,
    endpoints: found.endpoints,
    tellApart,
    recognised,
    reduced,
    tools: [],
  }
}

/** For tests and benchmarks: every regular expression explain runs over untrusted text. */
export function allPatterns (): RegExp[] {
  return [
    ...SIGNATURES.flatMap((s) => [...s.patterns.map((p) => p.re), ...(s.variants ?? []).map((v) => v.when)]),
    ...evidencePatterns(),
    ...announcePatterns(),
    QUESTION_WORDS,
    DENSE_SCRIPT,
    ...lexiconPatterns(),
    ...EXTRACTORS.map((e) => e.re),
    ...GENERIC.map((e) => e.re),
    ...NOT_TARGET,
    REFUSAL,
    ...rankPatterns(),
  ]
}

/**
 * explain over a whole log, read as it arrives (`my-app 2>&1 | localhost-lab explain`): bytes in any split, cut into
 * numbered lines; each line that may carry evidence (evidence.ts `lineMayMatter`) is analysed with its block around it
 * (a stack, a `[cause]`, a `{ errno: … }`), and what explain recognises becomes a failure, counted when it repeats.
 * Memory stays bounded whatever the length of the log: a ring of recent lines, one open block, at most
 * MAX_FAILURES distinct failures kept (findings of any further ones are only counted).
 */
import { explain, type ExplainResult, type Kind } from './explain.js'
import { lineMayMatter } from './evidence.js'

/** A recognised failure of the log: where it was first and last seen, how often, and explain's answer for its block. */
export interface Finding {
  /** The top candidate's kind. */
  kind: Kind
  /** The line the headline shows (1-based): the one that carries the strongest evidence, at the first sighting. */
  line: number
  /** That line as it was in the input (outside text: the renderer escapes it). */
  text: string
  /** How many blocks of the log were recognised as this same failure. */
  count: number
  firstLine: number
  lastLine: number
  result: ExplainResult
}

export interface LogSummary {
  /** Lines read (a line cut into pieces counts once). */
  lines: number
  /** False when the input had nothing but blank lines (or nothing at all). */
  sawText: boolean
  /** In order of first appearance. */
  failures: Finding[]
  /** Findings of failures beyond the first MAX_FAILURES distinct ones: counted, not kept. */
  notKept: number
  /** The causal order, one plain sentence per rule that applies (CAUSAL_RULES). */
  causes: string[]
  /** When nothing was recognised: explain's answer for the last lines (its `unknown` and what to try). */
  tail: ExplainResult | null
}

export interface LogReaderOptions {
  /** Called once per new distinct failure, as soon as its block is analysed. */
  onFailure?: (finding: Finding) => void
}

/** Longer lines (binary junk, minified code) are cut into pieces of this size. */
export const MAX_LINE = 4096
/** Recent lines kept for the context before a line that matters (and for the tail answer at the end). */
const RING = 30
/** A block (a stack, a cause chain) is analysed with at most this many lines. */
const MAX_BLOCK = 40
/** An open block waits at most this long for its next line: a program that stops writing mid-stack still gets an answer. */
export const BLOCK_WAIT_MS = 150
/** Announcement lines kept as context for the failures that follow. */
const MAX_ANNOUNCED = 4
/** Distinct failures kept; a log that fails in more ways than this is summarised by the first ones. */
export const MAX_FAILURES = 64

/**
 * Lines that continue the block above them although they start at column 0: the closing brace of Node's
 * `{ errno, code … }`, Java's `Caused by:` and `Suppressed:`, Node's `[cause]` and `Emitted 'error' event`, Python's
 * chained-exception sentences, Java's `... 12 more`.
 */
const CONTINUES = /^(?:[}\])]|Caused by:|Suppressed:|\[cause\]|Emitted 'error' event|During handling of the above exception|The above exception was the direct cause|\.\.\. \d+ more)/
const INDENTED = /^[ \t]/
const BLANK = /^\s*$/

/** Whether `text` belongs to the block of the line above it. A blank line ends a block. */
function continuesBlock (text: string): boolean {
  return INDENTED.test(text) ? !BLANK.test(text) : CONTINUES.test(text)
}

/**
 * How failures that follow one another are told as one story: a failure of kind `cause`, then a later failure of one
 * of the `effects` kinds on the same port (or where either names none), makes the sentence. Each effect kind has its
 * verb. The one rule today: a server that could not listen, then clients that could not reach it.
 */
export interface CausalRule {
  causes: readonly Kind[]
  effects: Partial<Readonly<Record<Kind, string>>>
  /** `{cause}`: `line 3`; `{effects}`: `were refused (line 40, 17 times)`, joined with `and`. */
  sentence: string
}

export const CAUSAL_RULES: readonly CausalRule[] = [
  {
    causes: ['port-in-use', 'permission-denied', 'address-not-available'],
    effects: { refused: 'were refused', 'localhost-ipv6': 'were refused', 'not-ready': 'were refused', timeout: 'timed out' },
    sentence: 'The server could not start ({cause}), so the clients that came later {effects}',
  },
]

interface Line {
  /** 1-based line number in the input (the pieces of a cut line share it). */
  n: number
  /** Order of arrival, pieces counted: tells which lines a closed block already took. */
  seq: number
  text: string
}

interface Block {
  lines: Line[]
  trigger: Line
}

/** Push chunks as they come, `end()` at EOF (or on Ctrl-C): every line is considered once, in order. */
export class LogReader {
  private readonly decoder = new TextDecoder('utf-8')
  private readonly onFailure: ((finding: Finding) => void) | undefined
  private partial = ''
  /** The first pieces of the line in `partial` were taken already: the rest keeps their line number. */
  private continued = false
  private lineCount = 0
  private seq = 0
  private sawText = false
  private readonly ring: Array<Line | undefined> = new Array<Line | undefined>(RING)
  /** The highest seq a closed block took: the next block's context never reaches back into it. */
  private analysedUpTo = 0
  private block: Block | null = null
  private timer: NodeJS.Timeout | undefined
  private readonly failures = new Map<string, Finding>()
  /** The last lines in which a server announced where it listens: read with each later block, as its evidence. */
  private readonly announced: string[] = []
  private notKept = 0
  private summary: LogSummary | undefined

  constructor (options: LogReaderOptions = {}) {
    this.onFailure = options.onFailure
  }

  /** Lines read so far. */
  get lines (): number {
    return this.lineCount
  }

  /** Bytes (decoded as UTF-8, invalid sequences as U+FFFD) or text, split anywhere. */
  push (chunk: Uint8Array | string): void {
    if (this.summary !== undefined) return
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true })
    if (text === '') return
    let start = 0
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl)
      start = nl + 1
      const line = this.partial === '' ? piece : this.partial + piece
      this.partial = ''
      this.take(line.endsWith('\r') ? line.slice(0, -1) : line)
    }
    this.partial += text.slice(start)
    // A line with no end in sight is considered in pieces rather than held whole.
    if (this.partial.length > MAX_LINE) {
      const keep = this.partial.length % MAX_LINE || MAX_LINE
      const cut = this.partial.length - keep
      const n = this.continued ? this.lineCount : ++this.lineCount
      this.continued = true
      for (let i = 0; i < cut; i += MAX_LINE) this.piece(this.partial.slice(i, i + MAX_LINE), n)
      this.partial = this.partial.slice(cut)
    }
    if (this.block !== null) this.armTimer()
  }

  /** EOF: the last line, the open block, and the answer for the whole log. */
  end (): LogSummary {
    if (this.summary !== undefined) return this.summary
    this.partial += this.decoder.decode()
    if (this.partial !== '') this.take(this.partial.endsWith('\r') ? this.partial.slice(0, -1) : this.partial)
    this.partial = ''
    this.closeBlock()
    let tail: ExplainResult | null = null
    if (this.failures.size === 0 && this.sawText) {
      // Nothing recognised line by line: the last lines as one text, the way a pasted tail would be read.
      const recent = this.recent(RING)
      tail = explain(recent.map((l) => l.text).join('\n'), { guess: false })
      if (tail.recognised) this.record(tail, recent, recent.at(-1)!)
    }
    const failures = [...this.failures.values()]
    this.summary = { lines: this.lineCount, sawText: this.sawText, failures, notKept: this.notKept, causes: causalSentences(failures), tail: failures.length > 0 ? null : tail }
    return this.summary
  }

  /** A whole line: cut into pieces of MAX_LINE if it is longer. */
  private take (text: string): void {
    const n = this.continued ? this.lineCount : ++this.lineCount
    const rest = this.continued
    this.continued = false
    // A line that ended right where its last piece was cut adds no empty piece.
    if (rest && text === '') return
    if (text.length <= MAX_LINE) {
      this.piece(text, n)
      return
    }
    for (let i = 0; i < text.length; i += MAX_LINE) this.piece(text.slice(i, i + MAX_LINE), n)
  }

  private piece (text: string, n: number): void {
    const line: Line = { n, seq: ++this.seq, text }
    if (!this.sawText && !BLANK.test(text)) this.sawText = true
    this.ring[line.seq % RING] = line
    const open = this.block
    if (open !== null) {
      if (open.lines.length < MAX_BLOCK && continuesBlock(text)) {
        open.lines.push(line)
        return
      }
      this.closeBlock()
    }
    if (lineMayMatter(text)) this.openBlock(line)
  }

  private openBlock (trigger: Line): void {
    const lines = [trigger]
    // An indented line (a stack frame, `code: 'ECONNREFUSED'`) is read with the lines above it, up to its block's head.
    if (continuesBlock(trigger.text)) {
      for (let seq = trigger.seq - 1; seq > this.analysedUpTo && seq > trigger.seq - RING && lines.length < MAX_BLOCK; seq--) {
        const above = this.ring[seq % RING]
        if (above === undefined || above.seq !== seq || BLANK.test(above.text)) break
        lines.unshift(above)
        if (!continuesBlock(above.text)) break
      }
    }
    this.block = { lines, trigger }
  }

  private armTimer (): void {
    clearTimeout(this.timer)
    this.timer = setTimeout(() => this.closeBlock(), BLOCK_WAIT_MS)
    this.timer.unref()
  }

  private closeBlock (): void {
    clearTimeout(this.timer)
    this.timer = undefined
    const block = this.block
    if (block === null) return
    this.block = null
    this.analysedUpTo = block.lines.at(-1)!.seq
    const text = block.lines.map((l) => l.text).join('\n')
    // What a server announced earlier is evidence for this block's failure (a server on ::1 only, a refusal on 127.0.0.1).
    // The rules alone: a log's failures are what its lines say in words explain knows (ExplainOptions.learned).
    const result = explain(this.announced.length > 0 ? `${this.announced.join('\n')}\n${text}` : text, { learned: false })
    if (result.recognised && result.candidates[0]!.kind === 'announcement') {
      this.announced.push(evidenceLine(result.candidates[0]!.evidence, block.lines)?.text ?? block.trigger.text)
      if (this.announced.length > MAX_ANNOUNCED) this.announced.shift()
    }
    // An address named in a log line is not a failure of the log (a bare address is answered only as the whole input).
    if (result.recognised && result.candidates[0]!.kind !== 'address') this.record(result, block.lines, block.trigger)
  }

  private record (result: ExplainResult, lines: readonly Line[], trigger: Line): void {
    const top = result.candidates[0]!
    const key = `${top.kind}\u0000${result.address ?? ''}\u0000${result.port ?? ''}`
    const shown = evidenceLine(top.evidence, lines) ?? trigger
    const known = this.failures.get(key)
    if (known !== undefined) {
      known.count++
      known.lastLine = Math.max(known.lastLine, shown.n)
      return
    }
    if (this.failures.size >= MAX_FAILURES) {
      this.notKept++
      return
    }
    const finding: Finding = { kind: top.kind, line: shown.n, text: shown.text, count: 1, firstLine: shown.n, lastLine: shown.n, result }
    this.failures.set(key, finding)
    this.onFailure?.(finding)
  }

  /** The last `count` lines, oldest first. */
  private recent (count: number): Line[] {
    const out: Line[] = []
    for (let seq = this.seq; seq > 0 && seq > this.seq - count; seq--) {
      const line = this.ring[seq % RING]
      if (line === undefined || line.seq !== seq) break
      out.unshift(line)
    }
    return out
  }
}

/** The line that holds the first evidence snippet found verbatim (explain quotes the text it read). */
function evidenceLine (evidence: readonly string[], lines: readonly Line[]): Line | undefined {
  for (const snippet of evidence) {
    if (snippet === '') continue
    const line = lines.find((l) => l.text.includes(snippet))
    if (line !== undefined) return line
  }
  return undefined
}

function times (count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`
}

/** The sentences of CAUSAL_RULES that apply to `failures` (in order of first appearance). */
export function causalSentences (failures: readonly Finding[]): string[] {
  const out: string[] = []
  for (const rule of CAUSAL_RULES) {
    for (const cause of failures.filter((f) => rule.causes.includes(f.kind))) {
      const effects = failures.filter((f) => f.firstLine > cause.firstLine && rule.effects[f.kind] !== undefined && samePort(cause, f))
      if (effects.length === 0) continue
      const byVerb = new Map<string, string[]>()
      for (const e of effects) {
        const verb = rule.effects[e.kind]!
        byVerb.set(verb, [...(byVerb.get(verb) ?? []), `line ${e.firstLine}, ${times(e.count)}`])
      }
      const said = [...byVerb].map(([verb, where]) => `${verb} (${where.join('; ')})`).join(' and ')
      out.push(`${rule.sentence.replace('{cause}', `line ${cause.firstLine}`).replace('{effects}', said)}.`)
    }
  }
  return out
}

function samePort (a: Finding, b: Finding): boolean {
  return a.result.port === null || b.result.port === null || a.result.port === b.result.port
}

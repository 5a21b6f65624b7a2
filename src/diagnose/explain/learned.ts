/**
 * The fallback for wording explain's rules do not know: words that, in labelled texts, often mean one kind of
 * failure (knowledge/learned-words.ts, trained on the corpus' development split and the message catalogues by
 * tools/knowledge/learned-words.mjs). It runs only when the rules found no evidence or only weak evidence, only on
 * the lines that look like failures (evidence.ts `lineMayMatter`), and says what it is: its evidence is typed
 * `learned` and reads "words that often mean refused: 'verbindung', 'fehlgeschlagen'". Its weight stays below the
 * rules': a learned kind is first only when the rules have nothing, and is below RECOGNISED (explain answers
 * `unknown` with the learned kinds after it, "not sure") unless the words point one way clearly.
 * The table is read the first time the fallback runs, never at start-up, and then a token at a time (committedTable).
 */
import { announcementsOf } from './addresses.js'
import { lineMayMatter, type Evidence } from './evidence.js'
import { MAX_CHARS, learnedTokens } from './learned-tokens.js'
import type { LearnedTable } from './learned-train.js'
import { learnedWordsJson } from './knowledge/learned-words.js'
import type { Kind } from './signatures.js'

/** Rule evidence at least this strong means the rules have answered: the fallback stays out. */
export const GATE = 0.5
/**
 * A clear learned answer: its first kind's score leads the second's by this much. On held-out programs' texts
 * (tools/knowledge/learned-cv.mjs) a lead of 8 was right 95 % of the time and one of 16 97 %, a lead under 2 less
 * than 85 %; the share of the total score told less (few words, high share, often wrong). 16, not 8: on 9,875
 * ordinary lines that lineMayMatter lets through (dpkg and apt logs, npm packages' READMEs) leads of 8 to 12.7 made
 * 26 of them look like failures; none led by 16.
 */
const CLEAR_MARGIN = 16
/**
 * A best guess: a first kind that leads the second by this much (but less than CLEAR_MARGIN) goes first in the
 * answer to a text given as the failure, marked "not sure", ahead of `unknown` (explain.ts's `result`). It is still
 * not recognised, so a log's reader (log.ts records recognised blocks only) never makes it a failure. Chosen from
 * learned-cv.mjs's curve on held-out programs' texts the rules do not recognise: a guess led by under 1 was right
 * 17 % of the time, 1 to 2 17 %, 2 to 4 25 %, 4 and more 75 % (6 of 8), `unknown` first right for none of them.
 * Every band beats `unknown` on top-1 (85.6 % macro at 0, 84.7 % at 4), but only from 4 is the guess right more
 * often than not; and of 6,420 ordinary lines lineMayMatter lets through, each given alone, 6,272 would get a guess at
 * 0 and 168 at 4. Re-derived in round 3 (296 programs): under 1 20 % (8 of 40), 1 to 2 13 %, 2 to 4 17 %, 4 and more
 * 47 % (8 of 17), `unknown` still right for none; top-1 86.8 % macro at 0, 86.2 % at 4, 85.9 % at 8; ordinary lines
 * guessed 5,257 at 0, 167 at 4, 25 at 8 (of 6,796). 4 stays: it is where the bands stop being mostly wrong and the
 * ordinary lines guessed fall from thousands to a few in a hundred, and both held as the corpus grew from 254 to 296
 * programs; 8 rests on 3 held-out texts, too few to move to.
 */
export const GUESS_MARGIN = 4
/** The weights learned evidence gets: a clear first kind just reaches RECOGNISED; the rest stay under it. */
const CLEAR_WEIGHT = 0.5
const UNSURE_WEIGHT = 0.45
/** The lines read, from the end of the text. */
const MAX_LINES = 200
/**
 * The reason a line gives after its last ': ' (`…: Connection reset by peer`) counts this many times its words'
 * weight: what went wrong is said there, the operation and the program before it. On held-out programs
 * (learned-cv.mjs, prior 0.25) 1.5 raised the words alone from 72.5 to 74.0 % top-1 (localized 82.6 to 85.0 %), no
 * ordinary line recognised. Round 3 (296 programs): the words alone rise further with more (1.5: 77.8 / 92.4 % top-1 /
 * top-3, localized 86.4 %; 2.5: 78.3 / 92.7; 3: 78.4 / 93.0, localized 88.8 %; 4: 78.0 / 92.9), but explain with the
 * fallback does not: at 3 its top-1 stays 86.2 %, its localized top-3 falls 98.2 to 96.9 %, and 24 ordinary lines
 * (not 1) reach CLEAR_MARGIN, whose 16 was read off scores made with 1.5; at 2 explain's figures are unchanged and 20
 * ordinary lines are recognised. So 1.5 stays until both are re-derived together.
 */
export const REASON = 1.5

/** What learnedKinds reads: the kinds by index and one token's [kind, weight] pairs (undefined: not in the table). */
interface TableReader {
  kinds: readonly string[]
  weights (token: string): ReadonlyArray<readonly [number, number]> | undefined
}

let table: TableReader | null | undefined
let guessMargin = GUESS_MARGIN
/** The learned evidence that leads as a best guess: explain.ts asks (isGuess) before it puts `unknown` first. */
const guesses = new WeakSet<Evidence>()

/** For the cross-validation: the lead a best guess needs (undefined: GUESS_MARGIN; Infinity: no guesses). */
export function useGuessMargin (margin: number | undefined): void {
  guessMargin = margin ?? GUESS_MARGIN
}

/** Whether the first candidate's evidence makes it a best guess, to be answered first as "not sure". */
export function isGuess (because: readonly Evidence[]): boolean {
  return because.some((e) => guesses.has(e))
}

/** For the cross-validation and tests: read with this table instead (null: no fallback; undefined: the committed one). */
export function useLearnedTable (t: LearnedTable | null | undefined): void {
  table = t === null || t === undefined ? t : { kinds: t.kinds, weights: (token) => Object.hasOwn(t.words, token) ? t.words[token] : undefined }
  loaded = t !== undefined
}
let loaded = false

function current (): TableReader | null {
  if (!loaded) {
    table = committedTable(learnedWordsJson)
    loaded = true
  }
  return table ?? null
}

/**
 * The committed table (learned-train.ts's LearnedTable as JSON.stringify wrote it) read a token at a time: a text
 * asks for a few dozen tokens of its ~1,600, and JSON.parse of all of them took ~1.4 ms of a fresh process, now that
 * the words offer alternatives after most recognised texts too. A token is a key of `words` when `"token":` occurs
 * after that object opens (its values are numbers only); its value is the array up to the first `]]`.
 */
export function committedTable (json: string): TableReader {
  const open = json.indexOf('"words":{') + '"words":'.length
  const kinds = JSON.parse(json.slice(json.indexOf('['), json.indexOf(']') + 1)) as string[]
  const read = new Map<string, Array<[number, number]> | undefined>()
  return {
    kinds,
    weights (token) {
      if (read.has(token)) return read.get(token)
      const key = `${JSON.stringify(token)}:`
      const at = json.indexOf(key, open)
      const value = at < 0 ? undefined : JSON.parse(json.slice(at + key.length, json.indexOf(']]', at) + 2)) as Array<[number, number]>
      read.set(token, value)
      return value
    },
  }
}

export interface LearnedKind {
  kind: Kind
  /** The sum of its tokens' log-odds weights. */
  score: number
  /** Its share of the learned score over all kinds (0..1). */
  share: number
  /** The tokens that counted for it, strongest first. */
  words: string[]
  /** 1-based line the strongest token is on. */
  line: number
}

/** The kinds the learned words point to, best first; empty when no line looks like a failure or no word is known. */
export function learnedKinds (text: string): LearnedKind[] {
  const t = current()
  if (t === null) return []
  const lines = text.split('\n')
  const tokenLines: Array<[string[], number]> = []
  let size = 0
  for (let i = lines.length - 1; i >= 0 && tokenLines.length < MAX_LINES && size < MAX_CHARS; i--) {
    const line = lines[i]!.slice(0, MAX_CHARS)
    if (!lineMayMatter(line)) continue
    size += line.length
    tokenLines.push([learnedTokens(line), i + 1])
    const cut = line.lastIndexOf(': ')
    if (cut > 0) tokenLines.push([learnedTokens(line.slice(cut + 2)), -(i + 1)])
  }
  const score = new Array<number>(t.kinds.length).fill(0)
  const hits: Array<Array<[string, number, number]>> = t.kinds.map(() => [])
  const seen = new Set<string>()
  // The reason (after a line's last ': ') first, weighted more; then every token of each line once.
  tokenLines.sort((a, b) => (a[1] < 0 ? 0 : 1) - (b[1] < 0 ? 0 : 1))
  for (const [tokens, at] of tokenLines) {
    const f = at < 0 ? REASON : 1
    const line = Math.abs(at)
    for (const tok of tokens) {
      if (seen.has(tok)) continue
      const weights = t.weights(tok)
      if (weights === undefined) continue
      seen.add(tok)
      for (const [k, w] of weights) {
        score[k]! += w * f
        hits[k]!.push([tok, w * f, line])
      }
    }
  }
  const total = score.reduce((a, b) => a + b, 0)
  if (total === 0) return []
  return score.map((s, k) => ({ s, k })).filter((x) => x.s > 0).sort((a, b) => b.s - a.s).map(({ s, k }) => {
    const h = hits[k]!.sort((a, b) => b[1] - a[1])
    return { kind: t.kinds[k] as Kind, score: s, share: s / total, words: h.map((x) => x[0]), line: h[0]![2] }
  })
}

/**
 * A recognised text's third candidate stays the rules' when they support it at least this much; below, the learned
 * words' kind is offered third (explain.ts `offerLearned`), as it is second when the rules name one kind only. The
 * rules' weak third is mostly a kind derived from the first (a refusal's "in a container", a reset's "protocol
 * mismatch"), not evidence in the text. Held out (learned-cv.mjs's tables: trained without the text's program, or
 * without its repository for quoted texts), top-3 by program / by repository: no learned alternative 97.3 / 97.0 %;
 * filling only the places the rules leave empty 97.4 / 97.1 %; also replacing a third under 0.5 97.5 / 97.1 %, under
 * 0.6 97.6 / 97.3 %, and no higher at 0.7 or always; top-1 unchanged. Under 0.45 would leave a plain refusal's
 * third ("in a container", 0.45 of it) alone, and the word table unread there (~5 ms of a whole `explain`), at
 * 97.4 / 97.1 %. No lower bound on the words' own lead helped (the words' kind at a tenth of their first kind's score
 * or more: the same; a quarter: 0.1 points less). Not after an announcement or an address question (explain.ts).
 */
export const THIRD_KEPT = 0.6

/**
 * The learned words' three best kinds for a recognised text, as `learned` evidence saying each is an alternative
 * (explain.ts offers the first the rules did not rank above it). Empty when the words point nowhere.
 */
export function learnedAlternatives (text: string): Evidence[] {
  const kinds = learnedKinds(text).slice(0, 3)
  return kinds.map((k) => ({ kind: k.kind, weight: UNSURE_WEIGHT * k.score / kinds[0]!.score, means: `words that often mean ${k.kind}, learned from labelled texts: an alternative the rules did not name`, type: 'learned', text: quoteWords(k.words), line: k.line }))
}

/** At most 80 characters, as every piece of evidence quotes: the first of the words that fit. */
function quoteWords (list: readonly string[]): string {
  let words = ''
  for (const w of list.slice(0, 4).map((x) => `'${x.replace(/^#/, '')}'`)) if (words.length + w.length + 2 <= 80) words += words === '' ? w : `, ${w}`
  return words
}

/**
 * The hook explain calls on its evidence: unchanged when the rules found enough, else with the learned kinds added
 * (at most three) as `learned` evidence, weighted below the rules.
 */
export function withLearned (evidence: Evidence[], text: string): Evidence[] {
  let strongest = 0
  let strongestKind: Kind | undefined
  for (const e of evidence) {
    if (e.weight > strongest) {
      strongest = e.weight
      strongestKind = e.kind
    }
  }
  if (strongest >= GATE || announcementsOf(text).length > 0) return evidence
  const kinds = learnedKinds(text).slice(0, 3)
  if (kinds.length === 0) return evidence
  const lead = kinds[0]!.score - (kinds[1]?.score ?? 0)
  const clear = lead >= CLEAR_MARGIN
  // Words that agree with the rules' own weak first kind: two weak witnesses for one kind make a guess at any lead.
  const guess = !clear && guessMargin !== Infinity && (lead >= guessMargin || kinds[0]!.kind === strongestKind)
  const out = [...evidence]
  kinds.forEach((k, i) => {
    const weight = i === 0 && clear ? CLEAR_WEIGHT : UNSURE_WEIGHT * k.score / kinds[0]!.score
    const words = quoteWords(k.words)
    const e: Evidence = {
      kind: k.kind,
      weight: Math.min(weight, strongest > 0 ? strongest - 0.01 : weight),
      means: `words that often mean ${k.kind}, learned from labelled texts${clear && i === 0 ? '' : guess && i === 0 ? ': not sure, the best guess' : ': not sure'}`,
      type: 'learned',
      text: words,
      line: k.line,
    }
    if (guess && i === 0) guesses.add(e)
    out.push(e)
  })
  return out
}

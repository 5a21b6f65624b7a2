/**
 * Training of the learned word table (learned.ts reads it): per kind, how much more often a token appears in texts
 * of that kind than in texts of the other kinds — a log-odds ratio with an additive prior, over token presence
 * (short texts: a word said twice is not twice the evidence). Run at generation time and by the cross-validation
 * (tools/knowledge/learned-words.mjs, learned-cv.mjs), never by explain.
 *
 * Each text is weighted by its group (a program, or one catalogue in one language) so that a group totals the same
 * weight whatever its size: wget's 172 texts must not outvote a program with 3, nor glibc's 37 languages drown
 * the texts programs really print.
 */
import { learnedTokens } from './learned-tokens.js'

export interface TrainingText {
  text: string
  kind: string
  /** Weighting and cross-validation unit: a program (`psql`), or a catalogue in one language (`glibc de`). */
  group: string
  /** `corpus` or `catalogue`: the two are weighted as wholes against each other (`catalogueShare`). */
  origin: 'corpus' | 'catalogue'
}

export interface TrainOptions {
  /** Tokens kept per kind, the most informative first. */
  perKind: number
  /** The additive prior on each count (in group-weighted texts). */
  prior: number
  /** The share of all training weight the catalogues' sentences carry (the rest is the captured and quoted texts). */
  catalogueShare: number
  /** A token must appear in at least this many groups of its kind: one program's own identifiers are not wording. */
  minGroups: number
  /** Numbers kept as tokens (`#111`): the error codes explain knows; every other number is instance data. */
  codes: ReadonlySet<string>
}

/** The table as learned.ts reads it: kinds by index, and each token's weights for the kinds it is evidence for. */
export interface LearnedTable {
  kinds: string[]
  words: Record<string, Array<[kind: number, weight: number]>>
}

/**
 * prior 0.1, not round 1's 0.25: leave-one-program-out (learned-cv.mjs) raised the words alone from 74.0 to 75.0 %
 * top-1 (localized 85.0 to 87.2 %) and explain with the fallback from 84.5 to 84.7 %; 0.05 gave 75.4 % but
 * localized 87.0 %. More tokens a kind (400), minGroups 2, bigrams and catalogueShare 0.15 or 0.4 did no better.
 * Round 3 (296 programs; the words alone 77.8 / 92.4 % top-1 / top-3, localized 86.4 / 96.1 %) did no better either
 * with: 5-letter stems of every word beside it (77.9 / 91.8, localized 89.6 / 95.8, but the texts the rules do not
 * recognise, the ones the fallback is for, 34.6 -> 26.3 % top-1), tokens that count against a kind (76.6 / 90.3),
 * a group weighing its size^0.5 instead of 1 (79.0 / 91.5, the texts the rules miss 34.0 %), every positive weight
 * kept (77.6 / 92.0), and a logistic regression over the same tokens (AdaGrad, 40 epochs: 72.8 / 91.0 %).
 */
export const DEFAULT_OPTIONS: Omit<TrainOptions, 'codes'> = { perKind: 250, prior: 0.1, catalogueShare: 0.25, minGroups: 3 }

interface Doc { tokens: string[], kind: string, group: string, weight: number }

/** Kinds the table does not learn: they are not failures (an announcement, an address, nothing recognised). */
const NOT_FAILURES = new Set(['unknown', 'address', 'announcement'])

/** Tokenised once: the cross-validation trains ~100 tables from the same texts. */
export function tokenise (texts: readonly TrainingText[], codes: ReadonlySet<string>): Array<Omit<Doc, 'weight'> & { origin: TrainingText['origin'] }> {
  return texts.filter((t) => !NOT_FAILURES.has(t.kind)).map((t) => ({
    tokens: learnedTokens(t.text).filter((k) => !k.startsWith('#') || codes.has(k.slice(1))),
    kind: t.kind,
    group: t.group,
    origin: t.origin,
  }))
}

function weighted (docs: ReadonlyArray<Omit<Doc, 'weight'> & { origin: TrainingText['origin'] }>, share: number): Doc[] {
  const size = new Map<string, number>()
  for (const d of docs) size.set(d.group, (size.get(d.group) ?? 0) + 1)
  const groups = { corpus: new Set<string>(), catalogue: new Set<string>() }
  for (const d of docs) groups[d.origin].add(d.group)
  const total = { corpus: 1 - share, catalogue: share }
  return docs.map((d) => ({ tokens: d.tokens, kind: d.kind, group: d.group, weight: total[d.origin] / Math.max(1, groups[d.origin].size) / size.get(d.group)! }))
}

/** Trains the table from tokenised texts (tokenise's output). */
export function trainTable (tokenised: ReturnType<typeof tokenise>, options: TrainOptions): LearnedTable {
  const docs = weighted(tokenised, options.catalogueShare)
  const kinds = [...new Set(docs.map((d) => d.kind))].sort()
  const kindIndex = new Map(kinds.map((k, i) => [k, i]))
  const mass = new Array<number>(kinds.length).fill(0)
  const counts = new Map<string, number[]>()
  const groupsOf = new Map<string, Array<Set<string>>>()
  for (const d of docs) {
    const k = kindIndex.get(d.kind)!
    mass[k]! += d.weight
    for (const t of d.tokens) {
      let c = counts.get(t)
      if (!c) { c = new Array<number>(kinds.length).fill(0); counts.set(t, c); groupsOf.set(t, kinds.map(() => new Set())) }
      c[k]! += d.weight
      groupsOf.get(t)![k]!.add(d.group)
    }
  }
  const all = mass.reduce((a, b) => a + b, 0)
  // The prior is in the same unit as the counts: a fraction of one average group's weight.
  const alpha = options.prior * all / Math.max(1, new Set(docs.map((d) => d.group)).size)
  const picked: Array<Array<[string, number, number]>> = kinds.map(() => [])
  for (const [t, c] of counts) {
    const total = c.reduce((a, b) => a + b, 0)
    for (let k = 0; k < kinds.length; k++) {
      if (groupsOf.get(t)![k]!.size < options.minGroups) continue
      const inK = (c[k]! + alpha) / (mass[k]! + 2 * alpha)
      const rest = (total - c[k]! + alpha) / (all - mass[k]! + 2 * alpha)
      const w = Math.log(inK / rest)
      // Information: how strongly it points here, times how much of this kind's weight it is seen in.
      if (w > 0.2) picked[k]!.push([t, w, w * c[k]! / mass[k]!])
    }
  }
  // Without a prototype: a token may be any word, and `constructor` (from a Java frame's NativeConstructorAccessorImpl)
  // or `tostring` must be a key like any other.
  const words: LearnedTable['words'] = Object.create(null)
  picked.forEach((list, k) => {
    list.sort((a, b) => b[2] - a[2] || (a[0] < b[0] ? -1 : 1))
    for (const [t, w] of list.slice(0, options.perKind)) (words[t] ??= []).push([k, Math.round(w * 100) / 100])
  })
  const sorted: LearnedTable['words'] = Object.create(null)
  for (const t of Object.keys(words).sort()) sorted[t] = words[t]!
  return { kinds, words: sorted }
}

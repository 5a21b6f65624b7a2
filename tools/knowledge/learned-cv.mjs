// Leave-one-program-out on the development split: for each dev program, a table is trained on the catalogues and
// every other dev program, and explain answers that program's texts with it; the figures are averaged over programs
// (macro), so they say what explain does on a program it has never seen — without looking at the test split.
// Printed for explain as it is (the rules alone) and with the learned fallback, overall, localized and per ecosystem;
// then the curve the best guess's threshold is chosen from (learned.ts GUESS_MARGIN): per band of the words' lead,
// how often the guess is right on held-out texts, how often `unknown` first would be, and how many ordinary lines
// (packages' READMEs, this machine's dpkg and apt logs) each band would give a guess to when given alone.
//
//   npx tsc -p tsconfig.json && nice node tools/knowledge/learned-cv.mjs [--perKind 120 --prior 0.5 --guess 2 ...]
//
// explain is the compiled one (dist/): the fallback's table is swapped in through learned.ts's useLearnedTable.
import { catalogueTexts, corpusTexts, devEntries, groupOf, knownCodes } from './learned-inputs.mjs'
import { readFileSync } from 'node:fs'
import { repoRoot } from './lib.mjs'

const dist = `${repoRoot}dist/src/diagnose/explain/`
const { explain } = await import(`${dist}explain.js`)
const { learnedKinds, useGuessMargin, useLearnedTable } = await import(`${dist}learned.js`)
const { lineMayMatter } = await import(`${dist}evidence.js`)
const { learnedWordsJson } = await import(`${dist}knowledge/learned-words.js`)
const { DEFAULT_OPTIONS, tokenise, trainTable } = await import(`${dist}learned-train.js`)

const options = { ...DEFAULT_OPTIONS }
/** The lead the figures' best guess needs (learned.ts GUESS_MARGIN unless --guess). */
let guessAt
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '')
  if (key === 'guess') {
    guessAt = Number(process.argv[i + 1])
    continue
  }
  if (!(key in options)) throw new Error(`unknown option ${process.argv[i]} (${Object.keys(options).join(', ')}, guess)`)
  options[key] = Number(process.argv[i + 1])
}
const codes = knownCodes()
const dev = devEntries()
const catalogue = tokenise(catalogueTexts(), codes)
const corpus = tokenise(corpusTexts(dev), codes)

/** Labels the table does not learn (learned-train.ts): not failures. */
const NOT_LEARNED = new Set(['unknown', 'address', 'announcement'])
const localized = (e) => !(e.locale === undefined || e.locale === 'C' || e.locale === 'en' || e.locale.startsWith('en'))
function grade (e) {
  const kinds = explain(e.text).candidates.map((c) => c.kind)
  return { top1: kinds[0] === e.kind, top3: kinds.slice(0, 3).some((k) => k === e.kind || (e.accept ?? []).includes(k)) }
}

/** The words' lead: the first learned kind's score minus the second's (what GUESS_MARGIN is compared with). */
const leadOf = (text) => {
  const k = learnedKinds(text)
  return k.length === 0 ? -1 : k[0].score - (k[1]?.score ?? 0)
}

const programs = [...new Set(dev.map(groupOf))].sort()
const rows = { today: [], strict: [], guessed: [], alone: [], byRepository: [] }
for (const p of programs) {
  const held = dev.filter((e) => groupOf(e) === p)
  useLearnedTable(null)
  for (const e of held) rows.today.push({ e, ...grade(e) })
  useLearnedTable(trainTable([...catalogue, ...corpus.filter((d) => d.group !== p)], { ...options, codes }))
  // Round 1: `unknown` first whenever the words do not lead clearly.
  useGuessMargin(Infinity)
  for (const e of held) rows.strict.push({ e, ...grade(e) })
  // Every guess allowed: whether a guess led, and its lead, so that any threshold's figures follow from this one run
  // (the top 3 are the same either way: the guess and `unknown` only swap places).
  useGuessMargin(0)
  for (const e of held) {
    const r = explain(e.text)
    const guessed = !r.recognised && r.candidates[0].kind !== 'unknown'
    const agrees = guessed && r.candidates[0].because.some((b) => b.type !== 'learned')
    rows.guessed.push({ e, ...grade(e), guessed, agrees, lead: guessed ? leadOf(e.text) : -1, recognised: r.recognised })
  }
  useGuessMargin(undefined)
  // The words alone, as if no rule matched anything: how far they generalise to a program not trained on.
  for (const e of held.filter((x) => !NOT_LEARNED.has(x.kind))) {
    const kinds = learnedKinds(e.text).slice(0, 3).map((k) => k.kind)
    rows.alone.push({ e, top1: kinds[0] === e.kind, top3: kinds.some((k) => k === e.kind || (e.accept ?? []).includes(k)) })
  }
}
// Quoted texts held out by their repository, as the test split chooses them (tools/capture/run.mjs splitOf): a
// table trained without any text quoted from that repository answers them; macro over repositories.
const repoOf = (e) => /^quoted: ([^#\s]+)#/.exec(String(e.source))?.[1]
const learnedEntries = dev.filter((e) => !NOT_LEARNED.has(e.kind))
if (learnedEntries.length !== corpus.length) throw new Error("the corpus docs and their entries are out of step")
const quotedRepos = [...new Set(dev.map(repoOf).filter((r) => r !== undefined))].sort()
for (const repo of quotedRepos) {
  useLearnedTable(trainTable([...catalogue, ...corpus.filter((d, i) => repoOf(learnedEntries[i]) !== repo)], { ...options, codes }))
  for (const e of dev.filter((x) => repoOf(x) === repo)) rows.byRepository.push({ e, ...grade(e) })
}
useLearnedTable(undefined)
/** The figures when a guess needs a lead of `m`: below it, `unknown` is first (right only for a text labelled so). */
const atMargin = (m) => rows.guessed.map((r) => r.guessed && !r.agrees && r.lead < m ? { ...r, top1: r.e.kind === 'unknown' } : r)
const chosenMargin = guessAt ?? (await import(`${dist}learned.js`)).GUESS_MARGIN
rows.learned = atMargin(chosenMargin)

/** Macro over programs: each program's share of right answers, averaged. */
function macro (list) {
  const by = new Map()
  for (const r of list) {
    const g = by.get(groupOf(r.e)) ?? { n: 0, top1: 0, top3: 0 }
    g.n++
    if (r.top1) g.top1++
    if (r.top3) g.top3++
    by.set(groupOf(r.e), g)
  }
  const gs = [...by.values()]
  const avg = (f) => gs.length === 0 ? NaN : 100 * gs.reduce((a, g) => a + g[f] / g.n, 0) / gs.length
  return { programs: gs.length, texts: list.length, top1: avg('top1'), top3: avg('top3') }
}

const f = (x) => Number.isNaN(x) ? '   -  ' : `${x.toFixed(1).padStart(5)} %`
const line = (label, sel) => {
  const a = macro(rows.today.filter(sel))
  const b = macro(rows.learned.filter(sel))
  process.stdout.write(`${label.padEnd(34)} ${String(a.programs).padStart(4)} ${String(a.texts).padStart(5)}   ${f(a.top1)} ${f(a.top3)}   ${f(b.top1)} ${f(b.top3)}\n`)
}
process.stdout.write(`leave-one-program-out on dev, macro over programs; options ${JSON.stringify(options)}\n`)
process.stdout.write(`${'set'.padEnd(34)} ${'progs'.padStart(4)} ${'texts'.padStart(5)}   ${'today top-1'} ${'top-3'}   learned top-1  top-3\n`)
line('all', () => true)
line('captured', (r) => !String(r.e.source).startsWith('quoted'))
line('quoted', (r) => String(r.e.source).startsWith('quoted'))
line('localized', (r) => localized(r.e))
line('English', (r) => !localized(r.e))
for (const eco of [...new Set(dev.map((e) => e.ecosystem))].sort()) line(`ecosystem ${eco}`, (r) => r.e.ecosystem === eco)
const alone = macro(rows.alone)
const aloneLocalized = macro(rows.alone.filter((r) => localized(r.e)))
process.stdout.write(`the learned words alone (no rules), macro: top-1 ${f(alone.top1)}, top-3 ${f(alone.top3)}; localized ${f(aloneLocalized.top1)} / ${f(aloneLocalized.top3)} (${alone.texts} texts)\n`)
const repoMacro = (list) => {
  const by = new Map()
  for (const r of list) (by.get(repoOf(r.e)) ?? by.set(repoOf(r.e), []).get(repoOf(r.e))).push(r)
  const avg = (f) => 100 * [...by.values()].reduce((a, g) => a + g.filter((r) => r[f]).length / g.length, 0) / by.size
  return `top-1 ${f(avg('top1'))}, top-3 ${f(avg('top3'))} (${by.size} repositories, ${list.length} texts)`
}
process.stdout.write(`quoted, leave-one-repository-out (macro over repositories), with the fallback: ${repoMacro(rows.byRepository)}\n`)
const micro = (list) => `${(100 * list.filter((r) => r.top1).length / list.length).toFixed(1)} / ${(100 * list.filter((r) => r.top3).length / list.length).toFixed(1)} %`
process.stdout.write(`micro (every text once): today ${micro(rows.today)}, learned ${micro(rows.learned)} (round 1's strict lead: ${micro(rows.strict)})\n`)
const strict = macro(rows.strict)
process.stdout.write(`round 1 (unknown first unless the words lead by 16), macro: top-1 ${f(strict.top1)}, top-3 ${f(strict.top3)}; guess at a lead >= ${chosenMargin}: top-1 ${f(macro(rows.learned).top1)}\n`)

// The curve. Ordinary lines: real prose and logs that are not failures, each given alone (the committed table: none
// of them is a training text).
const BANDS = [0, 1, 2, 4, 8, 12, 16]
const bandOf = (lead) => BANDS.findLastIndex((b) => lead >= b)
const ordinary = []
for (const file of ['node_modules/fastify/README.md', 'node_modules/ws/README.md', 'node_modules/undici/README.md', 'node_modules/pino/README.md', 'node_modules/typescript/README.md', '/var/log/dpkg.log', '/var/log/apt/history.log', '/var/log/apt/term.log']) {
  try {
    for (const l of readFileSync(file.startsWith('/') ? file : `${repoRoot}${file}`, 'utf8').split('\n')) if (lineMayMatter(l)) ordinary.push(l)
  } catch {}
}
useLearnedTable(JSON.parse(learnedWordsJson))
useGuessMargin(0)
const ordinaryBands = BANDS.map(() => 0)
let ordinaryRecognised = 0
let ordinaryAgreeing = 0
for (const l of ordinary) {
  const r = explain(l)
  if (r.recognised && r.candidates[0].because.some((b) => b.type === 'learned')) ordinaryRecognised++
  if (r.recognised || r.candidates[0].kind === 'unknown') continue
  if (r.candidates[0].because.some((b) => b.type !== 'learned')) ordinaryAgreeing++
  else ordinaryBands[bandOf(leadOf(l))]++
}
useGuessMargin(undefined)
useLearnedTable(undefined)
process.stdout.write(`\nthe best guess per band of lead (held-out texts the rules do not recognise; micro): ${ordinary.length} ordinary lines, ${ordinaryRecognised} recognised from the words\n`)
process.stdout.write(`${'lead'.padEnd(10)} ${'texts'.padStart(5)} ${'progs'.padStart(5)}  guess right  unknown right  ordinary lines guessed\n`)
BANDS.forEach((b, i) => {
  const inBand = rows.guessed.filter((r) => r.guessed && !r.agrees && bandOf(r.lead) === i)
  const right = inBand.filter((r) => r.top1).length
  const unknown = inBand.filter((r) => r.e.kind === 'unknown').length
  const pct = (n) => inBand.length === 0 ? '   -  ' : `${(100 * n / inBand.length).toFixed(1).padStart(5)} %`
  process.stdout.write(`${`${b}${BANDS[i + 1] === undefined ? '+' : `-${BANDS[i + 1]}`}`.padEnd(10)} ${String(inBand.length).padStart(5)} ${String(new Set(inBand.map((r) => groupOf(r.e))).size).padStart(5)}  ${pct(right).padStart(11)}  ${pct(unknown).padStart(13)}  ${String(ordinaryBands[i]).padStart(6)}\n`)
})
const agreeing = rows.guessed.filter((r) => r.agrees)
process.stdout.write(`agreeing with a weak rule kind (a guess at any lead): ${agreeing.length} texts, ${agreeing.filter((r) => r.top1).length} right, ${agreeing.filter((r) => r.e.kind === 'unknown').length} labelled unknown; ordinary lines: ${ordinaryAgreeing}\n`)
const misses = rows.learned.filter((r) => !r.top1)
process.stdout.write(`misses at the chosen lead (micro): ${misses.length}; recognised as another kind ${misses.filter((r) => r.recognised).length}, a wrong guess ${misses.filter((r) => !r.recognised && r.guessed && (r.agrees || r.lead >= chosenMargin)).length}, unknown first ${misses.filter((r) => !r.recognised && !(r.guessed && (r.agrees || r.lead >= chosenMargin))).length}\n`)
process.stdout.write(`top-1 macro by the lead a guess needs: ${[0, 1, 2, 4, 8, 16, Infinity].map((m) => `${m}: ${f(macro(atMargin(m)).top1)}`).join(', ')}\n`)


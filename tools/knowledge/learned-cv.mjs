// Leave-one-program-out on the development split: for each dev program, a table is trained on the catalogues and
// every other dev program, and explain answers that program's texts with it; the figures are averaged over programs
// (macro), so they say what explain does on a program it has never seen — without looking at the test split.
// Printed for explain as it is (the rules alone) and with the learned fallback, overall, localized and per ecosystem.
//
//   npx tsc -p tsconfig.json && nice node tools/knowledge/learned-cv.mjs [--perKind 120 --prior 0.5 ...]
//
// explain is the compiled one (dist/): the fallback's table is swapped in through learned.ts's useLearnedTable.
import { catalogueTexts, corpusTexts, devEntries, groupOf, knownCodes } from './learned-inputs.mjs'
import { repoRoot } from './lib.mjs'

const dist = `${repoRoot}dist/src/diagnose/explain/`
const { explain } = await import(`${dist}explain.js`)
const { learnedKinds, useLearnedTable } = await import(`${dist}learned.js`)
const { DEFAULT_OPTIONS, tokenise, trainTable } = await import(`${dist}learned-train.js`)

const options = { ...DEFAULT_OPTIONS }
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '')
  if (!(key in options)) throw new Error(`unknown option ${process.argv[i]} (${Object.keys(options).join(', ')})`)
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

const programs = [...new Set(dev.map(groupOf))].sort()
const rows = { today: [], learned: [], alone: [] }
for (const p of programs) {
  const held = dev.filter((e) => groupOf(e) === p)
  useLearnedTable(null)
  for (const e of held) rows.today.push({ e, ...grade(e) })
  useLearnedTable(trainTable([...catalogue, ...corpus.filter((d) => d.group !== p)], { ...options, codes }))
  for (const e of held) rows.learned.push({ e, ...grade(e) })
  // The words alone, as if no rule matched anything: how far they generalise to a program not trained on.
  for (const e of held.filter((x) => !NOT_LEARNED.has(x.kind))) {
    const kinds = learnedKinds(e.text).slice(0, 3).map((k) => k.kind)
    rows.alone.push({ e, top1: kinds[0] === e.kind, top3: kinds.some((k) => k === e.kind || (e.accept ?? []).includes(k)) })
  }
}
useLearnedTable(undefined)

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
const micro = (list) => `${(100 * list.filter((r) => r.top1).length / list.length).toFixed(1)} / ${(100 * list.filter((r) => r.top3).length / list.length).toFixed(1)} %`
process.stdout.write(`micro (every text once): today ${micro(rows.today)}, learned ${micro(rows.learned)}\n`)

// Table 5: programs' own messages that are evidence of a failure, as one table from two origins.
// 1. Every gettext catalogue installed here (<root>/<lang>/LC_MESSAGES/<domain>.mo, wherever a package put it:
//    /usr/share/locale, R's library, Django's apps …; catalogues.mjs): a
//    message counts when explain itself recognises its English msgid as one failure, surely and clearly ahead of any
//    other (english-recognition.mjs runs explain on it knowing no program's messages; a msgid that only names the
//    call that failed, or whose reading is not clearly ahead of the next kind, counts at a lower weight), or when a person labelled it
//    in sources/program-message-selection.json (a label wins: a person read the message, explain only its words); the
//    selection's `deny` list keeps out msgids whose words sound like a network failure but are about something else
//    (a GID already in use, an unexpected EOF in an archive). Every catalogue that translates a message gives a
//    translation, and the package that owns the catalogue (dpkg's file lists) is its source.
// 2. Tools' English wording quoted from their source code (sources/quoted/tool-wording.json), whose entries carry
//    their full source record; the records become the table's sources. Until that file exists, the two-entry
//    tool-wording.sample.json stands in. TOOL_WORDING names another file (relative to sources/, or absolute), so that
//    the test can generate from the sample, or from a broken input, whichever file is present. KNOWLEDGE_DOMAINS
//    (a comma list) limits the catalogues read, for the test's checks of broken input only.
// `--list` prints every message picked by explain's reading, with the evidence, to read them for precision.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { installedCatalogues, installedDescription } from './catalogues.mjs'
import { englishRecogniser, glibcTexts, picker } from './english-recognition.mjs'
import { typeImports, writeModule } from './lib.mjs'
import { parsePo, printfOfMessageFormat } from './po.mjs'
import { sourcesDir } from './sources.mjs'

const GENERATOR = 'tools/knowledge/gen-program-messages.mjs'
const SELECTION = 'program-message-selection.json'
const WORDING = 'quoted/tool-wording.json'
const WORDING_SAMPLE = 'quoted/tool-wording.sample.json'
const PO_RECORDS = 'po/catalogues.json'
const DIRECTIONS = ['listen', 'connect', 'resolve', 'read', 'tls', 'proxy', 'wait']
const FIELDS = ['program', 'kind', 'direction', 'weight', 'en', 'translations', 'source', 'note']
/** KnowledgeSource's fields (knowledge/types.ts): a record with any other would not compile in the table. */
const SOURCE_FIELDS = ['id', 'project', 'version', 'repo', 'commit', 'path', 'extract', 'package', 'url', 'issue']

/** glibc's own catalogue is a table of its own (glibc-messages.ts, from the same libc.mo). */
const OWN_TABLE = new Set(['libc'])
/** A catalogue with this many of glibc's gai_strerror texts holds gnulib's copy of the whole table. */
const GNULIB_GAI = 3

function checkEntry (e, where) {
  for (const key of Object.keys(e)) if (!FIELDS.includes(key)) throw new Error(`${where}: unknown field ${key}`)
  if (typeof e.program !== 'string' || !e.program) throw new Error(`${where}: program`)
  if (typeof e.kind !== 'string' || !e.kind) throw new Error(`${where}: kind`)
  if (e.direction !== undefined && !DIRECTIONS.includes(e.direction)) throw new Error(`${where}: direction ${e.direction}`)
  if (typeof e.weight !== 'number' || e.weight <= 0 || e.weight > 1) throw new Error(`${where}: weight ${e.weight}`)
  if (typeof e.en !== 'string' || !e.en) throw new Error(`${where}: en`)
  if (typeof e.translations !== 'object' || e.translations === null) throw new Error(`${where}: translations`)
}

/** A template's conversions, position markers dropped (translators reorder them as %1$s, %2$s). */
function conversions (template) {
  return [...template.matchAll(/%(?:\d+\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?(hh|h|ll|l|L|q|j|z|t)?([diouxXcsmp%])/g)]
    .map((m) => (m[1] ?? '') + m[2]).filter((c) => c !== '%').sort().join(' ')
}

/** The entry with its fields in the declared order (so diffs show changed values, not moved keys). */
function ordered (e) {
  return Object.fromEntries(FIELDS.filter((k) => e[k] !== undefined).map((k) => [k, e[k]]))
}

/** The translations of a msgid in every catalogue of its domain, and the languages left out for their placeholders. */
function translationsOf (byLang, msgid) {
  const translations = {}
  const mismatched = []
  for (const [lang, messages] of byLang) {
    const text = messages.get(msgid)
    // An empty msgstr is an untranslated message; one equal to the msgid adds nothing to match.
    if (!text || text === msgid) continue
    // A translation with other placeholders is another message's text filed under this msgid: no template.
    if (conversions(text) !== conversions(msgid)) mismatched.push(lang)
    else translations[lang] = text
  }
  return { translations, mismatched }
}

/**
 * The program a catalogue's messages are printed by: a label's, the selection's name for its domain, the name of the
 * root it lies under (`roots`: R's many domains, from R, R-base to R-Matrix, are all R's), else the domain's name.
 */
function programOf (selection, key, c) {
  const root = Object.keys(selection.roots).find((r) => c.root === r || c.root.startsWith(`${r}/`))
  return selection.catalogues[key]?.program ?? selection.programs[key] ?? (root && selection.roots[root]) ?? c.domain.replace(/-\d+$/, '')
}

function fromCatalogues (selection, sources, pick, glibc) {
  const entries = []
  const picked = []
  const languages = new Set()
  let texts = 0
  // KNOWLEDGE_DOMAINS=a,b reads those catalogues only: a check that needs one domain's messages (the test's refused
  // duplicate) need not wait for explain to read all of them. The table itself is never made that way.
  const only = process.env.KNOWLEDGE_DOMAINS?.split(',')
  const catalogues = installedCatalogues(only)
  const labels = new Map(selection.messages.map((m) => [`${m.domain}\0${m.msgid}`, m]))
  for (const m of selection.messages) {
    if (only !== undefined && !only.includes(m.domain)) continue
    const d = catalogues.get(m.domain)
    if (!selection.catalogues[m.domain]) throw new Error(`${SELECTION}: domain ${m.domain} is not among its catalogues`)
    if (!d) throw new Error(`no catalogue ${m.domain} is installed (ENOENT; apt-get install -y ${selection.catalogues[m.domain].package})`)
    if (d.package !== selection.catalogues[m.domain].package) throw new Error(`${m.domain}.mo belongs to ${d.package}, not ${selection.catalogues[m.domain].package}`)
    if (![...d.byLang.values()].some((messages) => messages.has(m.msgid))) throw new Error(`${m.domain}: ${JSON.stringify(m.msgid)} is in none of its catalogues`)
  }
  // One program's catalogues can hold one sentence twice (R's C-level `R` and R-level `R-base`, Django's apps): the
  // first catalogue's entry (by key) stands, for explain matches by program and words. Labels come first.
  const said = new Map()
  const saidBy = (program) => said.get(program) ?? said.set(program, new Set()).get(program)
  for (const m of selection.messages) {
    const d = catalogues.get(m.domain)
    if (d) saidBy(programOf(selection, m.domain, d)).add(m.msgid.toLowerCase())
  }
  for (const [domain, d] of catalogues) {
    if (OWN_TABLE.has(d.domain)) continue
    const program = programOf(selection, domain, d)
    const id = `catalogue-${domain}`
    const msgids = [...new Set([...d.byLang.values()].flatMap((messages) => [...messages.keys()]))].sort()
    // gnulib's replacement gai_strerror (coreutils, wget-gnulib: its whole table of EAI_* texts) is never built on
    // glibc, whose own text and translation the program prints: glibc-messages.ts has them. Elsewhere glibc's words
    // in a program's catalogue are the program's own sentence (apt's and Subversion's `Connection timed out`, lynx's
    // SOCKS `connection refused`), printed in the program's translation, most of which differ from glibc's.
    const copiesGlibc = msgids.filter((m) => glibc.get(m.toLowerCase())?.startsWith('EAI_')).length >= GNULIB_GAI
    let used = false
    // A catalogue may hold one sentence in two cases (git's `Failed to resolve` and `failed to resolve`): explain
    // matches case-insensitively, so the first is enough.
    const cased = saidBy(program)
    for (const msgid of msgids) {
      const label = labels.get(`${domain}\0${msgid}`)
      let e
      if (label) {
        e = { program, kind: label.kind, direction: label.direction, weight: label.weight, en: msgid, note: label.note }
      } else {
        if (cased.has(msgid.toLowerCase()) || (copiesGlibc && glibc.has(msgid.toLowerCase()))) continue
        const r = pick(msgid)
        if (!r) continue
        e = { program, kind: r.kind, direction: r.direction, weight: r.weight, en: msgid, note: r.note }
        picked.push({ domain, ...e })
        cased.add(msgid.toLowerCase())
      }
      const { translations, mismatched } = translationsOf(d.byLang, msgid)
      const left = mismatched.length ? `${mismatched.join(', ')} left out: that catalogue's translation has other placeholders than the English` : undefined
      e.note = [e.note, left].filter(Boolean).join('; ') || undefined
      e.translations = translations
      e.source = id
      checkEntry(e, `${domain} ${JSON.stringify(msgid)}`)
      entries.push(ordered(e))
      for (const lang of Object.keys(translations)) languages.add(lang)
      texts += Object.keys(translations).length
      used = true
    }
    if (used) sources[id] = { id, project: selection.catalogues[domain]?.project ?? installedDescription(d.package), package: d.package, path: `${d.root}/*/LC_MESSAGES/${d.domain}.mo`, version: d.version }
  }
  const domains = new Set(entries.map((e) => e.source))
  // What was read, cited or not: another catalogue installed, or another version, can change the picks.
  const scanned = Object.fromEntries([...catalogues].map(([domain, d]) => [domain, `${d.package} ${d.version}`]))
  return { entries, picked, domains: domains.size, scanned, languages, texts }
}

/**
 * Projects' own .po catalogues at a recorded commit (sources/po/catalogues.json; extract-po.mjs keeps the entries
 * labelled and those explain's reading picks): a label (the selection's poMessages, written from where the project
 * throws the message, each site recorded as path:line at the record's commit) wins, as it does for an installed
 * catalogue; every other message is picked again (it drops out when explain no longer reads it so). MessageFormat is
 * written as printf, fuzzy and untranslated entries left out as msgfmt leaves them; a text the tools' quoted wording
 * already has is the quote's.
 */
function fromRepositoryCatalogues (selection, sources, pick, quoted) {
  const entries = []
  const have = new Set(quoted.map((e) => `${e.program}\0${e.en.toLowerCase()}`))
  const records = JSON.parse(readFileSync(join(sourcesDir, PO_RECORDS), 'utf8'))
  const unknown = selection.poMessages.find((m) => !records.some((r) => r.id === m.catalogue))
  if (unknown) throw new Error(`${SELECTION}: poMessages names ${unknown.catalogue}, which ${PO_RECORDS} does not record`)
  for (const r of records) {
    const labels = new Map(selection.poMessages.filter((m) => m.catalogue === r.id).map((m) => [m.msgid, m]))
    const extract = join('po', r.repo.replace('/', '+'), r.dir)
    const byLang = new Map(Object.keys(r.files).map((file) => [file.replace(/\.po$/, ''), parsePo(readFileSync(join(sourcesDir, extract, file), 'utf8'))]))
    const english = [...new Set([...byLang.values()].flatMap((list) => list.map((e) => e.msgid)).filter(Boolean))].sort()
    const stale = [...labels.keys()].find((msgid) => !english.includes(msgid))
    if (stale) throw new Error(`${r.id}: labelled ${JSON.stringify(stale)} is not in the extracts (node tools/knowledge/extract-po.mjs)`)
    const picked = []
    for (const msgid of english) {
      const en = printfOfMessageFormat(msgid)
      const label = labels.get(msgid)
      const reading = label ? { ...label, note: [label.note, `thrown at ${label.thrown.join(', ')}`].filter(Boolean).join('; ') } : pick(en)
      if (!reading || (!label && have.has(`${r.program}\0${en.toLowerCase()}`))) continue
      const translations = {}
      const mismatched = []
      for (const [lang, list] of byLang) {
        const e = list.find((x) => x.msgid === msgid)
        if (!e || e.fuzzy || !e.msgstr || e.msgstr === msgid) continue
        const text = printfOfMessageFormat(e.msgstr)
        if (conversions(text) !== conversions(en)) mismatched.push(lang)
        else translations[lang] = text
      }
      const left = mismatched.length ? `${mismatched.join(', ')} left out: that catalogue's translation has other placeholders than the English` : undefined
      const e = ordered({ program: r.program, kind: reading.kind, direction: reading.direction, weight: reading.weight, en, translations, source: r.id, note: [reading.note, left].filter(Boolean).join('; ') })
      checkEntry(e, `${PO_RECORDS} ${r.id} ${JSON.stringify(msgid)}`)
      picked.push(e)
    }
    if (picked.length) sources[r.id] = { id: r.id, project: r.project, repo: r.repo, commit: r.commit, path: `${r.dir}/*.po`, extract: `tools/knowledge/sources/${extract}` }
    entries.push(...picked)
  }
  return entries
}

function fromWording (file, sources) {
  const input = JSON.parse(readFileSync(resolve(sourcesDir, file), 'utf8'))
  return input.map((e, i) => {
    const where = `${file}[${i}]`
    const record = e.source
    if (!record || typeof record !== 'object' || !record.id || !record.project) throw new Error(`${where}: source must be a record with id and project`)
    const extra = Object.keys(record).find((k) => !SOURCE_FIELDS.includes(k))
    if (extra) throw new Error(`${where}: source field ${extra} is not one of ${SOURCE_FIELDS.join(', ')}`)
    const known = sources[record.id]
    if (known && JSON.stringify(known) !== JSON.stringify(record)) throw new Error(`${where}: source ${record.id} differs from another entry's`)
    sources[record.id] = record
    const entry = ordered({ ...e, source: record.id })
    checkEntry(entry, where)
    return entry
  })
}

/** How many messages explain's reading picked, per domain and per kind: what to read a sample of for precision. */
function report (picked) {
  const count = (key) => Object.entries(picked.reduce((n, p) => ({ ...n, [p[key]]: (n[p[key]] ?? 0) + 1 }), {})).sort(([, a], [, b]) => b - a).map(([k, n]) => `${k} ${n}`).join(', ')
  console.log(`picked by explain's reading: ${picked.length}; per domain: ${count('domain')}`)
  console.log(`per kind: ${count('kind')}`)
  if (process.argv.includes('--list')) for (const p of picked) console.log(`${p.domain}\t${p.kind}\t${p.weight}\t${JSON.stringify(p.en)}\t${p.note}`)
}

async function main () {
  const selection = JSON.parse(readFileSync(join(sourcesDir, SELECTION), 'utf8'))
  const wordingFile = process.env.TOOL_WORDING ?? (existsSync(join(sourcesDir, WORDING)) ? WORDING : WORDING_SAMPLE)
  const sources = {}
  const quoted = fromWording(wordingFile, sources)
  // explain reads the msgids knowing no program's messages, its own or the tools' (english-recognition.mjs).
  const recogniser = await englishRecogniser()
  let catalogued
  let repositories
  try {
    const pick = picker(recogniser.explain, selection.deny)
    catalogued = fromCatalogues(selection, sources, pick, await glibcTexts())
    repositories = fromRepositoryCatalogues(selection, sources, pick, quoted)
  } finally {
    recogniser.close()
  }

  // explain matches case-insensitively, so one program saying the same words twice would be one entry counted twice.
  const seen = new Map()
  for (const e of [...catalogued.entries, ...repositories, ...quoted]) {
    const key = `${e.program}\0${e.en.toLowerCase()}`
    if (seen.has(key)) throw new Error(`${e.program} ${JSON.stringify(e.en)} is listed twice (${seen.get(key)} and ${e.source})`)
    seen.set(key, e.source)
  }
  const entries = [...catalogued.entries, ...repositories, ...quoted].sort((a, b) => (a.program === b.program ? (a.en < b.en ? -1 : 1) : a.program < b.program ? -1 : 1))
  const programs = new Set(entries.map((e) => e.program))

  const out = writeModule('program-messages', {
    generator: GENERATOR,
    summary: [
      `${entries.length} messages of ${programs.size} programs: ${catalogued.entries.length} from ${catalogued.domains} of the ${Object.keys(catalogued.scanned).length} installed gettext catalogues`,
      `(${catalogued.texts} translated texts in ${catalogued.languages.size} languages; ${catalogued.entries.length - catalogued.picked.length} labelled by hand, ${catalogued.picked.length} picked by explain's reading of the English),`,
      `${repositories.length} from projects' .po catalogues at a recorded commit (${selection.poMessages.length} labelled by hand from where the project throws them, ${repositories.length - selection.poMessages.length} picked the same way; tools/knowledge/sources/${PO_RECORDS}),`,
      `${quoted.length} quoted from source code (tools/knowledge/sources/${wordingFile}). Labels and deny list: tools/knowledge/sources/${SELECTION}.`,
    ],
    types: typeImports(['ProgramMessage']),
    exports: [
      { name: 'programMessageSources', type: 'Record<string, KnowledgeSource>', value: Object.fromEntries(Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : 1))), doc: 'The sources the entries cite, by id.' },
      { name: 'programMessagesJson', type: 'string', value: JSON.stringify(entries), doc: 'ProgramMessage[] as JSON, by program, then English text: a string literal the compiler does not check object by object.' },
      { name: 'programMessages', type: 'readonly ProgramMessage[]', expression: 'JSON.parse(programMessagesJson) as ProgramMessage[]', doc: 'The entries, parsed (read when the lexicon index is built, not when explain starts).' },
      { name: 'programMessageCatalogues', type: 'Record<string, string>', value: catalogued.scanned, doc: 'Every installed catalogue domain the generator read, with its package and version: where others are installed, the picks may differ.' },
    ],
  })
  report(catalogued.picked)
  console.log(`${out}: ${catalogued.domains} domains, ${catalogued.entries.length} catalogued messages, ${catalogued.languages.size} languages, ${catalogued.texts} translated texts; ${repositories.length} from projects' .po catalogues; ${quoted.length} quoted from ${wordingFile}`)
}

await main()

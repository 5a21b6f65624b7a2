// Table 5: programs' own messages that are evidence of a failure, as one table from two origins.
// 1. The gettext catalogues of the programs installed here (/usr/share/locale/<lang>/LC_MESSAGES/<domain>.mo): the
//    messages worth matching were chosen and labelled by hand in sources/program-message-selection.json (a catalogue
//    has hundreds of messages, few of them about a connection); the English is the msgid, every catalogue that
//    translates it gives a translation, and the owning Debian package (checked in dpkg's file lists) is the source.
// 2. Tools' English wording quoted from their source code (sources/quoted/tool-wording.json), whose entries carry
//    their full source record; the records become the table's sources. Until that file exists, the two-entry
//    tool-wording.sample.json stands in. TOOL_WORDING names another file (relative to sources/, or absolute), so that
//    the test can generate from the sample, or from a broken input, whichever file is present.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { installedVersion, parseMo, typeImports, writeModule } from './lib.mjs'
import { sourcesDir } from './sources.mjs'

const GENERATOR = 'tools/knowledge/gen-program-messages.mjs'
const LOCALE_DIR = '/usr/share/locale'
const SELECTION = 'program-message-selection.json'
const WORDING = 'quoted/tool-wording.json'
const WORDING_SAMPLE = 'quoted/tool-wording.sample.json'
const DIRECTIONS = ['listen', 'connect', 'resolve', 'read', 'tls', 'proxy', 'wait']
const FIELDS = ['program', 'kind', 'direction', 'weight', 'en', 'translations', 'source', 'note']
/** KnowledgeSource's fields (knowledge/types.ts): a record with any other would not compile in the table. */
const SOURCE_FIELDS = ['id', 'project', 'version', 'repo', 'commit', 'path', 'extract', 'package', 'url', 'issue']

/** The files dpkg lists for a package (its .list is named with the architecture for Multi-Arch: same packages). */
function packageFiles (pkg) {
  const dir = '/var/lib/dpkg/info'
  const list = readdirSync(dir).find((f) => f === `${pkg}.list` || (f.startsWith(`${pkg}:`) && f.endsWith('.list')))
  if (!list) throw new Error(`package ${pkg} is not installed (apt-get install -y ${pkg})`)
  return new Set(readFileSync(join(dir, list), 'utf8').split('\n'))
}

/** Every installed catalogue of a domain, by language, after checking that the package said to own it does. */
function readCatalogues (domain, pkg) {
  const owned = packageFiles(pkg)
  const byLang = new Map()
  for (const lang of readdirSync(LOCALE_DIR).sort()) {
    const file = join(LOCALE_DIR, lang, 'LC_MESSAGES', `${domain}.mo`)
    if (!existsSync(file)) continue
    if (!owned.has(file)) throw new Error(`${file} does not belong to package ${pkg}`)
    byLang.set(lang, parseMo(readFileSync(file)).messages)
  }
  if (byLang.size === 0) throw new Error(`no ${domain}.mo in ${LOCALE_DIR} (ENOENT; apt-get install -y ${pkg})`)
  return byLang
}

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

function fromCatalogues (selection, sources) {
  const entries = []
  const languages = new Set()
  let texts = 0
  const domains = Object.entries(selection.catalogues)
  for (const [domain, { program, package: pkg, project }] of domains) {
    const catalogues = readCatalogues(domain, pkg)
    const id = `catalogue-${domain}`
    sources[id] = { id, project, package: pkg, path: `${LOCALE_DIR}/*/LC_MESSAGES/${domain}.mo`, version: installedVersion(pkg) }
    for (const m of selection.messages.filter((x) => x.domain === domain)) {
      const translations = {}
      const mismatched = []
      let present = false
      for (const [lang, messages] of catalogues) {
        if (!messages.has(m.msgid)) continue
        present = true
        const text = messages.get(m.msgid)
        // An empty msgstr is an untranslated message; one equal to the msgid adds nothing to match.
        if (!text || text === m.msgid) continue
        // A translation with other placeholders is another message's text filed under this msgid: no template.
        if (conversions(text) !== conversions(m.msgid)) mismatched.push(lang)
        else translations[lang] = text
      }
      if (!present) throw new Error(`${domain}: ${JSON.stringify(m.msgid)} is in none of its catalogues`)
      for (const lang of Object.keys(translations)) languages.add(lang)
      texts += Object.keys(translations).length
      const left = mismatched.length ? `${mismatched.join(', ')} left out: that catalogue's translation has other placeholders than the English` : undefined
      const note = [m.note, left].filter(Boolean).join('; ') || undefined
      const e = { program, kind: m.kind, direction: m.direction, weight: m.weight, en: m.msgid, translations, source: id, note }
      checkEntry(e, `${SELECTION} ${domain} ${JSON.stringify(m.msgid)}`)
      entries.push(ordered(e))
    }
  }
  const unknown = selection.messages.find((m) => !selection.catalogues[m.domain])
  if (unknown) throw new Error(`${SELECTION}: domain ${unknown.domain} is not among its catalogues`)
  return { entries, domains: domains.length, languages, texts }
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

function main () {
  const selection = JSON.parse(readFileSync(join(sourcesDir, SELECTION), 'utf8'))
  const wordingFile = process.env.TOOL_WORDING ?? (existsSync(join(sourcesDir, WORDING)) ? WORDING : WORDING_SAMPLE)
  const sources = {}
  const catalogued = fromCatalogues(selection, sources)
  const quoted = fromWording(wordingFile, sources)

  // explain matches case-insensitively, so one program saying the same words twice would be one entry counted twice.
  const seen = new Map()
  for (const e of [...catalogued.entries, ...quoted]) {
    const key = `${e.program}\0${e.en.toLowerCase()}`
    if (seen.has(key)) throw new Error(`${e.program} ${JSON.stringify(e.en)} is listed twice (${seen.get(key)} and ${e.source})`)
    seen.set(key, e.source)
  }
  const entries = [...catalogued.entries, ...quoted].sort((a, b) => (a.program === b.program ? (a.en < b.en ? -1 : 1) : a.program < b.program ? -1 : 1))
  const programs = new Set(entries.map((e) => e.program))

  const out = writeModule('program-messages', {
    generator: GENERATOR,
    summary: [
      `${entries.length} messages of ${programs.size} programs: ${catalogued.entries.length} from ${catalogued.domains} installed gettext catalogues`,
      `(${catalogued.texts} translated texts in ${catalogued.languages.size} languages), ${quoted.length} quoted from source code (tools/knowledge/sources/${wordingFile}).`,
      `Selection and labels: tools/knowledge/sources/${SELECTION}.`,
    ],
    types: typeImports(['ProgramMessage']),
    exports: [
      { name: 'programMessageSources', type: 'Record<string, KnowledgeSource>', value: Object.fromEntries(Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : 1))), doc: 'The sources the entries cite, by id.' },
      { name: 'programMessages', type: 'readonly ProgramMessage[]', value: entries, doc: 'By program, then English text.' },
    ],
  })
  console.log(`${out}: ${catalogued.domains} domains, ${catalogued.entries.length} catalogued messages, ${catalogued.languages.size} languages, ${catalogued.texts} translated texts; ${quoted.length} quoted from ${wordingFile}`)
}

main()

// Table 2: glibc's strerror and gai_strerror texts for the codes of table 1, in every language Debian ships
// (package libc-l10n: /usr/share/locale/<lang>/LC_MESSAGES/libc.mo). The English texts, which are the catalogue's
// msgids, come from glibc 2.36's own lists (sysdeps/gnu/errlist.h, sysdeps/posix/gai_strerror-strs.h).
// The .mo files are read directly (lib.mjs parseMo).
import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { RESOLVER_CODES, SOCKET_CODES } from './codes.mjs'
import { installedVersion, parseMo, readSource, source, typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-glibc-messages.mjs'
const LOCALE_DIR = '/usr/share/locale'

/** `_S(NAME, N_("text"))` lines -> name -> text. */
function glibcList (id) {
  return new Map([...readSource(id).matchAll(/^_S\((\w+), N_\("((?:[^"\\]|\\.)*)"\)\)$/gm)].map((m) => [m[1], JSON.parse(`"${m[2]}"`)]))
}

function main () {
  const errlist = glibcList('glibc-errlist')
  const gai = glibcList('glibc-gai-strerror')
  const codes = []
  for (const [names, list, id] of [[SOCKET_CODES, errlist, 'glibc-errlist'], [RESOLVER_CODES, gai, 'glibc-gai-strerror']]) {
    for (const name of names) {
      const en = list.get(name)
      // Not every code has its own glibc text (EWOULDBLOCK is EAGAIN's; EAI_BADHINTS is not glibc's).
      if (en !== undefined) codes.push({ code: name, en, source: id })
    }
  }

  const languages = {}
  const entries = Object.fromEntries(codes.map((c) => [c.code, { en: c.en, source: c.source, translations: {} }]))
  let texts = 0
  for (const lang of readdirSync(LOCALE_DIR).sort()) {
    const file = join(LOCALE_DIR, lang, 'LC_MESSAGES', 'libc.mo')
    if (!existsSync(file)) continue
    const { header, charset, messages } = parseMo(readFileSync(file))
    const projectVersion = /^Project-Id-Version: (.*)$/m.exec(header)?.[1] ?? null
    const team = /^Language-Team: (.*)$/m.exec(header)?.[1] ?? null
    let found = 0
    for (const c of codes) {
      const t = messages.get(c.en)
      if (t && t !== c.en) {
        entries[c.code].translations[lang] = t
        found++
      }
    }
    languages[lang] = { file, projectVersion, team, charset, texts: found }
    texts += found
  }

  const types = typeImports(['GlibcMessage', 'GlibcLanguage'])
  const cited = ['glibc-errlist', 'glibc-gai-strerror', 'libc-l10n']
  const out = writeModule('glibc-messages', {
    generator: GENERATOR,
    summary: [
      `glibc strerror/gai_strerror texts for table 1's codes in ${Object.keys(languages).length} languages (${texts} translated texts),`,
      `from libc-l10n ${installedVersion('libc-l10n')}'s libc.mo files; English from glibc 2.36's message lists.`,
    ],
    types,
    exports: [
      { name: 'glibcMessageSources', type: 'Record<string, KnowledgeSource>', value: Object.fromEntries(cited.map((id) => [id, source(id)])), doc: 'The sources the entries cite, by id.' },
      { name: 'glibcLanguages', type: 'Record<string, GlibcLanguage>', value: languages, doc: 'Each libc.mo read (every language libc-l10n ships).' },
      { name: 'glibcMessages', type: 'Record<string, GlibcMessage>', value: entries, doc: 'Code (ECONNREFUSED, EAI_NONAME …) -> English text and its translations.' },
    ],
  })
  console.log(`${out}: ${codes.length} codes, ${Object.keys(languages).length} languages, ${texts} translated texts`)
}

main()

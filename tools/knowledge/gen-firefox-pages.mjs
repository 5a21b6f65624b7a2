// Firefox's error page in the languages Debian ships it in: the sentence under "Unable to connect" that users copy
// ("Firefox can’t establish a connection to the server at localhost:3000.", "Firefox kann keine Verbindung zu dem
// Server unter localhost:3000 aufbauen."). English from firefox-esr's browser/omni.ja, each translation from a
// firefox-esr-l10n-* language pack (browser/extensions/langpack-*.xpi), both read as zip archives with unzip(1): the
// same keys of browser/chrome/<locale>/locale/browser/appstrings.properties. The keys are chosen and labelled by hand
// (LABELS), each with the error Firefox shows it for (docshell's nsDocShell::DisplayLoadError); %S, the host, is
// written %s as in the other message tables.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { source, typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-firefox-pages.mjs'
const DIR = '/usr/lib/firefox-esr'
const ENGLISH = 'firefox-error-page-en'
const TRANSLATED = 'firefox-error-page-l10n'

/** [appstrings.properties key, kind, weight, the nsresult it is shown for]. */
const LABELS = [
  ['connectionFailure', 'refused', 0.95, 'NS_ERROR_CONNECTION_REFUSED'],
  ['netTimeout', 'timeout', 0.9, 'NS_ERROR_NET_TIMEOUT'],
  ['netReset', 'reset', 0.9, 'NS_ERROR_NET_RESET'],
  // The connection closed while the page loaded: most often the server's FIN, a reset reads the same.
  ['netInterrupt', 'hang-up', 0.7, 'NS_ERROR_NET_INTERRUPT'],
  // "We can’t connect to the server at %S.": Firefox's words for a name that did not resolve.
  ['dnsNotFound2', 'dns', 0.85, 'NS_ERROR_UNKNOWN_HOST'],
]

function unzip (archive, member) {
  const run = spawnSync('unzip', ['-p', archive, member], { encoding: 'utf8' })
  if (run.error) throw new Error(`unzip: ${run.error.code} (apt-get install -y unzip)`)
  if (run.status !== 0) throw new Error(`${archive}: no ${member}: ENOENT`)
  return run.stdout
}

/** key -> value of a .properties file (Firefox's: `key=value`, `#` comments, no continuation lines in these). */
function properties (text) {
  const out = new Map()
  for (const line of text.split('\n')) {
    const m = /^\s*([\w.-]+)\s*=\s*(.*?)\s*$/.exec(line)
    if (m && !line.trimStart().startsWith('#')) out.set(m[1], m[2])
  }
  return out
}
const plain = (s) => s.replace(/%S/g, '%s')

const english = properties(unzip(`${DIR}/browser/omni.ja`, 'chrome/en-US/locale/browser/appstrings.properties'))
const entries = LABELS.map(([key, kind, weight, error]) => {
  const en = english.get(key)
  if (en === undefined) throw new Error(`firefox-esr's appstrings.properties has no ${key}`)
  return { key, en: plain(en), kind, weight, error, translations: {}, source: TRANSLATED }
})
const packs = readdirSync(`${DIR}/browser/extensions`).filter((f) => /^langpack-[\w-]+@firefox-esr\.mozilla\.org\.xpi$/.test(f)).sort()
if (packs.length === 0) throw new Error(`no language pack in ${DIR}/browser/extensions: ENOENT (apt-get install -y firefox-esr-l10n-de …)`)
for (const file of packs) {
  const lang = file.slice('langpack-'.length, file.indexOf('@'))
  const strings = properties(unzip(`${DIR}/browser/extensions/${file}`, `browser/chrome/${lang}/locale/browser/appstrings.properties`))
  for (const e of entries) {
    const text = strings.get(e.key)
    if (text && plain(text) !== e.en) e.translations[lang] = plain(text)
  }
}

const texts = entries.reduce((n, e) => n + Object.keys(e.translations).length, 0)
const out = writeModule('firefox-pages', {
  generator: GENERATOR,
  summary: [
    `Firefox's error-page sentences: ${entries.length} messages, ${texts} translations in ${packs.length} languages (the firefox-esr-l10n-* language packs installed here; English from firefox-esr).`,
  ],
  types: typeImports(['FirefoxPageMessage']),
  exports: [
    { name: 'firefoxPageSources', type: 'Record<string, KnowledgeSource>', value: { [ENGLISH]: source(ENGLISH), [TRANSLATED]: source(TRANSLATED) }, doc: 'The sources the entries cite.' },
    { name: 'firefoxPageMessages', type: 'readonly FirefoxPageMessage[]', value: entries, doc: 'In LABELS\' order (gen-firefox-pages.mjs).' },
  ],
})
console.log(`${out}: ${entries.length} messages, ${texts} translations in ${packs.length} languages`)

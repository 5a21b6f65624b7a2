// Chromium's error page in every language it ships: the sentence under "This site can't be reached" that users copy
// ("localhost refused to connect.", "127.0.0.1 hat die Verbindung abgelehnt.", "127.0.0.1 拒绝了我们的连接请求。").
// Read from the installed locale packs (pak.mjs): the English one (chromium's en-US.pak) gives each sentence's
// resource ids, found by its English text (ids change between builds, texts seldom), and every other pack
// (chromium-l10n) the translation under the same id. The sentences are chosen and labelled by hand (LABELS), each with
// the net errors Chromium shows it for (components/error_page/common/localized_error.cc); the host name Chromium puts
// in <strong>$1</strong> becomes a %s placeholder, as in the other message tables.
import { readdirSync } from 'node:fs'
import { readPak } from './pak.mjs'
import { source, typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-chromium-pages.mjs'
const DIR = '/usr/lib/chromium/locales'
const ENGLISH = 'chromium-error-page-en'
const TRANSLATED = 'chromium-error-page-l10n'

/** [English as the pack holds it, kind, weight, the net errors it is shown for]. */
const LABELS = [
  ['<strong>$1</strong> refused to connect.', 'refused', 1, ['ERR_CONNECTION_REFUSED']],
  ['<strong>$1</strong> took too long to respond.', 'timeout', 0.9, ['ERR_CONNECTION_TIMED_OUT', 'ERR_TIMED_OUT']],
  ['<strong>$1</strong> unexpectedly closed the connection.', 'hang-up', 0.9, ['ERR_CONNECTION_CLOSED']],
  ['The connection was reset.', 'reset', 0.9, ['ERR_CONNECTION_RESET']],
  ['<strong>$1</strong>’s server IP address could not be found.', 'dns', 1, ['ERR_NAME_NOT_RESOLVED']],
  ['<strong>$1</strong> didn’t send any data.', 'hang-up', 0.9, ['ERR_EMPTY_RESPONSE']],
  // Shown for a reply that is no HTTP and for a TLS handshake that went wrong (plain HTTP on a TLS port).
  ['<strong>$1</strong> sent an invalid response.', 'protocol-mismatch', 0.8, ['ERR_INVALID_HTTP_RESPONSE', 'ERR_SSL_PROTOCOL_ERROR']],
]

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" }
/** The sentence as a page shows it: the host's markup a %s placeholder, other tags dropped, entities decoded. */
const plain = (s) => s.replace(/<strong>\$1<\/strong>|\$1/g, '%s').replace(/<[^>]{0,200}>/g, '').replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e) => ENTITIES[e]).trim()

const english = readPak(`${DIR}/en-US.pak`)
const entries = LABELS.map(([en, kind, weight, netErrors]) => {
  const ids = [...english].filter(([, s]) => s === en).map(([id]) => id)
  if (ids.length === 0) throw new Error(`en-US.pak has no "${en}" (a Chromium that words its error page otherwise)`)
  return { en: plain(en), kind, weight, netErrors, ids, translations: {}, source: TRANSLATED }
})
// One pack a language: the gendered variants (de_FEMININE.pak …) repeat these sentences.
const packs = readdirSync(DIR).filter((f) => /^[a-z]{2,3}(-[A-Za-z0-9]{2,4})?\.pak$/.test(f) && f !== 'en-US.pak').sort()
if (packs.length === 0) throw new Error(`no translated pack in ${DIR}: ENOENT (apt-get install -y chromium-l10n)`)
for (const file of packs) {
  const lang = file.slice(0, -'.pak'.length)
  const strings = readPak(`${DIR}/${file}`)
  for (const e of entries) {
    const text = strings.get(e.ids[0])
    if (text && plain(text) !== e.en) e.translations[lang] = plain(text)
  }
}
for (const e of entries) if (Object.keys(e.translations).length < packs.length / 2) throw new Error(`"${e.en}": translated in ${Object.keys(e.translations).length} of ${packs.length} packs (a pack of another build?)`)

const texts = entries.reduce((n, e) => n + Object.keys(e.translations).length, 0)
const out = writeModule('chromium-pages', {
  generator: GENERATOR,
  summary: [
    `Chromium's error-page sentences: ${entries.length} messages, ${texts} translations in ${packs.length} languages (chromium-l10n's locale packs; English from chromium's en-US.pak).`,
  ],
  types: typeImports(['ChromiumPageMessage']),
  exports: [
    { name: 'chromiumPageSources', type: 'Record<string, KnowledgeSource>', value: { [ENGLISH]: source(ENGLISH), [TRANSLATED]: source(TRANSLATED) }, doc: 'The sources the entries cite.' },
    { name: 'chromiumPageMessages', type: 'readonly ChromiumPageMessage[]', value: entries, doc: 'In LABELS\' order (gen-chromium-pages.mjs).' },
  ],
})
console.log(`${out}: ${entries.length} messages, ${texts} translations in ${packs.length} languages`)

// Qt's socket and proxy error texts, which a Qt program shows as its socket's errorString() ("Connection refused",
// "The remote host closed the connection"), with the translations Qt ships: every /usr/share/qt5/translations/qtbase_*.qm
// of Debian's qttranslations5-l10n, read directly (qm.mjs). The messages are chosen and labelled by hand by their
// meaning (LABELS): a catalogue holds every text of qtbase (1,500), few of them about a connection.
import { readdirSync } from 'node:fs'
import { readQm } from './qm.mjs'
import { source, typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-qt-messages.mjs'
const DIR = '/usr/share/qt5/translations'
const SOURCE = 'qt5-qtbase-translations'

/** [context, English, kind, weight, direction?]: the texts QNativeSocketEngine sets for each socket error, and the rest. */
const LABELS = [
  ['QNativeSocketEngine', 'Connection refused', 'refused', 1, 'connect'],
  ['QNativeSocketEngine', 'Connection reset by peer', 'reset', 1],
  ['QNativeSocketEngine', 'Connection timed out', 'timeout', 1, 'connect'],
  ['QNativeSocketEngine', 'Network operation timed out', 'timeout', 0.9],
  ['QNativeSocketEngine', 'Host unreachable', 'timeout', 0.8, 'connect'],
  ['QNativeSocketEngine', 'Network unreachable', 'timeout', 0.8, 'connect'],
  ['QNativeSocketEngine', 'The remote host closed the connection', 'hang-up', 0.9],
  // ENETRESET's text.
  ['QNativeSocketEngine', 'Network dropped connection on reset', 'reset', 0.6],
  ['QNativeSocketEngine', 'Another socket is already listening on the same port', 'port-in-use', 1, 'listen'],
  ['QNativeSocketEngine', 'The bound address is already in use', 'port-in-use', 1, 'listen'],
  // EACCES on bind: a privileged port.
  ['QNativeSocketEngine', 'The address is protected', 'permission-denied', 0.9, 'listen'],
  ['QNativeSocketEngine', 'The address is not available', 'address-not-available', 1],
  ['QAbstractSocket', 'Connection refused', 'refused', 1, 'connect'],
  ['QAbstractSocket', 'Connection timed out', 'timeout', 1, 'connect'],
  ['QAbstractSocket', 'Socket operation timed out', 'timeout', 0.9],
  ['QAbstractSocket', 'Network unreachable', 'timeout', 0.8, 'connect'],
  ['QAbstractSocket', 'Host not found', 'dns', 1, 'resolve'],
  ['QHostInfoAgent', 'Host not found', 'dns', 1, 'resolve'],
  ['QHttpSocketEngine', 'Proxy connection refused', 'proxy', 0.9, 'proxy'],
  ['QHttpSocketEngine', 'Proxy server connection timed out', 'proxy', 0.9, 'proxy'],
  ['QHttpSocketEngine', 'Proxy server not found', 'proxy', 0.9, 'proxy'],
  ['QHttpSocketEngine', 'Proxy connection closed prematurely', 'proxy', 0.8, 'proxy'],
  ['QHttpSocketEngine', 'Did not receive HTTP response from proxy', 'proxy', 0.8, 'proxy'],
  ['QSocks5SocketEngine', 'Connection to proxy refused', 'proxy', 0.9, 'proxy'],
  ['QSocks5SocketEngine', 'Connection to proxy timed out', 'proxy', 0.9, 'proxy'],
  ['QSocks5SocketEngine', 'Connection to proxy closed prematurely', 'proxy', 0.8, 'proxy'],
  ['QSocks5SocketEngine', 'Proxy host not found', 'proxy', 0.9, 'proxy'],
]

const catalogues = readdirSync(DIR).filter((f) => /^qtbase_[a-z]{2,3}(_[A-Z]{2})?\.qm$/.test(f) && f !== 'qtbase_en.qm').sort()
if (catalogues.length === 0) throw new Error(`no qtbase catalogue in ${DIR}: ENOENT (apt-get install -y qttranslations5-l10n)`)
const entries = LABELS.map(([context, en, kind, weight, direction]) => ({ context, en, kind, weight, ...(direction ? { direction } : {}), translations: {}, source: SOURCE }))
for (const file of catalogues) {
  const lang = file.slice('qtbase_'.length, -'.qm'.length)
  const messages = readQm(`${DIR}/${file}`)
  for (const e of entries) {
    const m = messages.find((x) => x.context === e.context && x.source === e.en)
    const text = m?.translations[0]
    // Untranslated (empty) or the English kept: no translation.
    if (text && text !== e.en) e.translations[lang] = text
  }
}
for (const e of entries) if (Object.keys(e.translations).length === 0) throw new Error(`${e.context}: "${e.en}" is in no catalogue`)

const texts = entries.reduce((n, e) => n + Object.keys(e.translations).length, 0)
const out = writeModule('qt-messages', {
  generator: GENERATOR,
  summary: [`Qt 5's socket and proxy error texts: ${entries.length} messages, ${texts} translations in ${catalogues.length} languages (qttranslations5-l10n).`],
  types: typeImports(['QtMessage']),
  exports: [
    { name: 'qtMessageSources', type: 'Record<string, KnowledgeSource>', value: { [SOURCE]: source(SOURCE) }, doc: 'The source the entries cite.' },
    { name: 'qtMessages', type: 'readonly QtMessage[]', value: entries, doc: 'In LABELS\' order (gen-qt-messages.mjs).' },
  ],
})
console.log(`${out}: ${entries.length} messages, ${texts} translations`)

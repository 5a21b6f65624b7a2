// Qt's socket and proxy error texts, which a Qt program shows as its socket's errorString() ("Connection refused",
// "The remote host closed the connection"), with the translations Qt ships: every /usr/share/qt5/translations/qtbase_*.qm
// of Debian's qttranslations5-l10n, read directly (qm.mjs). The messages are chosen and labelled by hand by their
// meaning (LABELS): a catalogue holds every text of qtbase (1,500), few of them about a connection.
// And the error enums a Qt program prints where it prints no text: qDebug() of QAbstractSocket::SocketError and
// QNetworkReply::NetworkError (both Q_ENUM) writes `QAbstractSocket::ConnectionRefusedError`, an int cast writes the
// number. Names and numbers are read from Debian's qtbase5-dev headers (qabstractsocket.h, qnetworkreply.h); the kinds
// by each value's meaning in Qt's reference (ENUM_LABELS).
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { readQm } from './qm.mjs'
import { source, typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-qt-messages.mjs'
const DIR = '/usr/share/qt5/translations'
const SOURCE = 'qt5-qtbase-translations'
const HEADERS = 'qt5-qtbase-dev-headers'

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

/**
 * [enum, value, kind, weight, direction?]. Meanings from Qt 5.15's reference (doc.qt.io/qt-5/qabstractsocket.html
 * #SocketError-enum, qnetworkreply.html#NetworkError-enum). The socket's ConnectionRefusedError is "refused by the
 * peer (or timed out)": below 1. RemoteHostClosedError is the peer's close (Qt's text "The remote host closed the
 * connection", labelled hang-up above). A failed TLS handshake on a localhost port is most often TLS to a plain one.
 * Left out, as no kind of explain's: resource, datagram, unsupported or unfinished operations, authentication,
 * content (HTTP 4xx) and server (5xx) errors, cancellation, the generic NetworkError / Unknown… / TemporaryError.
 */
const ENUM_LABELS = [
  ['QAbstractSocket::SocketError', 'ConnectionRefusedError', 'refused', 0.9, 'connect'],
  ['QAbstractSocket::SocketError', 'RemoteHostClosedError', 'hang-up', 0.9],
  ['QAbstractSocket::SocketError', 'HostNotFoundError', 'dns', 1, 'resolve'],
  // "lacked the required privileges": EACCES, a privileged port when binding.
  ['QAbstractSocket::SocketError', 'SocketAccessError', 'permission-denied', 0.8],
  ['QAbstractSocket::SocketError', 'SocketTimeoutError', 'timeout', 0.9],
  ['QAbstractSocket::SocketError', 'AddressInUseError', 'port-in-use', 1, 'listen'],
  ['QAbstractSocket::SocketError', 'SocketAddressNotAvailableError', 'address-not-available', 1, 'listen'],
  ['QAbstractSocket::SocketError', 'SslHandshakeFailedError', 'protocol-mismatch', 0.6, 'tls'],
  ['QAbstractSocket::SocketError', 'ProxyConnectionRefusedError', 'proxy', 0.9, 'proxy'],
  ['QAbstractSocket::SocketError', 'ProxyConnectionClosedError', 'proxy', 0.8, 'proxy'],
  ['QAbstractSocket::SocketError', 'ProxyConnectionTimeoutError', 'proxy', 0.9, 'proxy'],
  ['QAbstractSocket::SocketError', 'ProxyNotFoundError', 'proxy', 0.9, 'proxy'],
  // "the response from the proxy server could not be understood"
  ['QAbstractSocket::SocketError', 'ProxyProtocolError', 'proxy', 0.6, 'proxy'],
  ['QNetworkReply::NetworkError', 'ConnectionRefusedError', 'refused', 1, 'connect'],
  // "closed the connection prematurely, before the entire reply was received"
  ['QNetworkReply::NetworkError', 'RemoteHostClosedError', 'hang-up', 0.9],
  ['QNetworkReply::NetworkError', 'HostNotFoundError', 'dns', 1, 'resolve'],
  ['QNetworkReply::NetworkError', 'TimeoutError', 'timeout', 1],
  ['QNetworkReply::NetworkError', 'SslHandshakeFailedError', 'protocol-mismatch', 0.6, 'tls'],
  ['QNetworkReply::NetworkError', 'ProxyConnectionRefusedError', 'proxy', 0.9, 'proxy'],
  ['QNetworkReply::NetworkError', 'ProxyConnectionClosedError', 'proxy', 0.8, 'proxy'],
  ['QNetworkReply::NetworkError', 'ProxyNotFoundError', 'proxy', 0.9, 'proxy'],
  ['QNetworkReply::NetworkError', 'ProxyTimeoutError', 'proxy', 0.9, 'proxy'],
  // "a breakdown in protocol was detected (parsing error, invalid or unexpected responses)": another protocol's answer.
  ['QNetworkReply::NetworkError', 'ProtocolFailure', 'protocol-mismatch', 0.6],
]

/** QtNetwork's headers, wherever the multiarch include directory is. */
function qtNetworkHeader (file) {
  const dirs = existsSync('/usr/include') ? readdirSync('/usr/include').filter((d) => d.endsWith('-linux-gnu')).map((d) => `/usr/include/${d}/qt5/QtNetwork`) : []
  const dir = dirs.find((d) => existsSync(`${d}/${file}`))
  if (!dir) throw new Error(`no QtNetwork/${file}: ENOENT (apt-get install -y qtbase5-dev)`)
  return readFileSync(`${dir}/${file}`, 'utf8')
}

/** The values of `enum NAME { … }` in a C++ header, numbered as the compiler numbers them (one more than the last). */
function enumValues (header, name) {
  const body = new RegExp(`\\benum ${name} \\{([^}]*)\\}`).exec(header)?.[1]
  if (body === undefined) throw new Error(`enum ${name} not found`)
  const values = new Map()
  let next = 0
  for (const item of body.replace(/\/\*[^]*?\*\//g, '').replace(/\/\/[^\n]*/g, '').split(',')) {
    const m = /^\s*(\w+)\s*(?:=\s*(-?\d+))?\s*$/.exec(item)
    if (!m) { if (item.trim() !== '') throw new Error(`enum ${name}: cannot read "${item.trim()}"`); continue }
    const code = m[2] !== undefined ? Number(m[2]) : next
    values.set(m[1], code)
    next = code + 1
  }
  return values
}

const ENUMS = {
  'QAbstractSocket::SocketError': enumValues(qtNetworkHeader('qabstractsocket.h'), 'SocketError'),
  'QNetworkReply::NetworkError': enumValues(qtNetworkHeader('qnetworkreply.h'), 'NetworkError'),
}
const codes = ENUM_LABELS.map(([type, name, kind, weight, direction]) => {
  const code = ENUMS[type].get(name)
  if (code === undefined) throw new Error(`${type} has no value ${name}`)
  return { enum: type, name, code, kind, weight, ...(direction ? { direction } : {}), source: HEADERS }
})

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
  summary: [
    `Qt 5's socket and proxy error texts: ${entries.length} messages, ${texts} translations in ${catalogues.length} languages (qttranslations5-l10n).`,
    `Its error enums: ${codes.length} of the ${Object.values(ENUMS).reduce((n, m) => n + m.size, 0)} values of ${Object.keys(ENUMS).join(' and ')} (qtbase5-dev's headers).`,
  ],
  types: typeImports(['QtMessage', 'QtErrorCode']),
  exports: [
    { name: 'qtMessageSources', type: 'Record<string, KnowledgeSource>', value: { [SOURCE]: source(SOURCE), [HEADERS]: source(HEADERS) }, doc: 'The sources the entries cite.' },
    { name: 'qtMessages', type: 'readonly QtMessage[]', value: entries, doc: 'In LABELS\' order (gen-qt-messages.mjs).' },
    { name: 'qtErrorCodes', type: 'readonly QtErrorCode[]', value: codes, doc: 'In ENUM_LABELS\' order (gen-qt-messages.mjs): the values explain counts, with their numbers.' },
  ],
})
console.log(`${out}: ${entries.length} messages, ${texts} translations, ${codes.length} enum values`)

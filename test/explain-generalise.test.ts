/**
 * The rules round 3 added for programs explain had never seen, each checked on what it rests on: texts the capture
 * recorded from real programs (development split only, read by id from test/fixtures/explain-corpus/), and glibc's
 * own translations (knowledge/glibc-messages.ts) written the way an ASCII-only output writes them.
 */
import t from 'tap'
import { readFileSync } from 'node:fs'
import { explain } from '../src/diagnose/explain/explain.js'
import { evidenceOf, withoutCodeLines } from '../src/diagnose/explain/evidence.js'
import { ntStatusMeaning } from '../src/diagnose/explain/lexicon.js'
import { glibcMessages } from '../src/diagnose/explain/knowledge/glibc-messages.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'

interface Entry { id: string, text: string, kind: Kind, split: string }

function captured (family: string, id: string): Entry {
  const e = (JSON.parse(readFileSync(new URL(`./fixtures/explain-corpus/${family}.json`, import.meta.url), 'utf8')) as Entry[]).find((x) => x.id === id)
  if (e === undefined) throw new Error(`${family}.json has no ${id}`)
  if (e.split !== 'dev') throw new Error(`${id} is in the test split: no test may read it`)
  return e
}

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind

t.test('a dumped options object is configuration: got\'s list of retry codes does not outvote the ECONNREFUSED it wraps', async (t) => {
  const e = captured('npm-clients', 'node-got-refused-ipv4')
  t.match(e.text, /'EADDRINUSE',\n/, 'the capture holds got\'s retry.errorCodes list')
  const masked = withoutCodeLines(e.text)
  t.equal(masked.split('\n').length, e.text.split('\n').length, 'lines are blanked, not removed: line numbers stay')
  t.notMatch(masked, /'EADDRINUSE'/, 'the listed codes are gone')
  t.match(masked, /\[cause\]: Error: connect ECONNREFUSED/, 'the error itself stays')
  t.notOk(evidenceOf(e.text).some((x) => x.kind === 'port-in-use'), 'no port-in-use evidence from the list')
  t.equal(first(e.text), 'refused')
})

t.test('an inspected object\'s private field is state: ws\' initial _closeCode 1006 is not an abnormal close', async (t) => {
  const e = captured('npm-clients', 'node-socket-io-client-refused-ipv4')
  t.match(e.text, /_closeCode: 1006/)
  t.notOk(evidenceOf(e.text).some((x) => x.kind === 'websocket-abnormal-close' && /1006/.test(x.text)))
  t.equal(first(e.text), 'refused')
})

t.test('the source line Node echoes above its caret is the throw site, not what happened', async (t) => {
  const e = captured('npm-clients', 'node-mongodb-hang-up')
  t.match(e.text, /Server selection timed out after/, 'the echoed line says "timed out"')
  t.match(e.text, /MongoServerSelectionError: connection <monitor> to \S+ closed/, 'the error says the connection closed')
  t.equal(first(e.text), 'hang-up')
})

t.test('Samba\'s NTSTATUS names read as the errno Samba mapped them from', async (t) => {
  t.equal(ntStatusMeaning('CONNECTION_REFUSED')?.kind, 'refused')
  t.equal(ntStatusMeaning('IO_TIMEOUT')?.kind, 'timeout')
  t.equal(ntStatusMeaning('CONNECTION_RESET')?.kind, 'reset')
  t.equal(ntStatusMeaning('CONNECTION_DISCONNECTED')?.kind, 'hang-up', 'Samba\'s EPIPE on EOF: the peer closed')
  t.equal(ntStatusMeaning('ACCESS_DENIED'), null, 'a name not about a connection means nothing here')
  t.equal(first(captured('file-transfer', 'smbclient-timeout').text), 'timeout', 'timeout, though the line reads "Connection to … failed"')
  t.equal(first(captured('file-transfer', 'smbclient-reset').text), 'reset')
  t.equal(first(captured('file-transfer', 'smbclient-hang-up').text), 'hang-up')
})

t.test('glibc\'s translations written without their accents still count', async (t) => {
  const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/ı/g, 'i')
  for (const lang of ['fr', 'es', 'pt_BR', 'pl', 'tr', 'cs', 'sv']) {
    const text = fold(glibcMessages.ECONNREFUSED!.translations[lang]!)
    t.match(text, /^[\x00-\x7f]+$/, `${lang}: ${text} is ASCII`)
    t.equal(first(text), 'refused', `${lang}: ${text}`)
  }
  const reset = fold(glibcMessages.ECONNRESET!.translations.de!)
  t.equal(first(reset), 'reset', reset)
  const why = explain(fold(glibcMessages.ECONNREFUSED!.translations.fr!)).candidates[0]!
  t.ok(why.confidence < explain(glibcMessages.ECONNREFUSED!.translations.fr!).candidates[0]!.confidence, 'a little less sure than the text as glibc writes it')
  t.equal(first(captured('text-browsers', 'links2-refused-ipv6-pl-pl').text), 'refused', 'Links prints it so')
})

t.test('wordings that generalise', async (t) => {
  t.equal(first(captured('npm-clients', 'node-kafkajs-timeout').text), 'timeout', 'kafkajs: "Connection timeout" outweighs the template that frames it')
  t.equal(first(captured('npm-clients', 'node-node-fetch-timeout').text), 'timeout', 'node-fetch: "network timeout at:"')
  t.equal(first(captured('npm-clients', 'node-socket-io-client-timeout').text), 'timeout', 'socket.io-client: a bare "Error: timeout"')
  t.equal(first(captured('npm-clients', 'node-kafkajs-hang-up').text), 'hang-up', 'KafkaJSConnectionClosedError is not a WebSocket\'s ConnectionClosedError')
  t.equal(first(captured('http-libraries', 'python3-websocket-client-hang-up').text), 'hang-up', '"Connection to remote host was lost."')
  t.equal(first(captured('text-browsers', 'links2-dns').text), 'dns', '"Host not found"')
  t.equal(first(captured('npm-clients', 'node-pg-tls-to-plain').text), 'protocol-mismatch', '"There was an error establishing an SSL connection"')
})

/**
 * The rules rounds 3 and 4 added for programs explain had never seen, each checked on what it rests on: texts the capture
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

// Round 4: the batch captured by tools/capture/{db-queue-clients,small-tools,tls-proxies}.mjs. Each reason is checked on
// the captured text it rests on, and where a look-alike exists, on the look-alike that must keep its own kind.
t.test('round 4: a failure that does not say why, in drivers\' and servers\' own words', async (t) => {
  const pika = captured('db-queue-clients', 'python3-pika-refused-ipv4')
  t.match(pika.text, /^pika\.exceptions\.AMQPConnectionError$/m, 'pika printed the class and nothing else')
  t.equal(first(pika.text), 'refused')
  t.equal(first(captured('tls-proxies', 'tinyproxy-in-use').text), 'port-in-use', 'tinyproxy: "Could not create listening sockets."')
  const mysqli = captured('db-queue-clients', 'php-mysqli-refused-localhost')
  t.match(mysqli.text, /mysqli_sql_exception: No such file or directory/, 'localhost is the Unix socket, and its file is missing')
  t.equal(first(mysqli.text), 'refused')
})

t.test('round 4: how the connection ended, when the client names the transport, not the errno', async (t) => {
  t.equal(first(captured('db-queue-clients', 'python3-pika-hang-up').text), 'hang-up', 'pika: "Transport indicated EOF"')
  t.equal(first(captured('db-queue-clients', 'php-redis-reset').text), 'reset', 'phpredis: "socket error on read socket"')
  t.equal(first(captured('text-browsers', 'links2-hang-up').text), 'hang-up', 'Links\' "Error reading from socket" was a FIN, and stays one')
  const ab = captured('small-tools', 'ab-hang-up')
  t.ok(evidenceOf(ab.text).some((x) => x.kind === 'hang-up' && /Total transferred/.test(x.text)), 'ab\'s 0-byte summary is the evidence')
  t.equal(first(ab.text), 'hang-up')
})

t.test('round 4: the cause in parentheses outranks the sentence around it', async (t) => {
  const slow = captured('db-queue-clients', 'python3-pymysql-timeout')
  t.match(slow.text, /\(2003, "Can't connect to MySQL server on '127\.0\.0\.1' \(timed out\)"\)/)
  t.equal(first(slow.text), 'timeout')
  t.equal(first(captured('db-queue-clients', 'python3-pymysql-refused-ipv4').text), 'refused', 'the same 2003 with a refusal stays a refusal')
  t.equal(first(captured('small-tools', 'ab-timeout').text), 'timeout', 'APR_TIMEUP: "The timeout specified has expired (70007)"')
})

t.test('round 4: tools\' own words for a name that did not resolve', async (t) => {
  t.equal(first(captured('small-tools', 'nc-traditional-dns').text), 'dns', 'netcat-traditional: "forward host lookup failed"')
  t.equal(first(captured('small-tools', 'busybox-nc-dns').text), 'dns', 'BusyBox: "bad address \'NAME\'"')
  const bind = captured('small-tools', 'nc-traditional-not-here')
  t.match(bind.text, /inverse host lookup failed/, 'the look-alike: a reverse lookup of the address it was told to bind')
  t.equal(first(bind.text), 'address-not-available', 'the bind failure it reports next still decides')
})

t.test('round 4: a proxy naming the step that failed is a proxy error, whatever the upstream did', async (t) => {
  for (const id of ['tinyproxy-upstream-refused-log', 'tinyproxy-response-upstream-refused-response', 'tinyproxy-upstream-reset-log', 'stunnel-upstream-refused-log']) {
    t.equal(first(captured('tls-proxies', id).text), 'proxy', id)
  }
})

t.test('round 4: a reply parser that names what it got means another program answered', async (t) => {
  t.equal(first(captured('db-queue-clients', 'ruby-redis-to-http').text), 'protocol-mismatch', 'redis-rb: "Got \'H\' as initial reply byte"')
  t.equal(first(captured('db-queue-clients', 'php-redis-to-http').text), 'protocol-mismatch', 'phpredis: "got \'H\' as reply-type byte"')
  t.equal(first(captured('db-queue-clients', 'python3-pymysql-ssh-banner').text), 'protocol-mismatch', 'PyMySQL: "Packet sequence number wrong"')
})

t.test('round 5: clients\' own words for a name that did not resolve, and the catalogues that translate them', async (t) => {
  for (const id of ['mutt-smtp-dns', 'mutt-smtp-dns-de-de', 'mutt-smtp-dns-ja-jp']) t.equal(first(captured('mail-clients', id).text), 'dns', `${id}: mutt's "Could not find the host", and mutt.mo's translations of it`)
  for (const id of ['svn-protocol-dns', 'svn-protocol-dns-de-de', 'svn-protocol-dns-ja-jp']) t.equal(first(captured('package-vcs-clients', id).text), 'dns', `${id}: Subversion's "Unknown hostname"`)
  t.equal(first(captured('protocol-clients', 'snmpget-dns').text), 'dns', 'net-snmp: "Unknown host (tcp:NAME:PORT)"')
  const refused = captured('protocol-clients', 'snmpget-refused-ipv4')
  t.match(refused.text, /Unknown host \([^)]*\) \(Connection refused\)/, 'net-snmp says "Unknown host" for a refusal too')
  t.equal(first(refused.text), 'refused', 'the OS reason after it still decides')
  // (libgpg-error's catalogued "Unknown host" still reads it: the lexicon matches a message's words wherever they stand.)
  t.notOk(evidenceOf('dpkg-architecture: error: unknown host architecture \'foo\'').some((x) => x.kind === 'dns' && x.type === 'phrase'), 'the wording rule leaves dpkg\'s host architecture alone')
})

t.test('round 5: a server that closed before its first reply, in the mail and VCS clients\' words', async (t) => {
  for (const id of ['msmtp-hang-up-before-greeting', 'msmtp-hang-up-before-greeting-de-de', 'python3-smtplib-hang-up-before-greeting', 'python3-poplib-hang-up-before-greeting']) {
    t.equal(first(captured('mail-clients', id).text), 'hang-up', id)
  }
  for (const id of ['svn-http-hang-up', 'svn-http-hang-up-de-de']) t.equal(first(captured('package-vcs-clients', id).text), 'hang-up', `${id}: serf's "The server unexpectedly closed the connection."`)
})

t.test('round 5: a reply that was not the protocol\'s', async (t) => {
  for (const id of ['mutt-smtp-ssh-banner', 'mutt-smtp-ssh-banner-ja-jp', 'msmtp-ssh-banner', 'python3-smtplib-ssh-banner']) {
    t.equal(first(captured('mail-clients', id).text), 'protocol-mismatch', id)
  }
  for (const id of ['svn-http-tls-to-plain', 'svn-http-tls-to-plain-de-de', 'svn-http-ssh-banner-de-de']) t.equal(first(captured('package-vcs-clients', id).text), 'protocol-mismatch', id)
  t.equal(first('WebSocket error: Unexpected server response: 404'), 'websocket-handshake', 'ws\' unexpected response to an upgrade stays a handshake')
})

t.test('round 5: numbers a program folds into its own numbering, and an errno alone after a failed read', async (t) => {
  const svn = captured('package-vcs-clients', 'svn-protocol-refused-ipv4')
  t.match(svn.text, /E000111: /)
  t.ok(evidenceOf(svn.text).some((x) => x.type === 'number' && x.kind === 'refused' && /E000111/.test(x.text)), 'APR status 111 is errno 111')
  t.ok(evidenceOf('svn: E670002: Ismeretlen gépnév').some((x) => x.type === 'number' && x.kind === 'dns'), 'APR status 670002 is EAI_NONAME (-2), whatever language follows')
  t.notOk(evidenceOf('svn: E170013: Unable to connect to a repository').some((x) => x.type === 'number'), 'a Subversion error of its own is no errno')
  t.equal(first(captured('protocol-clients', 'wget2-reset').text), 'reset', 'wget2: "Failed to read 102400 bytes (104)"')
})

t.test('round 5: EINTR on a connect is the program\'s own connect timeout firing', async (t) => {
  for (const id of ['mutt-smtp-timeout', 'mutt-smtp-timeout-de-de', 'mutt-smtp-timeout-ja-jp']) {
    const e = captured('mail-clients', id)
    t.equal(first(e.text), 'timeout', id)
  }
  const eintr = glibcMessages.EINTR!
  const langs = Object.keys(eintr.translations)
  t.ok(langs.length >= 16, 'glibc translates EINTR in the capture\'s languages and more')
  for (const lang of langs) {
    const text = `Could not connect to 127.0.0.1 (${eintr.translations[lang]!}).`
    t.ok(evidenceOf(text).some((x) => x.kind === 'timeout'), `${lang}: glibc's EINTR text is timeout evidence`)
  }
})

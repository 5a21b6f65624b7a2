/**
 * The messages gen-program-messages.mjs picks out of every installed catalogue by explain's own reading of the
 * English: each pick keeps to the rules it was picked by (a failure kind, at least the floor, no deny pattern, not
 * gnulib's copy of a glibc text), the deny list keeps out what it names, and a real program's translated message, which explain could not
 * read before, is read now: Subversion in German against a server of ours that closes the connection. Messages of
 * projects' .po catalogues labelled from where the project throws them are in the table with their labels, each throw
 * site is the message's line at the recorded commit, and pgjdbc itself prints them: in German, in a network namespace
 * of its own, against an HTTP listener and a closed port.
 */
import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { programMessageCatalogues, programMessages, programMessageSources } from '../src/diagnose/explain/knowledge/program-messages.js'
import { glibcMessages } from '../src/diagnose/explain/knowledge/glibc-messages.js'
import { explain } from '../src/diagnose/explain/explain.js'
import { generatedProgramMessages, msgunfmtMessages } from './gettext-helpers.js'
// @ts-expect-error a generator's helper, plain JavaScript without types
import { printfOfMessageFormat } from '../tools/knowledge/po.mjs'
// @ts-expect-error the generators' list of sources, plain JavaScript without types
import { TOOL_WORDING_SOURCES } from '../tools/knowledge/sources.mjs'

const root = new URL('..', import.meta.url).pathname
const selection = JSON.parse(readFileSync(join(root, 'tools/knowledge/sources/program-message-selection.json'), 'utf8')) as {
  deny: { pattern: string; unless?: string; why: string }[]
  catalogues: Record<string, { program: string; package: string }>
  messages: { domain: string; msgid: string; kind: string }[]
  poMessages: { catalogue: string; msgid: string; kind: string; direction?: string; weight: number; thrown: string[] }[]
}
const PICKED = "picked by explain's reading"
const picks = programMessages.filter((m) => m.source.startsWith('catalogue-') && m.note?.startsWith(PICKED))
const DIRECTION = "picked by explain's reading of the English as a direction only"
const CLOSE = "picked by explain's reading of the English, not surely ahead of the next kind"

t.test("picks from every catalogue: each keeps to the rules it was picked by", async (t) => {
  t.ok(picks.length >= 40, `${picks.length} messages picked by explain's reading`)
  const domains = new Set(picks.map((m) => m.source))
  t.ok(domains.size >= 10, `from ${domains.size} catalogues: ${[...domains].join(', ')}`)
  const glibc = new Set(Object.values(glibcMessages).map((m) => m.en.toLowerCase()))
  const deny = selection.deny.map((d) => ({ re: new RegExp(d.pattern, 'i'), unless: d.unless ? new RegExp(d.unless, 'i') : null, why: d.why }))
  for (const m of picks) {
    const name = `${m.source} ${JSON.stringify(m.en)}`
    t.notOk(['announcement', 'address', 'unknown'].includes(m.kind), `${name}: ${m.kind} is a failure`)
    // A msgid that names only the call that failed (connect, listen, resolve) is picked at the hand labels' weight for
    // such a sentence, so that the reason printed with it decides; a sure reading keeps explain's confidence.
    if (m.note?.startsWith(DIRECTION)) {
      t.equal(m.weight, 0.3, `${name}: a direction only, at 0.3`)
      t.ok(['connect', 'listen', 'resolve'].includes(m.direction ?? ''), `${name}: its direction ${m.direction}`)
    } else if (m.note?.startsWith(CLOSE)) {
      // Read from the floor up but not surely ahead of the next kind: below every sure pick.
      t.equal(m.weight, 0.4, `${name}: one of two neighbouring readings, at 0.4`)
    } else {
      t.ok(m.weight >= 0.7 && m.weight <= 0.9, `${name}: weight ${m.weight} between the floor and 0.9`)
    }
    // glibc's words count in a program's own catalogue, not in gnulib's copy of gai_strerror, which glibc never uses.
    t.notOk(glibc.has(m.en.toLowerCase()) && ['catalogue-coreutils', 'catalogue-wget-gnulib'].includes(m.source), `${name}: not gnulib's copy of a glibc text`)
    const denied = deny.find((d) => d.re.test(m.en) && !d.unless?.test(m.en))
    t.notOk(denied, `${name}: no deny pattern matches${denied ? ` (${denied.why})` : ''}`)
    const source = programMessageSources[m.source]
    t.ok(source?.package && source.version && /^\/.+\/\*\/LC_MESSAGES\/[^/]+\.mo$/.test(source.path ?? ''), `${name}: cites its catalogue's package and version`)
  }
  // What the deny list names stays out, though explain's reading of its words alone would pick it.
  for (const en of ['The GID %d is already in use.\n', 'Unexpected EOF in archive', 'KRB5 error code 111']) {
    t.notOk(programMessages.some((m) => m.en === en), `${JSON.stringify(en)} is denied`)
  }
})

t.test('picks by kind: the sure ones are there', async (t) => {
  const find = (source: string, en: string) => picks.find((m) => m.source === source && m.en === en)
  t.equal(find('catalogue-subversion', 'Network connection closed unexpectedly')?.kind, 'hang-up')
  t.equal(find('catalogue-glib20', 'Timeout was reached')?.kind, 'timeout')
  t.equal(find('catalogue-gnutls30', 'Handshake failed')?.kind, 'protocol-mismatch')
  // apt's own `Connection timed out`, in apt's translation, which is not glibc's.
  const apt = find('catalogue-apt', 'Connection timed out')
  t.equal(apt?.kind, 'timeout')
  t.not(apt?.translations.de, glibcMessages.ETIMEDOUT?.translations.de, "apt's German is its own")
  t.ok(Object.keys(find('catalogue-subversion', 'Network connection closed unexpectedly')?.translations ?? {}).includes('de'), 'with its German translation')
})

/** A program's whole output (stdout then stderr), run asynchronously so that a server in this process can answer it. */
function output (command: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null, text: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { env: { ...process.env, ...env }, timeout: 20_000 })
    let text = ''
    child.stdout.on('data', (d: Buffer) => { text += d.toString('utf8') })
    child.stderr.on('data', (d: Buffer) => { text += d.toString('utf8') })
    child.on('close', (code) => resolve({ code, text }))
    child.on('error', () => resolve({ code: null, text }))
  })
}

const svn = spawnSync('sh', ['-c', 'command -v svn']).status === 0
const german = /^de_DE\.utf-?8$/im.test(spawnSync('locale', ['-a'], { encoding: 'utf8' }).stdout ?? '')
t.test('Subversion in German, against a server of ours that closes: explain reads its own words now', { skip: (!svn && 'svn (subversion) is not installed') || (!german && 'no de_DE.UTF-8 locale') }, async (t) => {
  const server = net.createServer(function closeOnConnection (socket) {
    socket.on('error', () => {})
    socket.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const { port } = server.address() as net.AddressInfo
  // A HOME of its own: svn writes its configuration there on first use.
  const home = mkdtempSync(join(tmpdir(), 'svn-home-'))
  t.teardown(() => rmSync(home, { recursive: true, force: true }))
  const run = await output(['svn', 'ls', '--non-interactive', `svn://127.0.0.1:${port}/lab`], { LC_ALL: 'de_DE.UTF-8', LANGUAGE: 'de', HOME: home })
  t.not(run.code, 0, 'svn fails')
  const entry = picks.find((m) => m.source === 'catalogue-subversion' && m.en === 'Network connection closed unexpectedly')
  const german = entry?.translations.de
  t.ok(german && run.text.includes(german), `svn printed the catalogue's German: ${JSON.stringify(german)}`, { output: run.text })
  const result = explain(run.text)
  t.equal(result.candidates[0]?.kind, 'hang-up', 'explain: the server hung up')
  t.ok(result.candidates[0]?.because.some((e) => e.type === 'message' && e.means === "subversion's de text"), "because of subversion's German text", { because: result.candidates[0]?.because })
})

const msmtp = spawnSync('sh', ['-c', 'command -v msmtp']).status === 0
t.test('msmtp in German, to a port of ours just closed: its direction-only sentence is evidence of the connect', { skip: (!msmtp && 'msmtp is not installed') || (!german && 'no de_DE.UTF-8 locale') }, async (t) => {
  // A port that was ours a moment ago: nothing listens there now, and no other program's port is touched.
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  const home = mkdtempSync(join(tmpdir(), 'msmtp-home-'))
  t.teardown(() => rmSync(home, { recursive: true, force: true }))
  const run = await new Promise<{ code: number | null, text: string }>((resolve) => {
    const child = spawn('msmtp', ['--host=127.0.0.1', `--port=${port}`, '--from=lab@localhost', '--', 'lab@localhost'], { env: { ...process.env, LC_ALL: 'de_DE.UTF-8', LANGUAGE: 'de', HOME: home }, timeout: 20_000 })
    let text = ''
    child.stderr.on('data', (d: Buffer) => { text += d.toString('utf8') })
    child.on('close', (code) => resolve({ code, text }))
    child.on('error', () => resolve({ code: null, text }))
    child.stdin.end('Subject: lab\n\nlab\n')
  })
  t.not(run.code, 0, 'msmtp fails', { output: run.text })
  const entry = picks.find((m) => m.source === 'catalogue-msmtp' && m.en === 'cannot connect to %s, port %d: %s')
  t.equal(entry?.note?.startsWith(DIRECTION), true, 'picked as a direction only')
  const german = entry?.translations.de
  const template = german && new RegExp(german.split(/%[sd]/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+?'))
  t.ok(template && template.test(run.text), `msmtp printed the catalogue's German: ${JSON.stringify(german)}`, { output: run.text })
  const result = explain(run.text)
  t.equal(result.candidates[0]?.kind, 'refused', 'explain: refused')
  // mpop shares msmtp's code and its sentences: the evidence names both ("mpop's or msmtp's de text").
  const own = result.candidates[0]?.because.find((e) => e.type === 'message' && /(?:^| )msmtp's (?:or .+ )?de text$/.test(e.means))
  t.equal(own?.direction, 'connect', "msmtp's German sentence says a connect failed", { because: result.candidates[0]?.because })
})

t.test("a program's English template on the line does not hide the OS's reason whose accents the log's encoding lost", async (t) => {
  // Perl under `use locale` prints glibc's German in Latin-1 into a UTF-8 log (the corpus's perl-io-socket-ip captures);
  // msmtp's `cannot connect to %s: %s` matches the English half of the line.
  t.ok(picks.some((m) => m.source === 'catalogue-msmtp' && m.en === 'cannot connect to %s: %s'), "msmtp's template is picked")
  const result = explain('Cannot connect to 127.0.0.1:34681: Die Wartezeit f\ufffdr die Verbindung ist abgelaufen')
  t.equal(result.candidates[0]?.kind, 'timeout')
  t.ok(result.candidates[0]?.because.some((e) => e.type === 'message' && e.means.includes('ETIMEDOUT')), "because of the C library's German text", { because: result.candidates[0]?.because })
})

const PO_RECORDS = join(root, 'tools/knowledge/sources/po/catalogues.json')
const poRecords = JSON.parse(readFileSync(PO_RECORDS, 'utf8')) as { id: string; program: string; repo: string; commit: string; dir: string; files: Record<string, [number, number][]> }[]

t.test("projects' .po catalogues: pgjdbc's picks, their translations as the extract has them, and explain reading them", async (t) => {
  t.equal(printfOfMessageFormat("can''t connect to {0} ({1,number}): 100%"), "can't connect to %s (%s): 100%%", 'MessageFormat as printf')
  const pgjdbc = poRecords.find((r) => r.id === 'po-pgjdbc')!
  t.match(pgjdbc.commit, /^[0-9a-f]{40}$/)
  const entries = programMessages.filter((m) => m.source === 'po-pgjdbc')
  t.ok(entries.length >= 1, `${entries.length} pgjdbc messages from its .po catalogues`)
  const setup = entries.find((m) => m.en === 'Protocol error.  Session setup failed.')
  t.equal(setup?.kind, 'protocol-mismatch')
  // Read the German extract with a regular expression of its own, not the generator's parser.
  const extract = join(root, 'tools/knowledge/sources/po', pgjdbc.repo.replace('/', '+'), pgjdbc.dir)
  const de = readFileSync(join(extract, 'de.po'), 'utf8')
  t.equal(setup?.translations.de, /^msgid "Protocol error\.  Session setup failed\."\nmsgstr "(.*)"$/m.exec(de)?.[1], 'de as the catalogue has it')
  t.notOk(entries.some((m) => m.en.startsWith('Loading the SSL')), 'the client loading its own certificate is denied')
  const result = explain(`org.postgresql.util.PSQLException: ${setup?.translations.de}`)
  t.equal(result.candidates[0]?.kind, 'protocol-mismatch')
  t.ok(result.candidates[0]?.because.some((e) => e.means === "pgjdbc's de text"), "because of pgjdbc's German text")
})

const mirror = (repo: string): string => join('/work/.mirror', repo.replace('/', '+'), 'repo')
t.test('the .po extracts are their origin\'s lines at the recorded commit', { skip: !poRecords.every((r) => existsSync(mirror(r.repo))) && 'no git copy of the repositories here (the fetch tool puts them in /work/.mirror)' }, async (t) => {
  for (const r of poRecords) {
    for (const [file, ranges] of Object.entries(r.files)) {
      const origin = spawnSync('git', ['-C', mirror(r.repo), 'show', `${r.commit}:${r.dir}/${file}`], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout.split('\n')
      const expected = ranges.map(([from, to]) => origin.slice(from - 1, to).join('\n')).join('\n\n') + '\n'
      t.equal(readFileSync(join(root, 'tools/knowledge/sources/po', r.repo.replace('/', '+'), r.dir, file), 'utf8'), expected, `${r.id} ${file}`)
    }
  }
})

t.test(".po labels: in the table as labelled, thrown where the label says, translated as the extract has it", async (t) => {
  const labels = selection.poMessages
  t.ok(labels.length >= 6, `${labels.length} .po messages labelled`)
  for (const label of labels) {
    const record = poRecords.find((r) => r.id === label.catalogue)
    t.ok(record, `${label.catalogue} is a recorded catalogue`)
    const entry = programMessages.find((m) => m.source === label.catalogue && m.en === printfOfMessageFormat(label.msgid))
    const name = `${label.catalogue} ${JSON.stringify(label.msgid)}`
    t.same([entry?.kind, entry?.direction, entry?.weight], [label.kind, label.direction, label.weight], `${name}: the label's kind, direction and weight`)
    t.ok(label.thrown.length > 0 && label.thrown.every((site) => entry?.note?.includes(site)), `${name}: its note names every throw site`)
    t.notOk(entry?.note?.startsWith("picked by explain's reading"), `${name}: labelled, not picked`)
  }
  const find = (msgid: string) => programMessages.find((m) => m.source === 'po-pgjdbc' && m.en === printfOfMessageFormat(msgid))
  const failed = find('The connection attempt failed.')
  const refused = find('Connection to {0} refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.')
  t.equal(refused?.kind, 'refused')
  t.equal(failed?.kind, 'timeout')
  t.ok(failed && failed.weight < 0.5, 'a generic catch: a low weight, the cause printed after it decides')
  // Read the German extract with a regular expression of its own: the refusal's German is fuzzy, which msgfmt (and so
  // pgjdbc's messages_de class) leaves out; the failed attempt's is not.
  const pgjdbc = poRecords.find((r) => r.id === 'po-pgjdbc')!
  const de = readFileSync(join(root, 'tools/knowledge/sources/po', pgjdbc.repo.replace('/', '+'), pgjdbc.dir, 'de.po'), 'utf8')
  t.equal(failed?.translations.de, /^msgid "The connection attempt failed\."\nmsgstr "(.*)"$/m.exec(de)?.[1], 'de as the catalogue has it')
  t.match(de, /#, fuzzy, java-format\nmsgid ""\n"Connection to \{0\} refused/, 'the refusal is fuzzy in de.po')
  t.equal(refused?.translations.de, undefined, 'so it has no German')
})

t.test('.po labels: each throw site is the line that carries the message at the recorded commit', { skip: !poRecords.every((r) => existsSync(mirror(r.repo))) && 'no git copy of the repositories here (the fetch tool puts them in /work/.mirror)' }, async (t) => {
  for (const label of selection.poMessages) {
    const record = poRecords.find((r) => r.id === label.catalogue)!
    for (const site of label.thrown) {
      const [path, line] = site.split(':')
      const text = spawnSync('git', ['-C', mirror(record.repo), 'show', `${record.commit}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout.split('\n')[Number(line) - 1]
      t.ok(text?.includes(`"${label.msgid}"`), `${site} carries ${JSON.stringify(label.msgid)}`, { line: text })
    }
  }
})

// pgjdbc as Debian ships it (libpostgresql-jdbc-java), run by a Java program of the test's own that opens the listener
// in the same network namespace (unshare --net: pgjdbc and the JVM reach nothing else, whatever they resolve).
const PGJDBC_JAR = '/usr/share/java/postgresql.jar'
const JAVA_PROGRAM = `
import java.net.*;
import java.sql.*;
public class PgjdbcAgainst {
  public static void main (String[] args) throws Exception {
    ServerSocket listener = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
    int port = listener.getLocalPort();
    if (args[0].equals("closed")) listener.close();
    else new Thread(() -> {
      // An HTTP server's answer to whatever it is sent: pgjdbc's SSLRequest gets 'H' where it expects S, N or E.
      try { while (true) { Socket c = listener.accept(); c.getInputStream().read(new byte[8]); c.getOutputStream().write("HTTP/1.1 400 Bad Request\\r\\n\\r\\n".getBytes()); c.close(); } } catch (Exception e) { }
    }).start();
    try { DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/lab?user=lab&password=lab&connectTimeout=5"); }
    catch (SQLException e) { System.out.println(e); for (Throwable c = e.getCause(); c != null; c = c.getCause()) System.out.println("Caused by: " + c); }
    System.exit(0);
  }
}
`
const javaHere = spawnSync('sh', ['-c', 'command -v java']).status === 0 && existsSync(PGJDBC_JAR)
const netns = spawnSync('unshare', ['--net', 'true']).status === 0
t.test('pgjdbc in German against an HTTP listener and a closed port: its own sentences, as explain reads them', { skip: (!javaHere && `java or ${PGJDBC_JAR} (libpostgresql-jdbc-java) is not installed`) || (!netns && 'unshare --net is not usable here') }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pgjdbc-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'PgjdbcAgainst.java'), JAVA_PROGRAM)
  const run = (mode: string) => output(['unshare', '--net', 'sh', '-c', 'ip link set lo up && exec java -Duser.language=de -Duser.country=DE -cp "$0" "$1" "$2"', PGJDBC_JAR, join(dir, 'PgjdbcAgainst.java'), mode], {})
  const find = (msgid: string) => programMessages.find((m) => m.source === 'po-pgjdbc' && m.en === printfOfMessageFormat(msgid))

  const http = await run('http')
  const ssl = find('An error occurred while setting up the SSL connection.')
  t.ok(ssl?.translations.de && http.text.includes(ssl.translations.de), `pgjdbc printed the catalogue's German: ${JSON.stringify(ssl?.translations.de)}`, { output: http.text })
  const mismatch = explain(http.text)
  t.equal(mismatch.candidates[0]?.kind, 'protocol-mismatch', 'explain: another protocol on the port')
  t.ok(mismatch.candidates[0]?.because.some((e) => e.means === "pgjdbc's de text"), "because of pgjdbc's German text", { because: mismatch.candidates[0]?.because })

  const closed = await run('closed')
  // The German of the refusal is fuzzy in de.po, so pgjdbc prints it in English; the JVM's cause is glibc's German.
  t.match(closed.text, /Connection to 127\.0\.0\.1:\d+ refused\. Check that the hostname and port are correct/, 'the refusal, in English', { output: closed.text })
  t.match(closed.text, /Caused by: java\.net\.ConnectException: /, 'caused by a ConnectException, as the throw site catches')
  const refused = explain(closed.text)
  t.equal(refused.candidates[0]?.kind, 'refused')
  t.ok(refused.candidates[0]?.because.some((e) => e.means === "pgjdbc's text"), "because of pgjdbc's text", { because: refused.candidates[0]?.because })
})

// Microsoft's JDBC driver keeps its translations out of its repository; the ones it proposed once (#441) are quoted.
const MSSQL = TOOL_WORDING_SOURCES.filter((s: { repo?: string }) => s.repo === 'microsoft/mssql-jdbc') as { commit: string; path: string; file: string; lines: number[] }[]
t.test("mssql-jdbc: its connection sentences in 11 languages, each extract its origin's lines, and explain reading the Japanese", async (t) => {
  const entries = programMessages.filter((m) => m.program === 'mssql-jdbc')
  t.equal(entries.length, 4, 'four sentences')
  for (const m of entries) t.equal(Object.keys(m.translations).length, 11, `${JSON.stringify(m.en)}: 11 languages`)
  const tcp = entries.find((m) => m.en.startsWith('The TCP/IP connection to the host'))
  t.equal(tcp?.kind, 'refused')
  // The Java resource file as committed, read with an expression of its own: MessageFormat's '' is one quote.
  const de = readFileSync(join(root, 'tools/knowledge/sources', MSSQL.find((s) => s.path.endsWith('_de.java'))!.file), 'utf8')
  const quoted = /"R_tcpipConnectionFailed","(.*)"\}/.exec(de)?.[1]?.replace(/''/g, "'").replace(/\{\d\}/g, '%s')
  t.equal(tcp?.translations.de, quoted, 'de as the resource file has it')
  const text = `com.microsoft.sqlserver.jdbc.SQLServerException: ${tcp?.translations.ja?.replace('%s', 'localhost').replace('%s', '1433').replace('%s', 'Connection refused')}`
  const result = explain(text)
  t.equal(result.candidates[0]?.kind, 'refused', text)
  t.ok(result.candidates[0]?.because.some((e) => e.means === "mssql-jdbc's ja text"), "because of mssql-jdbc's Japanese text", { because: result.candidates[0]?.because })
})

// Microsoft.Data.SqlClient ships its translations from its repository: the frame ProcessSNIError writes is its own.
t.test('Microsoft.Data.SqlClient: its connection sentences in 13 languages, and explain reading the German frame', async (t) => {
  const entries = programMessages.filter((m) => m.program === 'sqlclient')
  t.equal(entries.length, 6, 'six sentences')
  for (const m of entries) t.equal(Object.keys(m.translations).length, 13, `${JSON.stringify(m.en)}: 13 languages`)
  const connect = entries.find((m) => m.en.startsWith('A network-related or instance-specific error'))
  const error40 = entries.find((m) => m.en === 'Could not open a connection to SQL Server')
  t.equal(connect?.kind, 'refused')
  // TdsParser.ProcessSNIError's frame, "{0} (provider: {1}, error: {2} - {3})", around the two German sentences.
  const text = `Microsoft.Data.SqlClient.SqlException (0x80131904): ${connect?.translations.de} (provider: TCP Provider, error: 40 - ${error40?.translations.de})`
  const result = explain(text)
  t.equal(result.candidates[0]?.kind, 'refused', text)
  t.ok(result.candidates[0]?.because.some((e) => e.means === "sqlclient's de text"), "because of sqlclient's German text", { because: result.candidates[0]?.because })
})

for (const repo of ['microsoft/mssql-jdbc', 'dotnet/SqlClient']) {
  t.test(`${repo}: each extract is its origin's listed lines at its commit`, { skip: !existsSync(mirror(repo)) && `no git copy of ${repo} here (the fetch tool puts it in /work/.mirror)` }, async (t) => {
    const sources = TOOL_WORDING_SOURCES.filter((s: { repo?: string }) => s.repo === repo) as { commit: string; path: string; file: string; lines: number[] }[]
    t.ok(sources.length >= 12, `${sources.length} files: the English and its translations`)
    for (const s of sources) {
      const origin = spawnSync('git', ['-C', mirror(repo), 'show', `${s.commit}:${s.path}`], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout.split('\n')
      t.equal(readFileSync(join(root, 'tools/knowledge/sources', s.file), 'utf8'), s.lines.map((n) => origin[n - 1]).join('\n') + '\n', s.file)
    }
  })
}


const R_ROOT = '/usr/lib/R/library/translations'
const rInstalled = existsSync('/var/lib/dpkg/info/r-base-core.list') && existsSync(R_ROOT)
const msgunfmtHere = spawnSync('msgunfmt', ['--version']).status === 0
t.test("a catalogue outside /usr/share/locale is read: R's, from dpkg's list of r-base-core's files", { skip: (!rInstalled && 'r-base-core is not installed') || (!msgunfmtHere && 'msgunfmt (gettext) is not installed') }, async (t) => {
  // The committed table was made with R's catalogues among those it read, each under its root, with R's package.
  const rKeys = Object.entries(programMessageCatalogues).filter(([key]) => key.endsWith(`@${R_ROOT}`))
  t.ok(rKeys.length >= 10, `${rKeys.length} of R's domains read`)
  t.ok(rKeys.every(([, pkg]) => pkg.startsWith('r-base-core ')), "each recorded with r-base-core's version")
  // And the generator reads one of them now, on its own (explain reads every msgid of R's `utils` domain alone).
  const scratch = mkdtempSync(join(tmpdir(), 'catalogue-roots-'))
  t.teardown(() => rmSync(scratch, { recursive: true, force: true }))
  const key = `utils@${R_ROOT}`
  const run = spawnSync(process.execPath, [join(root, 'tools/knowledge/gen-program-messages.mjs')], {
    env: { ...process.env, KNOWLEDGE_OUT_DIR: scratch, KNOWLEDGE_DOMAINS: key, TOOL_WORDING: 'quoted/tool-wording.sample.json' },
    encoding: 'utf8',
  })
  t.equal(run.status, 0, run.stderr)
  const text = readFileSync(join(scratch, 'program-messages.ts'), 'utf8')
  t.match(text, `"path":"${R_ROOT}/*/LC_MESSAGES/utils.mo","version":"`, 'the source record names the catalogue under its own root')
  t.match(text, '"package":"r-base-core"', "and R's package")
  const entries = generatedProgramMessages(text).filter((e) => e.source === `catalogue-${key}`)
  t.ok(entries.length > 0, `${entries.length} messages from R's utils catalogue: ${entries.map((e) => JSON.stringify(e.en)).join(', ')}`)
  let compared = 0
  for (const e of entries) {
    t.equal(e.program, 'R', `${JSON.stringify(e.en)}: R's, by its root`)
    for (const [lang, msgstr] of Object.entries(e.translations)) {
      t.equal(msgstr, msgunfmtMessages(join(R_ROOT, lang, 'LC_MESSAGES', 'utils.mo'))?.get(e.en), `${lang}: what msgunfmt reads in R's own catalogue`)
      compared++
    }
  }
  t.ok(compared >= 2, `${compared} translations compared`)
})

/** A printf template with every placeholder filled, as a program would print it. */
function filled (template: string): string {
  return template.replace(/%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|z)?([sdiu])/g, (_, c: string) => (c === 's' ? 'lab.example' : '5353'))
}

// The four programs labelled by hand in round 11, each by one message; what they print in other languages is the
// catalogue's own msgstr (msgunfmt), filled in, and explain must read the label's kind from it.
const LABELLED = [
  { domain: 'glib20', msgid: 'Error resolving “%s”: %s' },
  { domain: 'subversion', msgid: "Can't bind server socket" },
  { domain: 'dnsmasq', msgid: 'failed to create listening socket for %s: %s' },
  { domain: 'apt', msgid: 'Connection failed' },
]
const PREFERRED = ['de', 'fr', 'es', 'ru', 'ja', 'zh_CN', 'pt_BR', 'it', 'pl', 'sv', 'nl', 'cs', 'tr', 'uk']
for (const { domain, msgid } of LABELLED) {
  const file = (lang: string): string => `/usr/share/locale/${lang}/LC_MESSAGES/${domain}.mo`
  t.test(`${domain}: ${JSON.stringify(msgid)} gives its label's kind in two languages`, { skip: (!msgunfmtHere && 'msgunfmt (gettext) is not installed') || (!existsSync(file('de')) && !existsSync(file('fr')) && `${domain}.mo is not installed (apt-get install -y ${selection.catalogues[domain]?.package})`) }, async (t) => {
    const label = selection.messages.find((m) => m.domain === domain && m.msgid === msgid)
    t.ok(label, 'labelled by hand')
    const program = selection.catalogues[domain]?.program
    t.equal(programMessages.find((m) => m.program === program && m.en === msgid)?.kind, label?.kind, 'in the table with its label')
    let read = 0
    for (const lang of PREFERRED) {
      if (read === 2) break
      if (!existsSync(file(lang))) continue
      const msgstr = msgunfmtMessages(file(lang))?.get(msgid)
      if (!msgstr || msgstr === msgid) continue
      const text = filled(msgstr)
      const top = explain(text).candidates[0]
      t.equal(top?.kind, label?.kind, `${lang}: ${JSON.stringify(text)} reads as ${label?.kind}`)
      t.ok(top?.because.some((e) => e.type === 'message' && e.means === `${program}'s ${lang} text`), `${lang}: because of ${program}'s own ${lang} text`, { because: top?.because })
      read++
    }
    t.equal(read, 2, 'two languages read')
  })
}

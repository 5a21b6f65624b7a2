/**
 * The messages gen-program-messages.mjs picks out of every installed catalogue by explain's own reading of the
 * English: each pick keeps to the rules it was picked by (a failure kind, at least the floor, no deny pattern, not
 * gnulib's copy of a glibc text), the deny list keeps out what it names, and a real program's translated message, which explain could not
 * read before, is read now: Subversion in German against a server of ours that closes the connection.
 */
import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { programMessages, programMessageSources } from '../src/diagnose/explain/knowledge/program-messages.js'
import { glibcMessages } from '../src/diagnose/explain/knowledge/glibc-messages.js'
import { explain } from '../src/diagnose/explain/explain.js'
// @ts-expect-error a generator's helper, plain JavaScript without types
import { printfOfMessageFormat } from '../tools/knowledge/po.mjs'

const root = new URL('..', import.meta.url).pathname
const selection = JSON.parse(readFileSync(join(root, 'tools/knowledge/sources/program-message-selection.json'), 'utf8')) as {
  deny: { pattern: string; unless?: string; why: string }[]
}
const PICKED = "picked by explain's reading"
const picks = programMessages.filter((m) => m.source.startsWith('catalogue-') && m.note?.startsWith(PICKED))

t.test("picks from every catalogue: each keeps to the rules it was picked by", async (t) => {
  t.ok(picks.length >= 40, `${picks.length} messages picked by explain's reading`)
  const domains = new Set(picks.map((m) => m.source))
  t.ok(domains.size >= 10, `from ${domains.size} catalogues: ${[...domains].join(', ')}`)
  const glibc = new Set(Object.values(glibcMessages).map((m) => m.en.toLowerCase()))
  const deny = selection.deny.map((d) => ({ re: new RegExp(d.pattern, 'i'), unless: d.unless ? new RegExp(d.unless, 'i') : null, why: d.why }))
  for (const m of picks) {
    const name = `${m.source} ${JSON.stringify(m.en)}`
    t.notOk(['announcement', 'address', 'unknown'].includes(m.kind), `${name}: ${m.kind} is a failure`)
    t.ok(m.weight >= 0.7 && m.weight <= 0.9, `${name}: weight ${m.weight} between the floor and 0.9`)
    // glibc's words count in a program's own catalogue, not in gnulib's copy of gai_strerror, which glibc never uses.
    t.notOk(glibc.has(m.en.toLowerCase()) && ['catalogue-coreutils', 'catalogue-wget-gnulib'].includes(m.source), `${name}: not gnulib's copy of a glibc text`)
    const denied = deny.find((d) => d.re.test(m.en) && !d.unless?.test(m.en))
    t.notOk(denied, `${name}: no deny pattern matches${denied ? ` (${denied.why})` : ''}`)
    const source = programMessageSources[m.source]
    t.ok(source?.package && source.version && source.path?.startsWith('/usr/share/locale/'), `${name}: cites its catalogue's package and version`)
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

/**
 * libgpg-error's codes as explain reads them (src/diagnose/explain/gpg-reason.ts, knowledge/gpg-errors.ts): texts gpg
 * printed in the capture (development split only, read by id), the catalogues' translations inside gpg's own frame,
 * the position rule (a code text counts only as the reason at the end of a GnuPG program's line), and gpg itself run
 * here in a network namespace of the test's own against a listener that hangs up and without a resolver.
 */
import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { explain } from '../src/diagnose/explain/explain.js'
import { evidenceOf, lineMayMatter, type Evidence } from '../src/diagnose/explain/evidence.js'
import { gpgReasonOf } from '../src/diagnose/explain/gpg-reason.js'
import { gpgErrorsJson, gpgErrorSources, type GpgErrorCode } from '../src/diagnose/explain/knowledge/gpg-errors.js'
import { KINDS, type Kind } from '../src/diagnose/explain/signatures.js'

interface Entry { id: string, text: string, kind: Kind, accept?: Kind[], split: string, program: string, locale: string }

const corpus = JSON.parse(readFileSync(new URL('./fixtures/explain-corpus/package-vcs-clients.json', import.meta.url), 'utf8')) as Entry[]

function captured (id: string): Entry {
  const e = corpus.find((x) => x.id === id)
  if (e === undefined) throw new Error(`package-vcs-clients.json has no ${id}`)
  if (e.split !== 'dev') throw new Error(`${id} is in the test split: no test may read it`)
  return e
}

const table = JSON.parse(gpgErrorsJson) as GpgErrorCode[]
const code = (name: string): GpgErrorCode => {
  const c = table.find((x) => x.code === name)
  if (c === undefined) throw new Error(`gpg-errors.ts has no ${name}`)
  return c
}
/** The evidence gpg-reason.ts added: a code's text read in the reason position. */
const gpgEvidence = (text: string): Evidence[] => evidenceOf(text).filter((e) => e.type === 'code' && e.means.startsWith("libgpg-error's"))
const kinds = (text: string): Kind[] => explain(text).candidates.map((c) => c.kind)

t.test('the table: each code with its sources, a kind of explain\'s or none, and where gnupg returns it', async (t) => {
  t.ok(table.length >= 20, `${table.length} codes`)
  for (const c of table) {
    t.ok(c.kind === null || (KINDS as readonly string[]).includes(c.kind), `${c.code}: ${c.kind}`)
    t.ok(c.kind === null || (c.weight! > 0 && c.weight! <= 1), `${c.code}: weight ${c.weight}`)
    t.ok(c.where.length > 0 && c.where.every((w) => /^dirmngr\/[\w-]+\.c:\d+$/.test(w)), `${c.code}: ${c.where.join(', ')}`)
    for (const s of c.sources) t.ok(gpgErrorSources[s], `${c.code} cites ${s}`)
  }
  // The numbering of gpg-error.h: 220 and 16383 are libgpg-error's own, a system error is 1 << 15 | its errnos.in line.
  t.equal(code('GPG_ERR_NO_NAME').number, 220)
  t.equal(code('GPG_ERR_EOF').number, 16383)
  t.equal(code('GPG_ERR_ECONNREFUSED').number, 32768 | 25)
  t.equal(code('GPG_ERR_NO_NAME').translations.de, 'Kein Name', 'libgpg-error.mo\'s German')
  t.equal(code('GPG_ERR_ECONNREFUSED').translations.de, 'Verbindungsaufbau abgelehnt', 'a system error speaks glibc\'s German')
  t.equal(code('GPG_ERR_NO_DATA').kind, null, 'No data: too many places return it')
  t.equal(code('GPG_ERR_NO_KEYSERVER').kind, null, 'No keyserver available: says the host was marked dead, not why')
})

t.test('captured gpg texts: the reason is the code, in English and in the locale\'s words', async (t) => {
  const cases: Array<[string, Kind, string]> = [
    ['gpg-keyserver-dns', 'dns', 'GPG_ERR_NO_NAME'],
    ['gpg-keyserver-dns-de-de', 'dns', 'GPG_ERR_NO_NAME'],
    ['gpg-keyserver-dns-zh-cn', 'dns', 'GPG_ERR_NO_NAME'],
    ['gpg-keyserver-dns-no-resolver-ja-jp', 'dns', 'GPG_ERR_EAGAIN'],
    ['gpg-keyserver-dns-no-resolver-fr-fr', 'dns', 'GPG_ERR_EAGAIN'],
    ['gpg-keyserver-hang-up-nl-nl', 'hang-up', 'GPG_ERR_EOF'],
    ['gpg-keyserver-reset', 'hang-up', 'GPG_ERR_EOF'],
  ]
  for (const [id, kind, name] of cases) {
    const e = captured(id)
    t.equal(kinds(e.text)[0], kind, `${id} (${e.locale}): ${kind} first`)
    t.ok(kinds(e.text).slice(0, 3).includes(e.kind), `${id}: its label ${e.kind} in the top 3`)
    t.ok(gpgEvidence(e.text).some((x) => x.means.endsWith(name) || x.means.includes(`${name} (`)), `${id}: read as ${name}`, { evidence: gpgEvidence(e.text) })
  }
  // A reset reads as End of file too (the capture shows it): a hang-up first, the reset next to it.
  const reset = captured('gpg-keyserver-reset')
  t.match(reset.text, /keyserver receive failed: End of file$/)
  t.ok(kinds(reset.text).slice(0, 3).includes('reset'))
})

t.test('every translation of a labelled code, inside gpg\'s English frame', async (t) => {
  let n = 0
  for (const name of ['GPG_ERR_NO_NAME', 'GPG_ERR_UNKNOWN_HOST', 'GPG_ERR_SERVER_FAILED', 'GPG_ERR_DNS_TIMEOUT', 'GPG_ERR_EOF']) {
    const c = code(name)
    for (const [lang, text] of Object.entries(c.translations)) {
      const line = `gpg: keyserver receive failed: ${text}`
      t.ok(gpgReasonOf(line).some((m) => m.kind === c.kind), `${name} ${lang}: ${text}`)
      n++
    }
  }
  t.ok(n >= 60, `${n} texts`)
})

t.test('a code text counts only as the reason at the end of a GnuPG program\'s line', async (t) => {
  const reason = 'gpg: keyserver receive failed: No name'
  t.ok(gpgReasonOf(reason).some((m) => m.kind === 'dns'), 'the control: in its place it counts')
  t.ok(gpgReasonOf('dirmngr[4242]: keyserver receive failed: Kein Name').length > 0, 'dirmngr\'s prefix, with its pid')
  t.ok(gpgReasonOf('gpg: échec de réception depuis le serveur de clefs\u00a0: Fin de fichier').length > 0, 'French, its no-break space before the colon')
  for (const line of [
    'Error: keyserver receive failed: No name', // not a GnuPG program
    'gpg: No name', // no `what: reason` shape
    'gpg: keyserver receive failed: No name given', // the code's words, and more
    'gpg: No name: keyserver receive failed', // the code's words, not last
    'app.log gpg: keyserver receive failed: No name', // not at the line's start
    'gpgx: keyserver receive failed: End of file', // another program
  ]) {
    t.same(gpgReasonOf(line), [], `no code in ${JSON.stringify(line)}`)
    t.same(gpgEvidence(line), [], `no code evidence in ${JSON.stringify(line)}`)
  }
  // The ambiguous codes give no kind: the line is recognised as nothing from this table.
  t.same(gpgReasonOf('gpg: keyserver receive failed: No data'), [])
  t.same(gpgReasonOf('gpg: keyserver receive failed: No keyserver available'), [])
})

t.test('a streamed log considers a translated gpg reason line', async (t) => {
  t.ok(lineMayMatter('gpg: Empfangen vom Schlüsselserver fehlgeschlagen: Kein Name'))
  t.ok(lineMayMatter('gpg: 从公钥服务器接收失败：文件结尾'))
})

// gpg as Debian ships it, in a network namespace of the test's own (unshare --net: dirmngr reaches nothing else,
// whatever it resolves), against a listener of the test's own there that closes each connection after the request, and with
// a name to resolve and no resolver to ask.
const netns = spawnSync('unshare', ['--net', 'true']).status === 0
const gpgHere = spawnSync('sh', ['-c', 'command -v gpg && command -v dirmngr && command -v gpgconf']).status === 0
const germanLocale = /^de_DE\.utf-?8$/im.test(spawnSync('locale', ['-a'], { encoding: 'utf8' }).stdout ?? '')
const RUN_GPG = `
const net = require('node:net'); const fs = require('node:fs'); const os = require('node:os'); const path = require('node:path')
const { spawn, spawnSync } = require('node:child_process')
// It reads the request, then closes without a word: an HTTP server that hung up (the capture's hang-up scenario).
const server = net.createServer((s) => s.once('data', () => s.end()))
server.listen(0, '127.0.0.1', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gpg-t-'))
  fs.chmodSync(home, 0o700)
  fs.writeFileSync(path.join(home, 'dirmngr.conf'), 'connect-timeout 3\\nstandard-resolver\\nno-use-tor\\n')
  const ks = process.argv[1] === 'hang-up' ? 'hkp://127.0.0.1:' + server.address().port : 'hkp://api.nosuchhost.invalid:11371'
  const env = { ...process.env, LC_ALL: process.argv[2], LANGUAGE: '' }
  // Not spawnSync: the listener must keep hanging up while gpg runs.
  const gpg = spawn('gpg', ['--homedir', home, '--batch', '--keyserver', ks, '--recv-keys', '0x1234567890ABCDEF'], { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 20000 })
  let err = ''
  gpg.stderr.setEncoding('utf8').on('data', (d) => { err += d })
  gpg.on('close', () => {
    spawnSync('gpgconf', ['--homedir', home, '--kill', 'all'])
    fs.rmSync(home, { recursive: true, force: true })
    server.close()
    process.stdout.write(err)
  })
})
`
function gpgIn (mode: string, locale: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', ['--net', 'sh', '-c', 'ip link set lo up && exec "$0" -e "$1" "$2" "$3"', process.execPath, RUN_GPG, mode, locale], { stdio: ['ignore', 'pipe', 'inherit'] })
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d })
    child.on('error', reject)
    child.on('close', () => resolve(out))
  })
}

t.test('gpg run here: a keyserver that hangs up, and a name with no resolver to ask', { skip: (!gpgHere && 'gpg, dirmngr or gpgconf is not installed') || (!netns && 'unshare --net is not usable here') }, async (t) => {
  const hangUp = await gpgIn('hang-up', 'C')
  t.match(hangUp, /^gpg: keyserver receive failed: End of file$/m, 'gpg printed libgpg-error\'s text for GPG_ERR_EOF', { output: hangUp })
  t.equal(kinds(hangUp)[0], 'hang-up')

  if (!germanLocale) return t.comment('no de_DE.UTF-8 locale here (apt-get install -y locales-all): German not checked')
  const german = await gpgIn('dns', 'de_DE.UTF-8')
  const eagain = code('GPG_ERR_EAGAIN').translations.de!
  t.ok(german.includes(`fehlgeschlagen: ${eagain}`), `gpg printed glibc's German for EAGAIN (${eagain})`, { output: german })
  t.equal(kinds(german)[0], 'dns', 'a resolver that could not be asked: dns')
  t.ok(gpgEvidence(german).some((e) => e.kind === 'dns'), 'because of the code in the reason position')
})

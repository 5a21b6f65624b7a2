/**
 * The knowledge tables (src/diagnose/explain/knowledge/): each loads, has its shape, cites sources that exist, and
 * states facts that can be checked independently of its generator — against Node's own errno constants, against
 * msgunfmt's reading of libc.mo, against well-known numbers. Last, every generator reruns into a scratch directory
 * and must reproduce the committed table byte for byte (skipped where its installed inputs are missing).
 */
import t, { type Test } from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import { constants, tmpdir } from 'node:os'
import { join } from 'node:path'
import { getSystemErrorMap } from 'node:util'
import { errnoSources, errnoTable, type ErrnoEntry } from '../src/diagnose/explain/knowledge/errno.js'
import { glibcLanguages, glibcMessageSources, glibcMessages } from '../src/diagnose/explain/knowledge/glibc-messages.js'
import { windowsMessages, windowsMessageSources } from '../src/diagnose/explain/knowledge/windows-messages.js'
import { curlCodes, curlSources } from '../src/diagnose/explain/knowledge/curl-codes.js'
import { chromiumNetErrors, chromiumNetErrorSources } from '../src/diagnose/explain/knowledge/chromium-net-errors.js'
import { nsUrlErrorSources } from '../src/diagnose/explain/knowledge/nsurl-errors.js'
import { mozillaErrorSources } from '../src/diagnose/explain/knowledge/mozilla-errors.js'
import { tlsErrorSources } from '../src/diagnose/explain/knowledge/tls-errors.js'
import { winHttpErrorSources } from '../src/diagnose/explain/knowledge/winhttp-errors.js'
import { qtMessageSources } from '../src/diagnose/explain/knowledge/qt-messages.js'
import { chromiumPageSources } from '../src/diagnose/explain/knowledge/chromium-pages.js'
import { firefoxPageSources } from '../src/diagnose/explain/knowledge/firefox-pages.js'
import { httpStatuses, protocolSources, webSocketCloseCodes } from '../src/diagnose/explain/knowledge/protocol-codes.js'
import { programMessageCatalogues, programMessages, programMessageSources, type ProgramMessage } from '../src/diagnose/explain/knowledge/program-messages.js'
import { languageErrorNames, languageErrorSources } from '../src/diagnose/explain/knowledge/language-errors.js'
import { aria2Codes, aria2Sources } from '../src/diagnose/explain/knowledge/aria2-codes.js'
import { lexiconBuckets, lexiconIndexJson } from '../src/diagnose/explain/knowledge/lexicon-index.js'
import { buildLexiconIndex, lexiconIndexSources } from '../src/diagnose/explain/build-lexicon-index.js'
import { bucketRows, type StoredLexicon } from '../src/diagnose/explain/lexicon.js'
import { KINDS } from '../src/diagnose/explain/signatures.js'
import { freePort } from '../src/net/free-port.js'
import type { KnowledgeSource } from '../src/diagnose/explain/knowledge/errno.js'
import { learnedWordsSources } from '../src/diagnose/explain/knowledge/learned-words.js'
import { gpgErrorSources } from '../src/diagnose/explain/knowledge/gpg-errors.js'
import { clientErrorSources } from '../src/diagnose/explain/knowledge/client-errors.js'
import { generatedProgramMessages, generatedSourceVersions, installedPackageVersion, msgunfmtMessages } from './gettext-helpers.js'

// It reruns every generator (program messages reads all 238 installed catalogues, ~10 s here) and runs psql, wget
// and git live: ~100 s alone, past the 120 s .taprc gives a file when the whole suite shares 2 cores.
t.setTimeout(300_000)

const root = new URL('..', import.meta.url).pathname
const KNOWLEDGE = join(root, 'src/diagnose/explain/knowledge')

function code (name: string): ErrnoEntry {
  const e = errnoTable.find((x) => x.name === name)
  if (!e) throw new Error(`${name} not in the errno table`)
  return e
}

/** A source record names where its facts are: a file at a commit, an installed package's file, or a document. */
function checkSource (t: Test, s: KnowledgeSource): void {
  t.ok(s.project, `${s.id}: project`)
  const repoFile = Boolean(s.repo && s.path && (s.commit || s.url))
  const installed = Boolean(s.package && s.path && s.version)
  const document = Boolean(s.url)
  const issue = Boolean(s.issue && /^[\w.-]+\/[\w.-]+#\d+$/.test(s.issue))
  t.ok(repoFile || installed || document || issue, `${s.id}: names a repository file, an installed file, a document or an issue`)
  if (s.commit) t.match(s.commit, /^[0-9a-f]{40}$/, `${s.id}: a full commit`)
  if (s.extract) t.ok(existsSync(join(root, s.extract)), `${s.id}: its extract ${s.extract} is committed`)
}

t.test('errno numbers per platform: the facts people quote', async (t) => {
  const refused = code('ECONNREFUSED')
  t.equal(refused.linux?.errno, 111, 'Linux ECONNREFUSED')
  t.equal(refused.macos?.errno, 61, 'macOS ECONNREFUSED')
  const wsa = refused.windows.find((w) => w.name === 'WSAECONNREFUSED')
  t.equal(wsa?.code, 10061, 'Windows WSAECONNREFUSED')
  t.equal(wsa?.hresult, '0x8007274D', 'HRESULT_FROM_WIN32(10061)')
  t.equal(wsa?.hresultSigned, -2147014835)
  t.same([refused.libuv?.linux, refused.libuv?.macos, refused.libuv?.windows], [-111, -61, -4078], 'libuv: err.errno as Node prints it')
  t.same([code('EADDRINUSE').linux?.errno, code('EADDRINUSE').macos?.errno], [98, 48])
  t.ok(code('EADDRINUSE').windows.some((w) => w.name === 'WSAEADDRINUSE' && w.code === 10048))
  t.ok(code('ETIMEDOUT').windows.some((w) => w.code === 10060))
  t.equal(code('EPROTO').macos?.errno, 100, 'macOS numbers EPROTO differently from Linux (71)')
  t.equal(code('EPROTO').linux?.errno, 71)
  t.equal(code('EWOULDBLOCK').linux?.aliasOf, 'EAGAIN')
  t.equal(code('EOPNOTSUPP').macos?.errno, 102, 'macOS EOPNOTSUPP under UNIX03 (45 is ENOTSUP; the header defines both)')
  t.equal(code('ENOTSUP').linux?.errno, 95, 'glibc: ENOTSUP is EOPNOTSUPP on Linux')
  t.equal(code('ENOTSUP').libuv?.linux, -95, 'so libuv (and Node) say ENOTSUP for 95')
  const noname = code('EAI_NONAME')
  t.same([noname.linux?.errno, noname.macos?.errno, noname.libuv?.linux], [-2, 8, -3008])
  t.ok(noname.windows.some((w) => w.name === 'WSAHOST_NOT_FOUND' && w.code === 11001))
  t.ok(code('EAI_AGAIN').windows.some((w) => w.name === 'WSATRY_AGAIN' && w.code === 11002))
  t.ok(code('EAI_NODATA').windows.some((w) => w.code === 11004))
  t.equal(noname.node?.code, 'ENOTFOUND')
})

t.test('errno table: shape, and every cited source exists', async (t) => {
  t.ok(errnoTable.length >= 50)
  t.equal(new Set(errnoTable.map((e) => e.name)).size, errnoTable.length, 'one entry per name')
  for (const e of errnoTable) {
    const cited = [e.linux?.source, e.macos?.source, e.libuv?.source, e.node?.source, ...e.windows.flatMap((w) => w.sources)]
    t.ok(cited.some(Boolean), `${e.name} has a source`)
    for (const id of cited) if (id) t.ok(errnoSources[id], `${e.name} cites ${id}, which is listed`)
    for (const w of e.windows) t.equal(w.hresult, `0x${(w.code <= 0 ? w.code >>> 0 : ((w.code & 0xffff) | 0x80070000) >>> 0).toString(16).toUpperCase().padStart(8, '0')}`)
  }
  for (const s of Object.values(errnoSources)) checkSource(t, s)
})

const platform = process.platform === 'linux' ? 'linux' : process.platform === 'darwin' ? 'macos' : null
t.test('errno table agrees with the errno constants of the platform running the test', { skip: platform === null && `no column for ${process.platform}` }, async (t) => {
  if (!platform) return
  const known = constants.errno as Record<string, number>
  let compared = 0
  for (const e of errnoTable) {
    const row = e[platform]
    if (e.family !== 'socket' || !row || known[e.name] === undefined) continue
    t.equal(row.errno, known[e.name], `${e.name} on ${platform}`)
    compared++
  }
  t.ok(compared >= 30, `${compared} codes compared`)
})

t.test("libuv numbers and messages agree with Node's own libuv on this platform (util.getSystemErrorMap)", async (t) => {
  const column = process.platform === 'linux' ? 'linux' : process.platform === 'darwin' ? 'macos' : process.platform === 'win32' ? 'windows' : null
  if (!column) return
  const map = getSystemErrorMap()
  let compared = 0
  for (const e of errnoTable) {
    if (!e.libuv) continue
    const known = map.get(e.libuv[column])
    t.same(known, [e.libuv.name.slice('UV_'.length), e.libuv.message], `${e.libuv.name} = ${e.libuv[column]} on ${column}`)
    compared++
  }
  t.ok(compared >= 40, `${compared} libuv codes compared`)
})

t.test('glibc texts: languages, shape, and the German refusal as libc.mo says it', async (t) => {
  t.ok(Object.keys(glibcLanguages).length >= 30, `${Object.keys(glibcLanguages).length} languages`)
  t.equal(glibcMessages.ECONNREFUSED.en, 'Connection refused')
  t.equal(glibcMessages.EADDRINUSE.en, 'Address already in use')
  t.equal(glibcMessages.EAI_NONAME.en, 'Name or service not known')
  t.equal(glibcMessages.EAI_AGAIN.en, 'Temporary failure in name resolution')
  for (const [name, m] of Object.entries(glibcMessages)) {
    t.ok(glibcMessageSources[m.source], `${name} cites a listed source`)
    for (const [lang, text] of Object.entries(m.translations)) {
      if (!glibcLanguages[lang] || text.length === 0 || text === m.en) t.fail(`${name}/${lang}: a real translation`)
    }
  }
  for (const s of Object.values(glibcMessageSources)) checkSource(t, s)
})

// Independent of the generator's .mo parser: gettext's msgunfmt, when the machine has it and the catalogue.
const germanMo = '/usr/share/locale/de/LC_MESSAGES/libc.mo'
const msgunfmt = existsSync(germanMo) ? spawnSync('msgunfmt', [germanMo], { encoding: 'utf8' }) : null
const msgunfmtWorks = msgunfmt !== null && !msgunfmt.error && msgunfmt.status === 0
t.test('the German glibc text for ECONNREFUSED is what libc.mo says (read by msgunfmt)', { skip: !msgunfmtWorks && 'msgunfmt (gettext) or the German libc.mo (libc-l10n) is not installed' }, async (t) => {
  const po = msgunfmt?.stdout ?? ''
  const at = po.indexOf('msgid "Connection refused"\n')
  t.ok(at >= 0, 'libc.mo has the msgid')
  const msgstr = /^msgstr "(.*)"$/m.exec(po.slice(at))?.[1]
  t.equal(glibcMessages.ECONNREFUSED.translations.de, msgstr, 'de: what libc.mo says')
  t.equal(glibcMessages.ECONNREFUSED.translations.de, 'Verbindungsaufbau abgelehnt')
})

t.test('Windows texts: every one quoted, with its source, in at least 6 languages', async (t) => {
  const langs = new Set(windowsMessages.flatMap((m) => m.texts.map((x) => x.lang)))
  t.ok(langs.size >= 6, `${langs.size} languages: ${[...langs].join(', ')}`)
  for (const m of windowsMessages) {
    for (const text of m.texts) {
      t.ok(text.quotes.length > 0, `${m.code}/${text.lang} has a quote`)
      for (const q of text.quotes) {
        t.match(q.source, /^([\w.-]+\/[\w.-]+#\d+|https?:\/\/\S+)$/, 'source is owner/repo#N or a URL')
        t.ok(q.quote.includes(text.text), `${q.source}: the text is in the quote`)
        if (q.codeInQuote) t.ok(q.quote.includes(String(m.code)) || q.quote.includes(m.name), `${q.source}: the quote carries the code`)
      }
    }
  }
  const refused = windowsMessages.find((m) => m.code === 10061)
  t.ok(refused?.texts.some((x) => x.lang === 'zh-Hans' && x.text === '由于目标计算机积极拒绝，无法连接。'))
  for (const s of Object.values(windowsMessageSources)) checkSource(t, s)
})

t.test('curl exit codes', async (t) => {
  t.same(curlCodes.map((c) => c.code), curlCodes.map((_, i) => i), 'numbered 0..n without gaps')
  const connect = curlCodes[7]
  t.equal(connect.name, 'CURLE_COULDNT_CONNECT')
  t.equal(connect.text, 'Could not connect to server')
  t.equal(connect.debian12?.text, "Couldn't connect to server", 'Debian 12 curl 7.88.1 wording')
  t.equal(curlCodes[28].name, 'CURLE_OPERATION_TIMEDOUT')
  t.equal(curlCodes[52].name, 'CURLE_GOT_NOTHING')
  for (const c of curlCodes) {
    t.ok(curlSources[c.source], `${c.code} cites a listed source`)
    if (!c.obsolete) t.ok(c.text, `${c.name} has a text`)
  }
  for (const s of Object.values(curlSources)) checkSource(t, s)
})

t.test('Chromium net errors', async (t) => {
  const byName = new Map(chromiumNetErrors.map((e) => [e.name, e]))
  t.equal(byName.get('ERR_CONNECTION_REFUSED')?.code, -102)
  t.equal(byName.get('ERR_CONNECTION_RESET')?.code, -101)
  t.equal(byName.get('ERR_NAME_NOT_RESOLVED')?.code, -105)
  t.equal(byName.get('ERR_EMPTY_RESPONSE')?.code, -324)
  t.equal(byName.get('ERR_ADDRESS_IN_USE')?.code, -147)
  t.ok(chromiumNetErrors.length >= 200)
  t.equal(new Set(chromiumNetErrors.map((e) => e.code)).size, chromiumNetErrors.length, 'numbers unique')
  for (const e of chromiumNetErrors) {
    t.match(e.name, /^ERR_[A-Z0-9_]+$/)
    t.ok(chromiumNetErrorSources[e.source], `${e.name} cites a listed source`)
  }
  for (const s of Object.values(chromiumNetErrorSources)) checkSource(t, s)
})

t.test('WebSocket close codes and HTTP statuses', async (t) => {
  const ws = new Map(webSocketCloseCodes.map((c) => [c.code, c]))
  t.equal(ws.get(1006)?.name, 'Abnormal Closure')
  t.equal(ws.get(1006)?.sentOnWire, false, '1006 is never sent')
  t.equal(ws.get(1009)?.name, 'Message Too Big')
  t.equal(ws.get(1014)?.name, 'Bad Gateway')
  const http = new Map(httpStatuses.map((s) => [s.status, s]))
  t.same([502, 503, 504].map((s) => http.get(s)?.title), ['Bad Gateway', 'Service Unavailable', 'Gateway Timeout'])
  t.equal(http.get(421)?.title, 'Misdirected Request')
  t.equal(http.get(426)?.title, 'Upgrade Required')
  t.same(httpStatuses.filter((s) => s.proxyUpstream).map((s) => s.status), [502, 503, 504])
  for (const c of [...webSocketCloseCodes, ...httpStatuses]) t.ok(protocolSources[c.source], 'cites a listed source')
  for (const s of Object.values(protocolSources)) checkSource(t, s)
})

const SELECTION = join(root, 'tools/knowledge/sources/program-message-selection.json')
const WORDING = join(root, 'tools/knowledge/sources/quoted/tool-wording.json')
const WORDING_SAMPLE = join(root, 'tools/knowledge/sources/quoted/tool-wording.sample.json')
const PROGRAM_GENERATOR = join(root, 'tools/knowledge/gen-program-messages.mjs')
const selection = JSON.parse(readFileSync(SELECTION, 'utf8')) as {
  catalogues: Record<string, { program: string; package: string }>
  messages: { domain: string; msgid: string; kind: string }[]
}

/** The literal words of a printf template: what explain can match once the placeholders are taken out. */
function literalLetters (template: string): number {
  const literal = template.replace(/%(\d+\$)?[-+ #0']*(\*|\d+)?(\.(\*|\d+))?(hh|h|ll|l|L|q|j|z|t)?[diouxXcsmpVu%]/g, ' ')
  return (literal.match(/\p{L}/gu) ?? []).length
}

/** How many values a template takes: every % that is not a literal %%. */
function placeholderCount (template: string): number {
  return template.replace(/%%/g, '').split('%').length - 1
}

t.test('program messages: shape, labels, sources, and words specific enough to match', async (t) => {
  const kinds = new Set<string>([...KINDS, 'announcement'])
  const programs = new Set(programMessages.map((m) => m.program))
  t.ok(programMessages.length >= 100, `${programMessages.length} messages`)
  t.ok(programs.size >= 10, `${programs.size} programs: ${[...programs].join(', ')}`)
  const seen = new Set<string>()
  for (const m of programMessages) {
    const name = `${m.program} ${JSON.stringify(m.en)}`
    t.ok(kinds.has(m.kind), `${name}: kind ${m.kind} is one of explain's`)
    t.ok(m.weight > 0 && m.weight <= 1, `${name}: weight in (0, 1]`)
    // An announcement is recognised by its layout as well (Vite's `➜  Local:   %s`); a failure needs words of its own.
    const letters = m.kind === 'announcement' ? 5 : 10
    t.ok(literalLetters(m.en) >= letters, `${name}: its literal words say something (${literalLetters(m.en)} letters, ${letters} needed)`)
    t.ok(programMessageSources[m.source], `${name} cites ${m.source}, which is listed`)
    const key = `${m.program}\0${m.en.toLowerCase()}`
    t.notOk(seen.has(key), `${name} once`)
    seen.add(key)
    for (const [lang, text] of Object.entries(m.translations)) {
      t.ok(text.length > 0 && text !== m.en, `${name}/${lang}: a real translation`)
      t.notOk(/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text), `${name}/${lang}: no control characters but newline and tab`)
      t.equal(placeholderCount(text), placeholderCount(m.en), `${name}/${lang}: as many placeholders as the English`)
    }
  }
  const cited = new Set(programMessages.map((m) => m.source))
  for (const s of Object.values(programMessageSources)) {
    checkSource(t, s)
    t.ok(cited.has(s.id), `${s.id} is cited by an entry`)
  }
})

t.test('program messages: what the catalogues say, the way people quote it', async (t) => {
  const find = (program: string, en: string): ProgramMessage | undefined => programMessages.find((m) => m.program === program && m.en === en)
  const dns = find('libpq', 'could not translate host name "%s" to address: %s\n')
  t.equal(dns?.kind, 'dns')
  t.equal(dns?.direction, 'resolve')
  t.equal(find('postgres', 'Is another postmaster already running on port %d? If not, wait a few seconds and retry.')?.kind, 'port-in-use')
  t.equal(find('libpq', 'received invalid response to SSL negotiation: %c\n')?.kind, 'protocol-mismatch')
  t.equal(find('wget', 'No data received.\n')?.kind, 'hang-up')
  t.equal(find('git', 'unable to look up %s (port %s) (%s)')?.kind, 'dns')
  t.equal(find('lynx', 'Unable to connect to remote host.')?.kind, 'refused')
  const languages = new Set(programMessages.flatMap((m) => Object.keys(m.translations)))
  t.ok(languages.size >= 30, `${languages.size} languages`)
  // A label wins over explain's reading; every other catalogued entry is one explain's reading picked, and says so.
  for (const label of selection.messages) {
    const entry = programMessages.find((m) => m.program === selection.catalogues[label.domain]?.program && m.en === label.msgid)
    t.equal(entry?.kind, label.kind, `labelled ${label.domain} ${JSON.stringify(label.msgid)}: in the table with its label`)
  }
  const catalogued = programMessages.filter((m) => m.source.startsWith('catalogue-'))
  t.equal(catalogued.filter((m) => !m.note?.startsWith("picked by explain's reading")).length, selection.messages.length, 'the rest were picked by explain')
})


const msgunfmtHere = spawnSync('msgunfmt', ['--version']).status === 0
t.test('program messages: the translations are what msgunfmt reads in de, fr, ja, zh_CN', { skip: !msgunfmtHere && 'msgunfmt (gettext) is not installed' }, async (t) => {
  let compared = 0
  const drifted: string[] = []
  for (const [domain, { program, package: pkg }] of Object.entries(selection.catalogues)) {
    // The table holds one version's translations: a catalogue installed here at another version is not compared.
    const recorded = programMessageSources[`catalogue-${domain}`]?.version
    const installed = installedPackageVersion(pkg)
    if (recorded !== undefined && installed !== null && installed !== recorded) {
      drifted.push(`${domain} (installed ${installed}, the table has ${recorded})`)
      continue
    }
    for (const lang of ['de', 'fr', 'ja', 'zh_CN']) {
      const file = `/usr/share/locale/${lang}/LC_MESSAGES/${domain}.mo`
      if (!existsSync(file)) continue
      const po = msgunfmtMessages(file)
      t.ok(po && po.size > 0, `msgunfmt reads ${file}`)
      if (!po) continue
      for (const { msgid } of selection.messages.filter((m) => m.domain === domain)) {
        const entry = programMessages.find((m) => m.program === program && m.en === msgid)
        const msgstr = po.get(msgid)
        const leftOut = new RegExp(`\\b${lang}\\b[^;]* left out`).test(entry?.note ?? '')
        const expected = msgstr && msgstr !== msgid && !leftOut ? msgstr : undefined
        t.equal(entry?.translations[lang], expected, `${domain}/${lang} ${JSON.stringify(msgid)}`)
        compared++
      }
    }
  }
  if (drifted.length > 0) t.comment(`not compared, another version installed here: ${drifted.join(', ')} (.ci/run upgrades them)`)
  else t.ok(compared >= 200, `${compared} texts compared`)
  t.equal(programMessages.find((m) => m.program === 'libpq' && m.en === 'timeout expired\n')?.translations.de, 'Timeout abgelaufen\n', 'de, as msgunfmt prints it')
})

/** Does the output contain the template, its placeholders standing for any text (how explain will read it)? */
function templateMatches (template: string, output: string): boolean {
  const parts = template.split(/%(?:\d+\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXcsmp]/)
  const re = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*?')
  return new RegExp(re, 'i').test(output)
}

const germanLocale = /^de_DE\.utf-?8$/im.test(spawnSync('locale', ['-a'], { encoding: 'utf8' }).stdout ?? '')
t.test('program messages: the real programs print them, in English and in German, when refused on a port found free', async (t) => {
  const port = await freePort({ host: '127.0.0.1' })
  const clients: { program: string; command: string[]; expect: string[] }[] = [
    { program: 'libpq', command: ['psql', '-w', '-h', '127.0.0.1', '-p', String(port), '-U', 'lab', '-d', 'lab'], expect: ['connection to server at "%s", port %s failed: ', '\tIs the server running on that host and accepting TCP/IP connections?\n'] },
    { program: 'pg_isready', command: ['pg_isready', '-h', '127.0.0.1', '-p', String(port)], expect: ['no response\n'] },
    { program: 'wget', command: ['wget', '--tries=1', '-O', '/dev/null', `http://127.0.0.1:${port}/`], expect: ['Connecting to %s:%d... '] },
    { program: 'git', command: ['git', 'ls-remote', `git://127.0.0.1:${port}/lab`], expect: ['unable to connect to %s:\n%s'] },
  ]
  const locales: [string, NodeJS.ProcessEnv][] = [['C', { LC_ALL: 'C', LANGUAGE: '' }]]
  if (germanLocale) locales.push(['de', { LC_ALL: 'de_DE.UTF-8', LANGUAGE: 'de' }])
  else t.comment('no de_DE.UTF-8 locale here: German not checked')
  for (const { program, command, expect } of clients) {
    const [file, ...args] = command
    if (spawnSync('sh', ['-c', `command -v ${file}`]).status !== 0) {
      t.pass(`${program}`, { skip: `${file} is not installed` })
      continue
    }
    for (const [lang, env] of locales) {
      const run = spawnSync(file!, args, { env: { ...process.env, ...env, PGCONNECT_TIMEOUT: '5' }, encoding: 'utf8', timeout: 20_000 })
      const output = `${run.stdout}${run.stderr}`
      t.not(run.status, 0, `${file} fails (${lang})`)
      for (const en of expect) {
        const entry = programMessages.find((m) => m.program === program && m.en === en)
        const template = lang === 'C' ? entry?.en : entry?.translations[lang]
        t.ok(template && templateMatches(template, output), `${program} (${lang}) printed ${JSON.stringify(template)}`, { output })
      }
    }
  }
})

/** A program's whole output (stdout then stderr), run asynchronously so that a server in this process can answer it. */
function output (command: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { env: { ...process.env, ...env, PGCONNECT_TIMEOUT: '5' }, timeout: 20_000 })
    let out = ''
    child.stdout.on('data', (d: Buffer) => { out += d.toString('utf8') })
    child.stderr.on('data', (d: Buffer) => { out += d.toString('utf8') })
    child.on('close', () => resolve(out))
    child.on('error', () => resolve(out))
  })
}

t.test('program messages: the real programs print them when a server of ours closes, resets, or answers in HTTP', async (t) => {
  type Behaviour = 'close' | 'reset' | 'http'
  const cases: { behaviour: Behaviour; program: string; command: (port: number) => string[]; en: string }[] = [
    { behaviour: 'close', program: 'libpq', command: (p) => ['psql', '-w', '-h', '127.0.0.1', '-p', String(p), '-U', 'lab', '-d', 'lab'], en: 'server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.\n' },
    { behaviour: 'close', program: 'wget', command: (p) => ['wget', '--tries=1', '-O', '/dev/null', `http://127.0.0.1:${p}/`], en: 'No data received.\n' },
    { behaviour: 'reset', program: 'wget', command: (p) => ['wget', '--tries=1', '-O', '/dev/null', `http://127.0.0.1:${p}/`], en: 'Read error (%s) in headers.\n' },
    { behaviour: 'http', program: 'libpq', command: (p) => ['psql', '-w', '-h', '127.0.0.1', '-p', String(p), '-U', 'lab', '-d', 'lab'], en: 'received invalid response to SSL negotiation: %c\n' },
  ]
  const locales: [string, NodeJS.ProcessEnv][] = [['C', { LC_ALL: 'C', LANGUAGE: '' }]]
  if (germanLocale) locales.push(['de', { LC_ALL: 'de_DE.UTF-8', LANGUAGE: 'de' }])
  for (const { behaviour, program, command, en } of cases) {
    const file = command(0)[0]!
    if (spawnSync('sh', ['-c', `command -v ${file}`]).status !== 0) {
      t.pass(`${program} ${behaviour}`, { skip: `${file} is not installed` })
      continue
    }
    // The first bytes arrive before we answer, so a reset (data unread) and an end (FIN) are what the client sees.
    const server = net.createServer(function behaviourOnConnection (socket) {
      socket.once('data', () => {
        if (behaviour === 'close') socket.end()
        else if (behaviour === 'reset') socket.resetAndDestroy()
        else socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
      })
      socket.on('error', () => {})
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as net.AddressInfo
    for (const [lang, env] of locales) {
      const printed = await output(command(port), env)
      const entry = programMessages.find((m) => m.program === program && m.en === en)
      const template = lang === 'C' ? entry?.en : entry?.translations[lang]
      t.ok(template && templateMatches(template, printed), `${program} against a server that does ${behaviour} (${lang}): ${JSON.stringify(template)}`, { printed })
    }
    await new Promise((resolve) => server.close(resolve))
  }
})

type WordingEntry = Omit<ProgramMessage, 'source'> & { source: KnowledgeSource }

t.test("program messages: the tools' wording from source code is in the table, with its source records", async (t) => {
  const file = existsSync(WORDING) ? WORDING : WORDING_SAMPLE
  const wording = JSON.parse(readFileSync(file, 'utf8')) as WordingEntry[]
  t.ok(wording.length >= 2, `${wording.length} entries in ${file}`)
  for (const w of wording) {
    const entry = programMessages.find((m) => m.program === w.program && m.en === w.en)
    t.equal(entry?.source, w.source.id, `${w.program} ${JSON.stringify(w.en)} cites ${w.source.id}`)
    t.same(programMessageSources[w.source.id], w.source, `${w.source.id}: the record as quoted`)
  }

  const scratch = mkdtempSync(join(tmpdir(), 'program-messages-'))
  t.teardown(() => rmSync(scratch, { recursive: true, force: true }))
  const generate = (wordingFile: string, env: NodeJS.ProcessEnv = {}) => spawnSync(process.execPath, [PROGRAM_GENERATOR], { env: { ...process.env, KNOWLEDGE_OUT_DIR: scratch, TOOL_WORDING: wordingFile, ...env }, encoding: 'utf8' })
  const fromSample = generate(WORDING_SAMPLE)
  if (fromSample.status !== 0 && /is not installed|ENOENT/.test(fromSample.stderr)) return t.pass('the catalogues are not installed here', { skip: fromSample.stderr.split('\n')[0] })
  t.equal(fromSample.status, 0, fromSample.stderr)
  const generated = generatedProgramMessages<ProgramMessage>(readFileSync(join(scratch, 'program-messages.ts'), 'utf8'))
  const sample = JSON.parse(readFileSync(WORDING_SAMPLE, 'utf8')) as WordingEntry[]
  // Projects' .po catalogues (source po-*) give what the quoted wording does not already: more, with the sample only.
  // A catalogue installed here after the table was made (a package no CI installs) adds its own messages under a
  // source the committed table does not have: told, not counted, since the table is made on a machine with .ci/run's set.
  const known = new Set([...programMessages.map((m) => m.source), ...sample.map((w) => w.source.id)])
  const fromElsewhere = generated.filter((m) => m.source.startsWith('catalogue-') && !known.has(m.source))
  if (fromElsewhere.length > 0) t.comment(`${fromElsewhere.length} messages from catalogues the table was not made with: ${[...new Set(fromElsewhere.map((m) => m.source))].join(', ')}`)
  // A catalogue the table cites that is not installed here, or installed at another version, gives other messages
  // (or none): it is told and left out of the count. Every other one must give exactly the table's messages.
  const versions = generatedSourceVersions(readFileSync(join(scratch, 'program-messages.ts'), 'utf8'))
  const elsewhere = new Set(Object.keys(programMessageSources).filter((id) => id.startsWith('catalogue-') && (!versions.has(id) || versions.get(id) !== programMessageSources[id]!.version)))
  if (elsewhere.size > 0) t.comment(`${elsewhere.size} catalogues the table cites are missing here or at another version, not counted: ${[...elsewhere].join(', ')}`)
  const counted = (m: { source: string }): boolean => !m.source.startsWith('po-') && known.has(m.source) && !elsewhere.has(m.source)
  t.equal(generated.filter(counted).length, programMessages.filter((m) => m.source.startsWith('catalogue-') && counted(m)).length + sample.length, 'the catalogued messages and the sample, nothing else')
  for (const w of sample) t.ok(generated.some((m) => m.program === w.program && m.en === w.en && m.source === w.source.id), `sample: ${w.en}`)

  // A quoted text that repeats a catalogued one, or two records under one id, is refused rather than merged.
  const twice = join(scratch, 'twice.json')
  writeFileSync(twice, JSON.stringify([{ ...sample[0], program: 'libpq', en: 'TIMEOUT EXPIRED\n' }]))
  // libpq's catalogue alone holds the message repeated: explain need not read the other 107 again for this.
  t.match(generate(twice, { KNOWLEDGE_DOMAINS: programMessages.find((m) => m.program === 'libpq' && m.en === 'timeout expired\n')!.source.replace(/^catalogue-/, '') }).stderr, /listed twice/)
  const clash = join(scratch, 'clash.json')
  writeFileSync(clash, JSON.stringify([sample[0], { ...sample[1], source: { ...sample[1].source, commit: '0'.repeat(40) } }]))
  t.match(generate(clash).stderr, /differs from another entry's/)
})

t.test('language-errors.ts (by hand): every name stands for a code of the errno table, and cites a source', async (t) => {
  const known = new Set(errnoTable.flatMap((e) => [e.name, ...(e.node ? [e.node.code] : [])]))
  for (const e of languageErrorNames) {
    t.ok(known.has(e.errno), `${e.form} ${e.name} -> ${e.errno} is in errno.ts`)
    t.ok(languageErrorSources[e.source]?.url?.startsWith('https://'), `${e.name} cites a document`)
  }
})

t.test('the README names every table', async (t) => {
  const readme = readFileSync(join(KNOWLEDGE, 'README.md'), 'utf8')
  for (const file of readdirSync(KNOWLEDGE).filter((f) => f.endsWith('.ts'))) t.ok(readme.includes(file), `README mentions ${file}`)
})

/** Installed Debian package versions, as the generators record them (`version (arch)` unless arch is `all`). */
function installedPackages (): Map<string, string> {
  const versions = new Map<string, string>()
  if (!existsSync('/var/lib/dpkg/status')) return versions
  for (const stanza of readFileSync('/var/lib/dpkg/status', 'utf8').split('\n\n')) {
    const name = /^Package: (.+)$/m.exec(stanza)?.[1]
    const version = /^Version: (.+)$/m.exec(stanza)?.[1]
    const arch = /^Architecture: (.+)$/m.exec(stanza)?.[1]
    if (name && version && /^Status: install ok installed$/m.test(stanza)) versions.set(name, arch && arch !== 'all' ? `${version} (${arch})` : version)
  }
  return versions
}

const TABLE_SOURCES: Record<string, Record<string, KnowledgeSource>> = {
  'errno.ts': errnoSources,
  'glibc-messages.ts': glibcMessageSources,
  'windows-messages.ts': windowsMessageSources,
  'curl-codes.ts': curlSources,
  'chromium-net-errors.ts': chromiumNetErrorSources,
  'nsurl-errors.ts': nsUrlErrorSources,
  'mozilla-errors.ts': mozillaErrorSources,
  'tls-errors.ts': tlsErrorSources,
  'winhttp-errors.ts': winHttpErrorSources,
  'qt-messages.ts': qtMessageSources,
  'chromium-pages.ts': chromiumPageSources,
  'firefox-pages.ts': firefoxPageSources,
  'protocol-codes.ts': protocolSources,
  'program-messages.ts': programMessageSources,
  'language-errors.ts': languageErrorSources,
  'lexicon-index.ts': lexiconIndexSources(),
  'aria2-codes.ts': aria2Sources,
  'gpg-errors.ts': gpgErrorSources,
  'client-errors.ts': clientErrorSources,
  // Read from explain's own patterns (gen-pattern-needles.mjs): no outside source.
  'pattern-needles.ts': {},
  // Learned from the corpus and the tables above (tools/knowledge/learned-words.mjs; test/explain-learned checks it is current).
  'learned-words.ts': learnedWordsSources,
}

/**
 * program-messages.ts picks from every installed catalogue: where the catalogues installed (or their packages'
 * versions) differ from those it was generated from, it cannot be reproduced here. Null when they are the same.
 */
function otherCatalogues (installed: Map<string, string>): string | null {
  // Every packaged <root>/<lang>/LC_MESSAGES/<domain>.mo, by the generator's key: the domain under /usr/share/locale,
  // `domain@root` elsewhere (R's library, Django's apps, vim's lang/), read from dpkg's lists as the generator does.
  const here = new Map<string, string>()
  const info = '/var/lib/dpkg/info'
  for (const list of existsSync(info) ? readdirSync(info).filter((f) => f.endsWith('.list')) : []) {
    for (const file of readFileSync(join(info, list), 'utf8').split('\n')) {
      const m = /^(\/.+)\/[^/]+\/LC_MESSAGES\/([^/]+)\.mo$/.exec(file)
      if (m && existsSync(file)) here.set(m[1] === '/usr/share/locale' ? m[2]! : `${m[2]}@${m[1]}`, '')
    }
  }
  const bare = (v: string): string => v.replace(/ \([^)]*\)$/, '')
  const differ: string[] = []
  for (const [domain, packageVersion] of Object.entries(programMessageCatalogues)) {
    const [pkg, ...version] = packageVersion.split(' ')
    if (!here.has(domain)) differ.push(`-${domain}`)
    else if (bare(installed.get(pkg!) ?? '') !== bare(version.join(' '))) differ.push(`${domain} (${pkg} ${installed.get(pkg!) ?? 'not installed'})`)
  }
  for (const domain of here.keys()) if (!Object.hasOwn(programMessageCatalogues, domain)) differ.push(`+${domain}`)
  return differ.length ? `the catalogues installed here differ from those the table was picked from: ${differ.slice(0, 8).join(', ')}` : null
}

t.test('every generator reproduces its committed table', async (t) => {
  // A table generated from installed packages can only be reproduced where the same versions are installed.
  const installed = installedPackages()
  const otherInputs = (file: string): string | null => {
    for (const s of Object.values(TABLE_SOURCES[file] ?? {})) {
      // Versions compare without dpkg's architecture suffix (" (amd64)"), which some records carry and some do not.
      const bare = (v: string | undefined): string | undefined => v?.replace(/ \([^)]*\)$/, '')
      if (s.package && bare(installed.get(s.package)) !== bare(s.version)) return `${s.package} ${installed.get(s.package) ?? 'is not installed'} here, ${s.version} in the table`
    }
    return null
  }
  const generators = readdirSync(join(root, 'tools/knowledge')).filter((f) => f.startsWith('gen-') && f.endsWith('.mjs'))
  t.ok(generators.length >= 6)
  const scratch = mkdtempSync(join(tmpdir(), 'knowledge-'))
  t.teardown(() => rmSync(scratch, { recursive: true, force: true }))
  for (const gen of generators) {
    const run = spawnSync(process.execPath, [join(root, 'tools/knowledge', gen)], { env: { ...process.env, KNOWLEDGE_OUT_DIR: scratch }, encoding: 'utf8' })
    if (run.status !== 0 && /is not installed|ENOENT/.test(run.stderr)) {
      t.pass(gen, { skip: `an installed input is missing here (${run.stderr.trim().split('\n')[0]})` })
      continue
    }
    t.equal(run.status, 0, `${gen} runs: ${run.stderr}`)
  }
  for (const file of readdirSync(scratch)) {
    const other = otherInputs(file) ?? (file === 'program-messages.ts' ? otherCatalogues(installed) : null)
    if (other) {
      t.pass(`${file} is up to date`, { skip: other })
      continue
    }
    t.equal(readFileSync(join(scratch, file), 'utf8'), readFileSync(join(KNOWLEDGE, file), 'utf8'), `${file} is up to date`)
  }
  t.same(Object.keys(TABLE_SOURCES).sort(), readdirSync(KNOWLEDGE).filter((f) => f.endsWith('.ts') && f !== 'types.ts').sort(), 'every table is checked here')
})

t.test('the committed lexicon index is the one the committed tables and lexicon.ts build', async (t) => {
  // The generator test above skips it where installed package versions differ; this one needs nothing installed.
  const built = buildLexiconIndex()
  const stored = JSON.parse(lexiconIndexJson) as StoredLexicon
  const parse = (m: Record<string, [number, number]>): Record<string, unknown> => Object.fromEntries(Object.entries(m).map(([k, [at, n]]) => [k, bucketRows(stored, lexiconBuckets.slice(at, at + n))]))
  const { strings: _strings, ...rest } = stored
  const committed = { ...rest, words: parse(stored.words), pairs: parse(stored.pairs) }
  t.same(Object.keys(committed.words).sort(), Object.keys(built.words).sort(), 'the same key words')
  t.same(committed, built, 'the same rows, numbers and codes (regenerate: node tools/knowledge/gen-lexicon-index.mjs)')
  t.ok(Object.keys(built.numbers).includes('10061') && built.curl['7'] === 'CURLE_COULDNT_CONNECT', 'Windows numbers and curl codes are in it')
})

t.test('aria2-codes.ts: the manual\'s exit codes, in order, with the sentences explain reads', async (t) => {
  t.same(aria2Codes.map((c) => c.code), [...Array(aria2Codes.length).keys()], '0, 1, 2 … with no gap')
  t.match(aria2Codes.find((c) => c.code === 2)?.text, /time out/i)
  t.match(aria2Codes.find((c) => c.code === 19)?.text, /name resolution failed/i)
  t.match(aria2Codes.find((c) => c.code === 22)?.text, /HTTP response header/i)
  t.equal(aria2Sources['aria2-manual']?.package, 'aria2')
})

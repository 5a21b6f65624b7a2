#!/usr/bin/env node
// Runs capture families one at a time, each inside a network namespace of its own, and writes
// test/fixtures/explain-corpus/<family>.json. Usage (as root, from the repository root):
//   node tools/capture/run.mjs            # every family
//   node tools/capture/run.mjs curl java  # only these
//   node tools/capture/run.mjs --dedupe   # re-apply the distinct-text rule to the committed files (no capture)
// Each namespace has only `lo`; a private mount namespace inside it puts a resolv.conf naming 127.0.0.1 (where the
// family's own responder answers NXDOMAIN, or nothing answers; either way no query leaves) and a Debian-style /etc/hosts
// (localhost = 127.0.0.1 and ::1) over the machine's. The namespace, its processes and the temp dir are removed
// after each family, and the driver checks that with `ip netns list`.
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync, readFileSync, readdirSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { dedupeKey } from './lib.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const outDir = join(root, 'test', 'fixtures', 'explain-corpus')

export const FAMILIES = ['curl-wget', 'netcat', 'ssh-telnet', 'postgres', 'mysql', 'redis', 'web-servers', 'python',
  'java', 'go', 'rust', 'ruby', 'php', 'perl', 'erlang', 'node', 'tools',
  // round 3: programs no split held yet (appended, so the texts already committed keep winning the distinct-text rule)
  'text-browsers', 'file-transfer', 'service-clients', 'small-servers', 'http-libraries', 'npm-clients',
  // round 4: another batch no split held (appended for the same reason)
  'db-queue-clients', 'small-tools', 'tls-proxies',
  // round 5: another batch no split held (appended for the same reason)
  'package-vcs-clients', 'mail-clients', 'protocol-clients', 'daemons',
  // round 6: another batch no split held (appended for the same reason)
  'node-versions', 'setlocale-clients', 'resolver-clients',
  // round 7: everyday package managers, ops CLIs and GStreamer (appended for the same reason)
  'package-managers', 'ops-clients', 'media-clients', 'maven', 'yarn-pnpm',
  // round 8: shells' and scripting languages' own sockets, benchmark, media, S3, AMQP, mail and RPC tools (appended for the same reason)
  'assorted-clients',
  // round 9: Debian daemons, Python and Node dev servers failing to bind in their own words, proxies with a failing upstream (appended for the same reason)
  'bind-daemons', 'dev-servers',
  // round 10: runtimes' own socket errors (Tcl http, R, Guile, OCaml, Free Pascal) and clients no round had run (appended for the same reason)
  'runtime-sockets', 'infra-clients',
  // round 11: more runtimes' own socket errors (Emacs batch, SWI-Prolog, CLISP, SBCL) (appended for the same reason)
  'more-runtimes',
  // round 11: network clients no round had run (axel, kinit, proxychains4, neomutt, mpop, fossil, brz, gdb; appended for the same reason)
  'net-clients-2',
  // round 12: runtimes no round had run (Racket, Haskell, Mono C#, Nim, Octave, Crystal, GNAT Ada; appended for the same reason)
  'more-languages',
  // round 13: network clients whose own messages are translated (Monitoring Plugins, virsh, pactl, WeeChat, yafc, cadaver; appended for the same reason)
  'translated-clients',
  // round 14: JavaScript dev tools in their own words (dev-server proxies, waiters, runners, JSON-RPC clients; appended for the same reason)
  'js-dev-tools',
  // round 15: Node libraries from npm that wrap socket failures in their own words (ORMs over pg, Mongoose, MQTT, AMQP, NATS, SSH, FTP, SMTP, CQL, Elasticsearch, memcached; appended for the same reason)
  'npm-clients-2',
  // round 16: database, broker and RPC client libraries from Debian in Python, Ruby, PHP and Perl, in their own words (appended for the same reason)
  'data-clients',
  // round 17: Go client libraries from Debian (golang-*-dev, built from /usr/share/gocode by --prepare) in their own words (appended for the same reason)
  'go-libraries',
  // round 17: Java client libraries packaged by Debian (OkHttp, Apache HttpClient 4 and 5, Netty, JSch, Commons Net, Jakarta Mail, Jetty, MongoDB, RabbitMQ) and the JDK's JNDI LDAP, RMI and JMX clients, in their own words (appended for the same reason)
  'java-libraries']

/**
 * Families that need something installed before the capture, which the namespace (no route out) cannot fetch:
 * run.mjs runs `node <family>.mjs --prepare DIR` in the machine's own namespace first (npm's ordinary client
 * installing into that temp dir, never into the project), then hands DIR to the family as CAPTURE_PREP.
 */
const PREPARE = new Set(['npm-clients', 'node-versions', 'yarn-pnpm', 'dev-servers', 'js-dev-tools', 'npm-clients-2', 'go-libraries'])

/**
 * The test split, fixed before explain was run on any captured text: by program, never by item.
 * A program is in the test split when FNV-1a-32 of its name is divisible by 5 (about one program in five).
 * A hash (not "every 5th in sorted order") so that adding a program later never moves another one's texts.
 */
export function splitOf (program) {
  let h = 0x811c9dc5
  for (const ch of Buffer.from(program, 'utf8')) { h ^= ch; h = Math.imul(h, 0x01000193) >>> 0 }
  return h % 5 === 0 ? 'test' : 'dev'
}

export { dedupeKey }

function sh (cmd, args) { return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString() }

function runFamily (name) {
  const ns = `cz-${process.pid}-${name}`
  const dir = mkdtempSync(join(tmpdir(), 'cz-run-'))
  writeFileSync(join(dir, 'resolv.conf'), 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n')
  writeFileSync(join(dir, 'hosts'), '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n')
  sh('ip', ['netns', 'add', ns])
  const done = () => {
    try {
      for (const pid of sh('ip', ['netns', 'pids', ns]).split(/\s+/).filter(Boolean)) {
        try { process.kill(Number(pid), 'SIGKILL') } catch {}
      }
    } catch {}
    try { sh('ip', ['netns', 'del', ns]) } catch (err) { console.error(`could not remove ${ns}: ${err.message}`) }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    sh('ip', ['netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up'])
  } catch (err) { done(); throw err }
  const script = join(here, `${name}.mjs`)
  const prep = join(dir, 'prep')
  if (PREPARE.has(name)) {
    try {
      execFileSync('nice', ['-n', '19', process.execPath, script, '--prepare', prep], { stdio: ['ignore', 2, 2] })
    } catch (err) { done(); throw new Error(`${name}: --prepare failed (${err.message})`) }
  }
  return new Promise(resolve => {
    const child = spawn('ip', ['netns', 'exec', ns, 'unshare', '-m', '--', 'sh', '-c',
      'mount --bind "$1" /etc/resolv.conf && mount --bind "$2" /etc/hosts && shift 2 && exec nice -n 19 "$@"',
      'sh', join(dir, 'resolv.conf'), join(dir, 'hosts'), process.execPath, script],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CAPTURE_NS: '1', CAPTURE_PREP: prep } })
    let out = ''
    child.stdout.on('data', d => { out += d })
    const timer = setTimeout(() => { console.error(`${name}: over 20 minutes, stopping`); child.kill('SIGTERM') }, 20 * 60_000)
    child.on('close', code => {
      clearTimeout(timer)
      done()
      let records = []
      try { records = JSON.parse(out) } catch { console.error(`${name}: no JSON (exit ${code})`) }
      resolve(records)
    })
  })
}

function slug (s) { return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') }

function toEntries (family, records, seen, ids) {
  const entries = []
  for (const r of records) {
    const key = dedupeKey(r.text)
    if (seen.has(key)) continue
    seen.add(key)
    let id = slug(`${r.program}-${r.scenario}${r.locale === 'C' ? '' : '-' + r.locale.replace(/\.UTF-8$/, '')}`)
    for (let n = 2; ids.has(id); n++) id = slug(`${r.program}-${r.scenario}-${r.locale === 'C' ? '' : r.locale.replace(/\.UTF-8$/, '') + '-'}${n}`)
    ids.add(id)
    entries.push({
      id, text: r.text, kind: r.kind, accept: r.accept ?? [], address: r.address ?? null, port: r.port ?? null,
      ecosystem: r.ecosystem, program: r.program, locale: r.locale, split: splitOf(r.program),
      source: `captured: ${r.program} ${r.version} (${r.locale}) — ${r.what}`,
    })
  }
  return entries
}

/** `--dedupe`: drops, in place, every entry whose text is already in an earlier file (FAMILIES order) or earlier in its own. */
function dedupeFiles () {
  const seen = new Set()
  for (const family of FAMILIES) {
    const file = join(outDir, `${family}.json`)
    let entries
    try { entries = JSON.parse(readFileSync(file, 'utf8')) } catch { continue }
    const kept = entries.filter(e => { const k = dedupeKey(e.text); if (seen.has(k)) return false; seen.add(k); return true })
    if (kept.length !== entries.length) writeFileSync(file, JSON.stringify(kept, null, 1) + '\n')
    console.error(`${family}: ${entries.length} -> ${kept.length}`)
  }
}

async function main () {
  if (process.argv[2] === '--dedupe') return dedupeFiles()
  const wanted = process.argv.slice(2)
  const families = wanted.length ? wanted : FAMILIES
  for (const f of families) if (!FAMILIES.includes(f)) { console.error(`unknown family '${f}'`); process.exit(2) }
  mkdirSync(outDir, { recursive: true })
  for (const family of families) {
    // Distinct across the whole corpus: texts already in the other families' files win.
    const seen = new Set()
    const ids = new Set()
    for (const f of readdirSync(outDir).filter(f => f.endsWith('.json') && f !== `${family}.json`)) {
      for (const e of JSON.parse(readFileSync(join(outDir, f), 'utf8'))) { seen.add(dedupeKey(e.text)); ids.add(e.id) }
    }
    const t0 = Date.now()
    console.error(`== ${family}`)
    const records = await runFamily(family)
    if (records.length === 0) { console.error(`== ${family}: nothing captured, ${family}.json left as it was`); continue }
    const entries = toEntries(family, records, seen, ids)
    writeFileSync(join(outDir, `${family}.json`), JSON.stringify(entries, null, 1) + '\n')
    console.error(`== ${family}: ${records.length} captured, ${entries.length} distinct, ${Math.round((Date.now() - t0) / 1000)} s`)
    const left = sh('ip', ['netns', 'list']).split('\n').filter(l => l.startsWith(`cz-${process.pid}-`))
    if (left.length) console.error(`namespaces left behind: ${left.join(', ')}`)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main()

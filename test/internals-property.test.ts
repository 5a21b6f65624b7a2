/**
 * Property tests (fast-check) for the internals that read text from outside: explain (any paste), parseTarget (what a
 * user types after `probe`), and the listener parsers (what ss, lsof and netstat print, on any system and locale).
 * Each promises never to throw and to answer a valid result; explain also promises bounded time. The inputs mix
 * random strings with fragments of real texts (recorded fixtures, real error lines), because random characters alone
 * never reach the code paths where the trouble is. FC_SEED replays a failure.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import t from 'tap'
import { LabError } from '../src/core/errors.js'
import { explain } from '../src/diagnose/explain/explain.js'
import { KINDS } from '../src/diagnose/explain/signatures.js'
import { parseTarget } from '../src/diagnose/probe/target.js'
import { parseLsof } from '../src/diagnose/ports/platform/lsof.js'
import { parseNetstat, parseTasklist } from '../src/diagnose/ports/platform/netstat-windows.js'
import { parseSs } from '../src/diagnose/ports/platform/ss.js'
import type { RawListener } from '../src/diagnose/ports/platform/types.js'
import { familyOf } from '../src/net/address.js'

const seed = Number(process.env.FC_SEED ?? Date.now() % 1_000_000)
const params = (numRuns: number): fc.Parameters<unknown> => ({ seed, numRuns })
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/listeners/${name}`, import.meta.url), 'utf8')

/** Pieces of real output and real errors, and the characters parsers split on. */
function pieces (text: string): string[] {
  return [...new Set(text.split(/(\s+|[:,()[\]"'=])/).filter((p) => p !== ''))].slice(0, 400)
}

/** Text made of `parts` (mostly) and random characters, in lines: the shape of a damaged or foreign tool output. */
function textOf (parts: string[], maxLength: number): fc.Arbitrary<string> {
  const token = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...parts) },
    { weight: 2, arbitrary: fc.string({ maxLength: 8, unit: 'binary' }) },
    { weight: 1, arbitrary: fc.constantFrom('\n', '\r\n', ' ', '\t', '\u2028', '\u0000', '\u001b[31m', ':', '[', ']', '%', '*', '-1', '0', '65536', '99999999999', '1e3', '0x10', 'NaN') },
  )
  return fc.array(token, { maxLength }).map((a) => a.join(''))
}

// ---- explain ------------------------------------------------------------------------------------------------------

const ERROR_LINES = [
  'Error: connect ECONNREFUSED ::1:5173', 'listen EADDRINUSE: address already in use :::3000',
  "curl: (7) Failed to connect to localhost port 3000 after 0 ms: Couldn't connect to server",
  'dial tcp [::1]:5432: connect: connection refused', "address: '127.0.0.1', port: 8080", 'socket hang up',
  'connection to server at "localhost" (::1), port 5432 failed', '[HPM] Error occurred while proxying request /api to http://localhost:4000/',
  'Could not connect to Redis at 127.0.0.1:6379: Connection refused', 'java.net.ConnectException: Connection refused: localhost/127.0.0.1:8080',
  'failed to connect to server [localhost:27017] on first connect', 'Failed to open TCP connection to 127.0.0.1:1337 (Connection refused)',
]

/** A long run of one character inside an error line: the shape that makes a backtracking pattern super-linear. */
const runs = fc.record({
  before: fc.constantFrom('Failed to connect to ', 'proxying request /x to ', 'connect ECONNREFUSED ', 'failed to connect to server [', "address: '", '', 'http://'),
  char: fc.constantFrom('.', ')', '"', ';', ',', "'", '-', ':', '/', ' ', '\n', '\u2028', 'a', '1', '[', '>'),
  length: fc.integer({ min: 1, max: 64 * 1024 }),
  after: fc.constantFrom('a port 80', ' port 1', ':80', '', ']', 'x'),
}).map(({ before, char, length, after }) => `${before}${char.repeat(length)}${after}`)

const pastes = fc.oneof(
  textOf([...ERROR_LINES, ...ERROR_LINES.flatMap(pieces)], 60),
  fc.string({ maxLength: 2000, unit: 'binary' }),
  runs,
)

t.test(`explain (seed ${seed}): never throws, always a valid result, bounded time, on any paste`, async (t) => {
  let slowest = 0
  fc.assert(fc.property(pastes, (text) => {
    const started = performance.now()
    const r = explain(text)
    const ms = performance.now() - started
    slowest = Math.max(slowest, ms)
    if (r.candidates.length === 0 || r.tellApart.length === 0) return false
    if (r.candidates.some((c, i) => !KINDS.includes(c.kind) || !(c.confidence >= 0 && c.confidence <= 1) || (i > 0 && c.confidence > r.candidates[i - 1]!.confidence))) return false
    // Not recognised: `unknown` first, or a best guess under 0.5 with `unknown` right after it (learned.ts GUESS_MARGIN).
    const guess = !r.recognised && r.candidates[0]!.kind !== 'unknown'
    if (r.recognised ? r.candidates[0]!.kind === 'unknown' : guess && !(r.candidates[0]!.confidence < 0.5 && r.candidates[1]?.kind === 'unknown')) return false
    if (r.port !== null && !(Number.isInteger(r.port) && r.port >= 1 && r.port <= 65535)) return false
    if (r.address !== null && r.address === '') return false
    // Generous: explain reads a 64 KB paste in milliseconds; super-linear patterns took seconds.
    return ms < 1500
  }), params(300))
  t.pass(`300 pastes; slowest ${slowest.toFixed(1)} ms`)
})

// ---- parseTarget --------------------------------------------------------------------------------------------------

const targets = fc.oneof(
  textOf(['localhost', '127.0.0.1', '::1', '[', ']', ':', '3000', '0', '65535', '65536', 'http', '://', '/', '@', '?', '#', 'fe80::1', '%lo', 'x.localhost', '.', '-', ' ', 'postgres', 'u:p'], 8),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.tuple(fc.domain(), fc.integer({ min: -10, max: 70000 })).map(([h, p]) => `${h}:${p}`),
  fc.tuple(fc.ipV4(), fc.integer({ min: 1, max: 65535 })).map(([h, p]) => `${h}:${p}`),
  fc.tuple(fc.ipV6(), fc.integer({ min: 1, max: 65535 })).map(([h, p]) => `[${h}]:${p}`),
)

t.test(`parseTarget (seed ${seed}): never throws; a Target or a usage LabError, never anything else`, async (t) => {
  fc.assert(fc.property(targets, (input) => {
    const r = parseTarget(input)
    // (Control characters in the message are the output's to escape: the CLI prints every message through oneLine.)
    if (r instanceof LabError) return (r.code === 'LAB_ERR_BAD_TARGET' || r.code === 'LAB_ERR_BAD_PORT') && r.exitCode === 2 && r.message !== ''
    if (!(Number.isInteger(r.port) && r.port >= 1 && r.port <= 65535)) return false
    if (r.host === '' || /\s/.test(r.host)) return false
    // A literal is a literal, a name is a name: `isName` decides whether probe resolves it.
    return r.isName === (familyOf(r.host.split('%')[0]) === undefined)
  }), params(2000))
  t.pass('2000 targets')
})

t.test(`parseTarget (seed ${seed}): every valid host and port reads back as typed`, async (t) => {
  fc.assert(fc.property(fc.oneof(fc.ipV4(), fc.domain()), fc.integer({ min: 1, max: 65535 }), (host, port) => {
    const r = parseTarget(`${host}:${port}`)
    return !(r instanceof LabError) && r.port === port && r.host === host.toLowerCase()
  }), params(1000))
  t.pass('1000 host:port pairs')
})

// ---- the listener parsers -----------------------------------------------------------------------------------------

/** What any source must return: a real port, a family its address agrees with, owners with real pids. */
function validRows (rows: RawListener[]): boolean {
  return rows.every((r) => typeof r.address === 'string' && r.address !== '' &&
    Number.isInteger(r.port) && r.port >= 0 && r.port <= 65535 &&
    (r.family === 'IPv4' || r.family === 'IPv6') &&
    (familyOf(r.address.split('%')[0]) ?? r.family) === r.family &&
    r.owners.every((o) => Number.isInteger(o.pid) && o.pid > 0 && typeof o.command === 'string'))
}

/** Fields a damaged or foreign line may hold where a recorded one had something else. */
const FIELDS = ['-5', '0', '00', '1e3', '0x10', '65536', '[::1]:80', '127.0.0.1:80', '*:80', '[::]:0', '0.0.0.0:0', 'IPv4', 'IPv6', 'TCP',
  '(LISTEN)', 'LISTEN', 'users:(("x",pid=0,fd=1))', 'users:(("x",pid=-1,fd=1))', '[fe80::1]%eth0:22', 'host.local:80', '', '"']

/** A recorded line with one of its fields replaced: real structure, one wrong value. */
function mutated (lines: string[]): fc.Arbitrary<string> {
  const real = lines.filter((l) => l.trim().split(/\s+/).length >= 4)
  return fc.tuple(fc.constantFrom(...real), fc.nat(), fc.constantFrom(...FIELDS)).map(([line, i, field]) => {
    const f = line.trim().split(/\s+/)
    f[i % f.length] = field
    return f.join('  ')
  })
}

const parsers: Array<[string, (text: string) => RawListener[], string[]]> = [
  ['ss', parseSs, [...fixture('ss-ltnp.txt').split('\n'), ...fixture('ss-ltn-no-process.txt').split('\n'), ...pieces(fixture('ss-ltnp.txt'))]],
  ['lsof', parseLsof, [...fixture('lsof-linux.txt').split('\n'), ...fixture('lsof-macos.txt').split('\n'), ...pieces(fixture('lsof-macos.txt'))]],
  ['netstat', (text) => parseNetstat(text, parseTasklist(text)), [...fixture('netstat-ano-windows.txt').split('\n'), ...fixture('netstat-ano-windows-de.txt').split('\n'), ...fixture('tasklist-windows.csv').split('\n'), ...pieces(fixture('netstat-ano-windows.txt'))]],
]

for (const [name, parse, parts] of parsers) {
  t.test(`${name} parser (seed ${seed}): never throws on junk, every row it keeps is valid`, async (t) => {
    // Whole recorded lines, their fields reshuffled, and random text: damaged output and other versions' formats.
    const junk = fc.oneof(textOf(parts.filter((p) => p !== ''), 40), fc.string({ maxLength: 500, unit: 'binary' }), mutated(parts))
    fc.assert(fc.property(junk, (text) => validRows(parse(text))), params(1500))
    t.pass('1500 texts')
  })
}

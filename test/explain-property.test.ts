/**
 * Properties of explain on random input: it never throws, always answers with at least one valid candidate, keeps
 * its own invariants, and stays fast on 1 MB. The generator is seeded (set EXPLAIN_SEED to replay a failure) and mixes
 * random bytes, random Unicode (lone surrogates included) and fragments of real error texts, because plain random
 * bytes never reach the interesting code paths.
 */
import t from 'tap'
import { allPatterns, explain } from '../src/diagnose/explain/explain.js'
import { KINDS } from '../src/diagnose/explain/signatures.js'
import { explainRegexLiterals, floods, slowestPattern } from '../bench/explain-patterns.js'

/** mulberry32: a tiny, good-enough seeded PRNG. */
function prng (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let x = Math.imul(a ^ (a >>> 15), 1 | a)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

const FRAGMENTS = [
  'connect ', 'listen ', 'ECONNREFUSED', 'EADDRINUSE', 'ETIMEDOUT', 'ECONNRESET', 'ENOTFOUND', 'EACCES', ': ', ' ', '\n',
  '\t', '127.0.0.1', '::1', ':::', '[::1]', ':', '3000', '65535', '0', '99999', 'localhost', 'http://', 'ws://', '/',
  "address: '", "', port: ", 'socket hang up', 'Connection refused', 'curl: (7) ', 'curl: (28) ', 'port ', '"', "'", '(',
  ')', 'AggregateError [ECONNREFUSED]: ', '[cause]: ', 'Caused by: ', 'dial tcp ', '->', 'lookup ', ' on ',
  'server at "', '" (', '), port ', '[HPM] Error occurred while proxying request ', ' to ', 'Unexpected server response: ',
  '1006', 'host.docker.internal', 'docker', '\u001b[31m', '\u0000', 'é', '💥', '\ud800', 'Ω', '..', '%lo0',
]

function randomText (rand: () => number, maxLength: number): string {
  const mode = Math.floor(rand() * 4)
  const length = Math.floor(rand() * maxLength)
  let s = ''
  while (s.length < length) {
    if (mode === 0) s += String.fromCharCode(Math.floor(rand() * 256))
    else if (mode === 1) s += String.fromCharCode(Math.floor(rand() * 0x10000))
    else s += FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)]
  }
  return s
}

function soup (rand: () => number, length: number): string {
  const parts: string[] = []
  let size = 0
  while (size < length) {
    const f = FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)]!
    parts.push(f)
    size += f.length
  }
  return parts.join('')
}

function checkInvariants (t: { fail (m: string): void }, input: string): void {
  let r: ReturnType<typeof explain>
  try {
    r = explain(input)
  } catch (err) {
    t.fail(`threw on ${JSON.stringify(input.slice(0, 200))}: ${(err as Error).message}`)
    return
  }
  const problems: string[] = []
  if (r.candidates.length === 0) problems.push('no candidate')
  for (let i = 0; i < r.candidates.length; i++) {
    const c = r.candidates[i]!
    if (!KINDS.includes(c.kind)) problems.push(`bad kind ${c.kind}`)
    if (!(c.confidence >= 0 && c.confidence <= 1)) problems.push(`confidence ${c.confidence}`)
    if (i > 0 && c.confidence > r.candidates[i - 1]!.confidence) problems.push('not sorted')
    if (c.command !== `npm run demo:${c.scenario}`) problems.push('command')
    if (c.why === '' || c.fix === '') problems.push('empty why/fix')
  }
  // Not recognised: `unknown` first, or the learned words' guess said to be one, with `unknown` right after it
  // (ExplainResult.recognised). Recognised: never `unknown` first.
  const first = r.candidates[0]
  const guessed = first !== undefined && first.kind !== 'unknown' && first.confidence < 0.5 && first.why.startsWith('Not sure:') && r.candidates[1]?.kind === 'unknown'
  if (r.recognised ? first?.kind === 'unknown' : !(first?.kind === 'unknown' || guessed)) problems.push('recognised flag')
  if (r.port !== null && !(Number.isInteger(r.port) && r.port >= 1 && r.port <= 65535)) problems.push(`port ${r.port}`)
  if (r.address !== null && (typeof r.address !== 'string' || r.address === '')) problems.push(`address ${r.address}`)
  if (r.family !== null && r.family !== 'IPv4' && r.family !== 'IPv6') problems.push(`family ${r.family}`)
  if (r.tellApart.length === 0) problems.push('no tellApart')
  if (problems.length > 0) t.fail(`${problems.join(', ')} on ${JSON.stringify(input.slice(0, 200))}`)
}

const seed = Number(process.env.EXPLAIN_SEED ?? Date.now() % 1_000_000)

t.test(`random strings (seed ${seed}): never throws, always at least one valid candidate`, async (t) => {
  const rand = prng(seed)
  const runs = 400
  for (let i = 0; i < runs; i++) checkInvariants(t, randomText(rand, 3000))
  t.pass(`${runs} random inputs`)
})

t.test('bounded time on 1 MB: binary junk, token soup, one long line, many error lines', async (t) => {
  const rand = prng(seed + 1)
  const mb = 1024 * 1024
  const inputs: Record<string, string> = {
    'binary junk': Array.from({ length: mb }, () => String.fromCharCode(Math.floor(rand() * 256))).join(''),
    'token soup': soup(rand, mb),
    'one long line': `${'x'.repeat(mb - 40)} connect ECONNREFUSED 127.0.0.1:5432`,
    'many error lines': 'Error: connect ECONNREFUSED 127.0.0.1:3000\n'.repeat(Math.ceil(mb / 43)),
  }
  for (const [name, input] of Object.entries(inputs)) {
    const started = performance.now()
    checkInvariants(t, input)
    const ms = performance.now() - started
    // Generous: a few ms here; the bound only catches runaway (super-linear) behaviour.
    t.ok(ms < 2000, `${name} (${(input.length / mb).toFixed(2)} MB): ${ms.toFixed(1)} ms`)
  }
  t.equal(explain(inputs['one long line']!).candidates[0]!.kind, 'refused', 'the error at the end of a huge line is still found')
  t.equal(explain(inputs['many error lines']!).port, 3000)
})

t.test('every pattern explain runs stays fast on 64 KB of adversarial text (no catastrophic backtracking)', async (t) => {
  const rand = prng(seed + 2)
  // Few distinct fragments, repeated: the shape that makes a backtracking pattern explode.
  const inputs = Array.from({ length: 6 }, () => {
    const pick = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => FRAGMENTS[Math.floor(rand() * FRAGMENTS.length)]!)
    const unit = pick.join('')
    return unit.repeat(Math.ceil(64 * 1024 / unit.length))
  })
  let slowest = { ms: 0, re: '' }
  for (const re of allPatterns()) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)
    for (const input of inputs) {
      const started = performance.now()
      g.lastIndex = 0
      for (let m = g.exec(input), n = 0; m !== null && n < 5000; m = g.exec(input), n++) if (m[0].length === 0) g.lastIndex++
      const ms = performance.now() - started
      if (ms > slowest.ms) slowest = { ms, re: re.source.slice(0, 60) }
    }
  }
  t.ok(slowest.ms < 500, `slowest pattern: ${slowest.ms.toFixed(1)} ms (${slowest.re})`)
})

t.test('every regular expression in explain\'s source is linear: adversarial 128 KB (floods, U+2028, separators, near-matches)', async (t) => {
  const literals = await explainRegexLiterals()
  // The scanner must see at least what explain declares it runs; otherwise this test would time nothing.
  const missing = allPatterns().filter((re) => !literals.some((l) => l.source === re.source && l.flags === re.flags))
  // The only patterns not written as literals are built from the language-errors table: an alternation of its names.
  const { languageErrorNames } = await import('../src/diagnose/explain/knowledge/language-errors.js')
  const names = new Set(languageErrorNames.map((e) => e.name))
  const fromTable = (re: RegExp): boolean => [...re.source.matchAll(/\(((?:\w+\|)+\w+)\)/g)].some((m) => m[1]!.split('|').every((n) => names.has(n)))
  t.same(missing.filter((re) => !fromTable(re)).map(String), [], 'every pattern allPatterns() lists is a literal of the source or built from the language-errors table')
  t.ok(literals.length > allPatterns().length - missing.length, `${literals.length} literals (the helpers' too), ${allPatterns().length} listed`)
  // Generous: a linear scan of 128 KB takes well under a millisecond here; a super-linear one takes seconds.
  const boundMs = 250
  const { slowest, over } = slowestPattern([...literals, ...missing], 128 * 1024, boundMs)
  t.same(over.map((o) => `${o.ms.toFixed(0)} ms: /${o.pattern}/ on ${o.input}`), [], 'no pattern over the bound')
  t.ok(slowest.ms < boundMs, `slowest: ${slowest.ms.toFixed(1)} ms (/${slowest.pattern.slice(0, 60)}/ on ${slowest.input})`)
})

t.test('explain as a whole stays fast on 64 KB built to defeat its token trimming and its extractors', async (t) => {
  const size = 64 * 1024
  const inputs: Record<string, string> = {
    'newlines then -1': `${'\n'.repeat(32768)}${'-1'.repeat(16384)}`,
    'U+2028': '\u2028'.repeat(65535),
    'U+2029': '\u2029'.repeat(65535),
  }
  // An extractor's capture (`(\S+)`) hands a 64 KB token to the host and port cleaners: runs of what they trim.
  for (const run of ['.', ')', '"', ';', ',', '>', '\'']) {
    inputs[`curl host of ${run}`] = `Failed to connect to ${run.repeat(size)}a port 80`
    inputs[`proxy target of ${run}`] = `[HPM] Error occurred while proxying request /api to ${run.repeat(size)}a`
  }
  // Named by code points: a raw U+2028 in a test name would end the TAP line.
  const codes = (s: string): string => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).padStart(4, '0')}`).join(' ')
  for (const input of floods(size)) inputs[`flood of ${codes(input.slice(0, 3))}`] = input
  for (const [name, input] of Object.entries(inputs)) {
    let ms = Infinity
    for (let i = 0; i < 3 && ms > 1000; i++) {
      const started = performance.now()
      checkInvariants(t, input)
      ms = Math.min(ms, performance.now() - started)
    }
    t.ok(ms < 1000, `${name}: ${ms.toFixed(1)} ms`)
  }
})

/**
 * Bad input, thrown at random (fast-check). One section per surface that parses what a user types. The promise on
 * every surface: never a stack trace, never an internal error; either it works, or one clear line and exit code 2.
 */
import t from 'tap'
import fc from 'fast-check'
import { commands, parseCommandLine, report } from '../src/cli/app.js'
import type { ArgSpec, Command } from '../src/cli/define-command.js'
import { LabError } from '../src/core/errors.js'
import { oneLine } from '../src/render/escape.js'
import { scenarioIds } from '../demos/index.js'
import { cli } from './helpers.js'

/** A fake stderr that keeps what is written. */
function capture (): { stream: NodeJS.WritableStream, text: () => string } {
  let text = ''
  const stream = { write (chunk: string) { text += chunk; return true } } as unknown as NodeJS.WritableStream
  return { stream, text: () => text }
}

/**
 * The property every surface must hold: `fn(input)` resolves, or rejects with a LabError for bad usage (exit 2) whose
 * report is exactly one line. Anything else (a TypeError, a RangeError, a stack) fails the property.
 */
async function rejectsCleanly (fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn()
    return true
  } catch (err) {
    if (!(err instanceof LabError)) throw new Error(`not a LabError: ${(err as Error)?.stack ?? String(err)}`)
    if (err.exitCode !== 2) throw new Error(`bad input should exit 2, got ${err.exitCode} (${err.code})`)
    const out = capture()
    const code = report(err, out.stream)
    const lines = out.text().split('\n')
    if (code !== 2 || lines.length !== 2 || lines[1] !== '' || !lines[0]!.startsWith('localhost-lab: ') || lines[0]!.length < 20) {
      throw new Error(`report is not one clear line: ${JSON.stringify(out.text())}`)
    }
    return true
  }
}

// ---- the CLI command line -------------------------------------------------------------------------------------------

// The grammar comes from the commands' own declarations (src/cli/define-command.ts): every command, every declared
// option with values at and beyond the edges of what it accepts. A new option is fuzzed the day it is declared.
const declared: Command[] = await Promise.all(Object.values(commands).map(async (load) => (await load()).command))

/** Values worth trying for one option: the edges of its range, its choices, near misses, nothing at all. */
function valuesFor (spec: ArgSpec): string[] {
  switch (spec.type) {
    case 'boolean': return ['true', '']
    case 'string': return ['', 'x', spec.default ?? 'file.md']
    case 'enum': return [...spec.choices, `${spec.choices[0]!}x`, spec.choices[0]!.slice(1), '']
    case 'port': return ['0', '65535', '65536', '-1', '1.5', '']
    case 'number': {
      const max = spec.max ?? 2_147_483_647
      return [spec.min - 1, spec.min, max, max + 1].map(String).concat(['1e3', 'soon', ''])
    }
  }
}

const flagsOf = (c: Command): string[] => Object.entries(c.args).flatMap(([name, spec]) => spec.short === undefined ? [`--${name}`] : [`--${name}`, `-${spec.short}`])

// Words the parser knows, so random vectors reach deep (a real command with real and almost-real options), mixed with
// anything at all: control characters, astral planes, empty strings, `--`, `--x=y`, huge strings.
const known = [...new Set([
  ...declared.map((c) => c.name), 'help', '--help', '-h', '--version', '-v', '--', '-', '',
  ...declared.flatMap(flagsOf), ...declared.flatMap((c) => Object.values(c.args).flatMap(valuesFor)), ...scenarioIds,
])]

/** One declared command with some of its own options (`--top 3`, `--port=70000`) and positionals, in any order. */
const declaredLine = fc.constantFrom(...declared).chain((c) => {
  const option = fc.constantFrom(...Object.entries(c.args)).chain(([name, spec]) => spec.type === 'boolean'
    ? fc.constantFrom([`--${name}`], [`--${name}=${valuesFor(spec)[0]!}`])
    : fc.constantFrom(...valuesFor(spec)).chain((v) => fc.constantFrom([`--${name}`, v], [`--${name}=${v}`], [`--${name}`])))
  const positional = fc.constantFrom(...scenarioIds, '3000', ':0', 'localhost:70000', 'connect ECONNREFUSED ::1:5173', 'x').map((p) => [p])
  return fc.array(fc.oneof({ weight: 3, arbitrary: option }, { weight: 1, arbitrary: positional }), { maxLength: 4 })
    .map((parts) => [c.name, ...parts.flat()])
})
const word = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...known) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('-', '--'), fc.string({ maxLength: 10 })).map(([d, s]) => d + s) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...known), fc.string({ maxLength: 6 })).map(([k, s]) => `${k}=${s}`) },
  { weight: 1, arbitrary: fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', '--constructor', '--__proto__') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 500, maxLength: 3000 }) },
)
const argvArb = fc.oneof({ weight: 3, arbitrary: fc.array(word, { maxLength: 6 }) }, { weight: 2, arbitrary: declaredLine })

t.test('CLI parser in-process: thousands of random argument vectors', async (t) => {
  let ran = 0
  let rejected = 0
  await fc.assert(fc.asyncProperty(argvArb, async (argv) => {
    ran++
    try {
      await parseCommandLine(argv)
    } catch {
      rejected++
    }
    return rejectsCleanly(() => parseCommandLine(argv))
  }), { numRuns: 3000 })
  t.equal(ran, 3000, 'every vector was tried')
  t.ok(rejected > 300 && rejected < ran, `a mix of accepted and rejected vectors (${rejected} rejected)`)
})

t.test('CLI parser: the known traps', async (t) => {
  for (const argv of [['constructor'], ['__proto__'], ['help', 'constructor'], ['demo', 'toString'], ['demo', '--__proto__'], ['demo', 'a\nb']]) {
    t.ok(await rejectsCleanly(() => parseCommandLine(argv)), JSON.stringify(argv))
  }
  await t.rejects(parseCommandLine(['constructor']), { code: 'LAB_ERR_UNKNOWN_COMMAND' })
  t.match(await parseCommandLine(['help', 'constructor']), { kind: 'usage' }, 'help for an unknown name prints the usage')
  await t.rejects(parseCommandLine(['demo', 'a\nb']), { code: 'LAB_ERR_UNKNOWN_SCENARIO' })
  t.equal(oneLine('a\nb\u001b[31m'), 'a\\nb\\u001b[31m', 'control characters are shown escaped, on one line')
})

t.test('the real CLI with random argv: exit 0/1/2, at most one line on stderr, never a stack', async (t) => {
  const seed = Date.now() % 1_000_000
  t.comment(`seed ${seed}`)
  // Only vectors that end quickly: usage errors, help, version, list. Running scenarios is what the soak does.
  const quick = new Set(['list'])
  const picked: Array<{ argv: string[], expected: number, line?: string }> = []
  for (const argv of fc.sample(argvArb, { numRuns: 2000, seed })) {
    if (picked.length === 50) break
    if (argv.some((a) => a.includes('\0'))) continue // the OS cannot pass a NUL inside an argument
    try {
      const inv = await parseCommandLine(argv)
      if (inv.kind === 'run' && !quick.has(inv.name)) continue
      picked.push({ argv, expected: inv.kind === 'usage' ? inv.exitCode : 0 })
    } catch (err) {
      picked.push({ argv, expected: (err as LabError).exitCode, line: `localhost-lab: ${oneLine((err as LabError).message)}` })
    }
  }
  t.equal(picked.length, 50, '50 vectors that end quickly')
  const queue = [...picked]
  async function worker (): Promise<void> {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const { argv, expected, line } = next
      const r = await cli(argv, { env: { NODE_OPTIONS: undefined } }) // as a user runs it, without the runner's loaders
      const label = JSON.stringify(argv).slice(0, 120)
      t.equal(r.code, expected, `${label}: exit ${expected}`)
      t.notMatch(r.stderr, /\n\s+at |internal error/, `${label}: no stack trace, no internal error`)
      if (line !== undefined) t.equal(r.stderr, `${line}\n`, `${label}: the one line the parser promised`)
      else t.equal(r.stderr, '', `${label}: nothing on stderr`)
    }
  }
  await Promise.all([worker(), worker()])
})

// ---- explain's text parser and probe's target parser ----------------------------------------------------------------
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('connect ECONNREFUSED 127.0.0.1:3000', 'listen EADDRINUSE: address already in use :::8080',
    'Error: connect ETIMEDOUT', 'fetch failed', 'socket hang up', 'ECONNRESET', '127.0.0.1:62893', ''),
  fc.tuple(fc.string(), fc.constantFrom('ECONNREFUSED', 'EADDRINUSE', 'ENOTFOUND', '::1'), fc.string()).map((p) => p.join(' ')),
)
t.test('explain: random text', async () => {
  const { explain } = await import('../src/diagnose/explain/explain.js')
  await fc.assert(fc.asyncProperty(anyText, (text) => rejectsCleanly(async () => explain(text))), { numRuns: 2000 })
})

const targets = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.tuple(fc.constantFrom('127.0.0.1', '[::1]', '::1', 'localhost', '', '0.0.0.0', '999.1.1.1', '[::1'),
    fc.constantFrom(':', ''), fc.oneof(fc.integer({ min: -5, max: 70000 }).map(String), fc.string({ maxLength: 6 })))
    .map(([h, c, p]) => `${h}${c}${p}`),
  fc.webUrl(),
)
t.test('probe: random targets', async () => {
  const { parseTarget } = await import('../src/diagnose/probe/probe.js')
  // parseTarget returns its LabError rather than throwing it: hold the returned one to the same standard.
  const parsed = async (s: string): Promise<unknown> => { const r = parseTarget(s); if (r instanceof LabError) throw r; return r }
  await fc.assert(fc.asyncProperty(targets, (s) => rejectsCleanly(() => parsed(s))), { numRuns: 2000 })
})


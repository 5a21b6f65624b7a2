/**
 * Each command declares its arguments once (src/cli/define-command.ts). Here the declaration is held to what people
 * read: `--help` shows every declared option with its default, and README names only options that exist, on the
 * command they belong to.
 */
import t from 'tap'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { commands, parseCommandLine } from '../src/cli/app.js'
import type { ArgSpec, Command } from '../src/cli/define-command.js'

const README = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8')
const declared: Command[] = await Promise.all(Object.values(commands).map(async (load) => (await load()).command))

function flag (name: string, spec: ArgSpec): string {
  return spec.type === 'boolean' ? `--${name}` : `--${name} <${spec.placeholder}>`
}

t.test('--help shows every declared option, its default, and the examples', async (t) => {
  for (const c of declared) {
    const help = await parseCommandLine([c.name, '--help'])
    t.match(help, { kind: 'help', name: c.name })
    const text = help.kind === 'help' ? help.text : ''
    t.match(text, new RegExp(`^Usage: localhost-lab ${c.name}`), `${c.name}: usage first`)
    for (const [name, spec] of Object.entries(c.args)) {
      const line = text.split('\n').findIndex((l) => l.startsWith(`  ${flag(name, spec)} `))
      t.ok(line >= 0, `${c.name} --help lists ${flag(name, spec)}`)
      const block = text.split('\n').slice(line, line + 3).join(' ')
      const shown = spec.defaultHelp ?? (spec.type === 'boolean' ? 'off' : String(spec.default ?? 'none'))
      t.ok(block.replace(/\s+/g, ' ').includes(`(default: ${shown.replace(/\s+/g, ' ')})`), `${c.name} --${name}: (default: ${shown})`)
    }
    t.match(text, /\nExamples:\n {2}\S/, `${c.name}: examples`)
  }
})

t.test('an option declared with a default parses to that default, typed', async (t) => {
  const dashboard = await parseCommandLine(['dashboard', '--port', '70000']).catch((err: { code: string }) => err.code)
  t.equal(dashboard, 'LAB_ERR_BAD_PORT', 'a port out of range is the port error')
  const ports = await parseCommandLine(['ports', '--source', 'lsoff']).catch((err: { message: string }) => err.message)
  t.match(ports, /^unknown --source 'lsoff'\. Did you mean 'lsof'\? Choose one of auto, proc, ss, lsof, netstat\.$/)
})

t.test('README names only declared options, each on its own command', async (t) => {
  const byName = new Map(declared.map((c) => [c.name, new Set(['help', ...Object.keys(c.args)])]))
  // `localhost-lab <command> ...` up to the end of the code span or line: the flags written after it are its own.
  const mentions = [...README.matchAll(/localhost-lab (\w+)([^`\n#]*)/g)].filter((m) => byName.has(m[1]!))
  t.ok(mentions.length > 20, `${mentions.length} command lines in README`)
  for (const m of mentions) {
    for (const f of m[2]!.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)) {
      t.ok(byName.get(m[1]!)!.has(f[1]!), `README: \`localhost-lab ${m[1]}${m[2]!.trimEnd()}\`: --${f[1]} is declared by ${m[1]}`)
    }
  }
})

t.test("README's Commands block has every command, in the table's order", async (t) => {
  const block = README.split('\n## Commands\n')[1]?.split('```')[1] ?? ''
  const order = [...new Set([...block.matchAll(/^localhost-lab (\w+)/gm)].map((m) => m[1]))]
  t.same(order, declared.map((c) => c.name))
})

t.test("README's dashboard option table is the declaration: flag, placeholder, default", async (t) => {
  const dashboard = declared.find((c) => c.name === 'dashboard')!
  const rows = [...README.matchAll(/^\| `(--[a-z-]+(?: <[^>]+>)?)` \| `([^`]*)`/gm)]
  t.same(rows.map((r) => r[1]), Object.entries(dashboard.args).map(([name, spec]) => flag(name, spec)))
  t.same(rows.map((r) => r[2]), Object.values(dashboard.args).map((spec) => spec.type === 'boolean' ? 'off' : String(spec.default)))
})

t.test('an option that takes a value, given none, says what it wants in the tool\'s words (every declared one)', async (t) => {
  let checked = 0
  for (const c of declared) {
    for (const [name, spec] of Object.entries(c.args)) {
      if (spec.type === 'boolean') continue
      const err = await parseCommandLine([c.name, `--${name}`]).then(() => undefined, (e: { code: string, message: string, exitCode: number }) => e)
      t.match(err, { code: 'LAB_ERR_BAD_ARGUMENT', exitCode: 2, message: `--${name} needs a value (<${spec.placeholder}>). Run \`localhost-lab ${c.name} --help\`.` }, `${c.name} --${name}`)
      checked++
    }
  }
  t.ok(checked >= 8, `${checked} options that take a value`)
})

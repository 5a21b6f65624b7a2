/**
 * A scenario is added in one place: its file in demos/ and one line in demos/index.ts. Everything else that names the
 * scenarios is held to that catalogue here, and each failure says what to write: the `demo:<id>` script, the README
 * row, the ScenarioId union (src/ below the CLI cannot import demos/, so the union is written out and checked).
 */
import t from 'tap'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { catalogue, scenarioIds } from '../demos/index.js'
import { cli } from './helpers.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const read = (path: string): string => readFileSync(`${ROOT}${path}`, 'utf8')

t.test('the catalogue: unique ids, each a lower-case word list', async (t) => {
  t.ok(catalogue.length >= 13, `${catalogue.length} scenarios`)
  t.equal(new Set(scenarioIds).size, scenarioIds.length, 'no id twice')
  for (const id of scenarioIds) t.match(id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, `'${id}' is kebab-case`)
})

t.test('package.json has exactly one demo:<id> script per scenario, and no stale ones', async (t) => {
  const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts
  for (const id of scenarioIds) {
    t.equal(scripts[`demo:${id}`], `node dist/cli/bin.cjs demo ${id}`, `"demo:${id}": "node dist/cli/bin.cjs demo ${id}"`)
  }
  const stale = Object.keys(scripts).filter((name) => name.startsWith('demo:') && name !== 'demo:all' && !scenarioIds.includes(name.slice('demo:'.length)))
  t.same(stale, [], 'every demo:<id> script names a scenario of the catalogue')
  t.equal(scripts['demo:all'], 'node dist/cli/bin.cjs demo --all')
})

t.test("README's scenario table lists the catalogue, in order: id, title, and the command that runs it", async (t) => {
  const section = read('README.md').split('\n## Scenarios\n')[1]?.split('\n## ')[0] ?? ''
  const rows = section.split('\n').filter((l) => /^\| `/.test(l)).map((l) => l.slice(1, -1).split(' | ').map((c) => c.trim()))
  const expected = catalogue.map((s) => `| \`${s.id}\` | ${s.title} | <what you see> | \`npm run demo:${s.id}\` |`)
  t.same(rows.map((r) => r[0]), scenarioIds.map((id) => `\`${id}\``), `the ids, in the catalogue's order; rows look like:\n${expected.join('\n')}`)
  t.same(rows.map((r) => r[1]), catalogue.map((s) => s.title), 'each title as the scenario declares it')
  for (const r of rows) t.match(r.at(-1), new RegExp(`^\`npm run demo:${r[0]!.slice(1, -1)}\`( [¹²³⁴])?$`), `${r[0]}: run it`)
})

/** The string literals of a union type alias, read from the source with TypeScript's parser. */
function unionMembers (file: string, name: string): string[] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.ES2022, true)
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name)
  if (alias === undefined || !ts.isUnionTypeNode(alias.type)) return []
  return alias.type.types.flatMap((m) => ts.isLiteralTypeNode(m) && ts.isStringLiteral(m.literal) ? [m.literal.text] : [])
}

t.test('the ScenarioId union (diagnose/explain/signatures.ts) is the catalogue, id for id, in order', async (t) => {
  const members = unionMembers('src/diagnose/explain/signatures.ts', 'ScenarioId')
  t.ok(members.length > 0, 'the union was found and read')
  t.same(members, [...scenarioIds], `ScenarioId = ${scenarioIds.map((id) => `'${id}'`).join(' | ')}`)
})

t.test('list reads the catalogue: every scenario, in order, with its command', async (t) => {
  const r = await cli(['list', '--json'])
  t.equal(r.code, 0, r.stderr)
  const listed = JSON.parse(r.stdout) as Array<{ id: string, title: string, command: string }>
  t.same(listed.map((s) => s.id), [...scenarioIds])
  t.same(listed.map((s) => s.title), catalogue.map((s) => s.title))
  t.same(listed.map((s) => s.command), scenarioIds.map((id) => `npm run demo:${id}`))
})

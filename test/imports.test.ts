/**
 * The shape of the source tree, read with TypeScript's own parser: nothing below the CLI imports the lessons (demos/),
 * and no module of src/ reaches itself again through its imports. An import cycle works only by the luck of
 * evaluation order; the dashboard's old `import('../../demos/index.js')` closed one through 16 modules.
 */
import t from 'tap'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SRC = join(ROOT, 'src')
const DEMOS = join(ROOT, 'demos')

function sources (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sources(path)
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : []
  })
}

interface Import { to: string, line: number, runtime: boolean, dynamic: boolean }

/** True when TypeScript erases the import: `import type`, or every name in it a `type` one. */
function typeOnly (node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    return node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && node.exportClause.elements.length > 0 && node.exportClause.elements.every((e) => e.isTypeOnly))
  }
  const clause = node.importClause
  if (clause === undefined) return false
  if (clause.isTypeOnly) return true
  const named = clause.namedBindings
  return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)
}

/** Every relative import of `file`, resolved to a file path: static, re-exports, and `import('literal')`. */
function importsOf (file: string): Import[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true)
  const found: Import[] = []
  function add (spec: ts.Expression, node: ts.Node, runtime: boolean, dynamic: boolean): void {
    if (!ts.isStringLiteralLike(spec) || !spec.text.startsWith('.')) return
    const to = resolve(dirname(file), spec.text.replace(/\.js$/, '.ts'))
    found.push({ to, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, runtime, dynamic })
  }
  function visit (node: ts.Node): void {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node, !typeOnly(node), false)
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined) add(node.moduleSpecifier, node, !typeOnly(node), false)
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] !== undefined) add(node.arguments[0], node, true, true)
    // `typeof import('x')` and `import('x').T` are ImportTypeNodes: types only, never loaded.
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

// The lessons are nodes too: a cycle that leaves src/ through demos/ and comes back is still a cycle.
const files = [...sources(SRC), ...sources(DEMOS)]
const graph = new Map(files.map((f) => [f, importsOf(f)]))
const rel = (p: string): string => relative(ROOT, p)

t.test('the walker sees what is there (so the checks below can fail)', async (t) => {
  t.ok(files.filter((f) => f.startsWith(SRC + '/')).length > 50, `${files.length} modules under src/ and demos/`)
  const catalogue = graph.get(join(SRC, 'cli', 'catalogue.ts')) ?? []
  t.ok(catalogue.some((i) => i.dynamic && i.to === join(DEMOS, 'index.ts')), 'cli/catalogue.ts loads demos/index.ts with a literal dynamic import')
  const app = graph.get(join(SRC, 'cli', 'app.ts')) ?? []
  t.ok(app.some((i) => i.dynamic && i.to === join(SRC, 'cli', 'commands', 'demo.ts')), 'the lazy command table is seen as imports')
  t.ok(app.some((i) => !i.runtime), 'type-only imports are told apart')
})

t.test('nothing under src/ but src/cli/ imports demos/', async (t) => {
  const offenders = [...graph].flatMap(([file, imports]) => !file.startsWith(SRC + '/') || file.startsWith(join(SRC, 'cli') + '/')
    ? []
    : imports.filter((i) => i.to.startsWith(DEMOS + '/')).map((i) => `${rel(file)}:${i.line} imports ${rel(i.to)}`))
  t.same(offenders, [], 'the CLI composes the catalogue and passes it in')
})

t.test('nothing under src/ but src/cli/ imports src/cli/ (the CLI composes the library, never the other way)', async (t) => {
  const CLI = join(SRC, 'cli') + '/'
  const offenders = [...graph].flatMap(([file, imports]) => !file.startsWith(SRC + '/') || file.startsWith(CLI)
    ? []
    : imports.filter((i) => i.runtime && i.to.startsWith(CLI)).map((i) => `${rel(file)}:${i.line} imports ${rel(i.to)}`))
  t.same(offenders, [], 'library modules that reach into the CLI')
})

t.test('no import cycle among the modules of src/ and demos/ (static imports, and dynamic ones with a literal path)', async (t) => {
  // Tarjan's strongly connected components over runtime edges among these modules; any component of two or more is a cycle.
  const edges = new Map(files.map((f) => [f, [...new Set((graph.get(f) ?? []).filter((i) => i.runtime && graph.has(i.to)).map((i) => i.to))]]))
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  let next = 0
  function strongConnect (v: string): void {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        strongConnect(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!))
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) {
        onStack.delete(w)
        component.push(w)
      }
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) cycles.push(component.map(rel).sort())
    }
  }
  for (const f of files) if (!index.has(f)) strongConnect(f)
  t.same(cycles, [], 'modules that import each other, directly or through others')
})

t.test('at most 3 modules under src/ start programs (node:child_process): one helper-process mechanism, one tool runner', async (t) => {
  const spawners = files.filter((f) => f.startsWith(SRC + '/') && /from ['"](node:)?child_process['"]/.test(readFileSync(f, 'utf8'))).map(rel)
  t.ok(spawners.length >= 1, `the walker finds the modules that do (${spawners.join(', ')})`)
  t.ok(spawners.length <= 3, `${spawners.length} modules: ${spawners.join(', ')}`)
})

t.test("README's folder map names every folder under src/, and only those", async (t) => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const mapped = [...readme.matchAll(/^\| `src\/([a-z-]+)\/` \|/gm)].map((m) => m[1]).sort()
  const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
  t.ok(folders.length >= 10, `src/ has ${folders.length} folders`)
  t.same(mapped, folders, 'one line per folder')
})

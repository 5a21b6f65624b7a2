// Helpers the generators share: reading sources, evaluating C #define values, writing a generated TypeScript module.
import { readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DOCUMENTS, INSTALLED, SOURCES, sourcesDir } from './sources.mjs'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
/** Where tables are written; KNOWLEDGE_OUT_DIR lets the test regenerate into a scratch directory and compare. */
export const outDir = process.env.KNOWLEDGE_OUT_DIR ?? join(repoRoot, 'src/diagnose/explain/knowledge')

const ALL = [...SOURCES, ...INSTALLED, ...DOCUMENTS]

/** The source record for an id, without the extraction details (what a reader of a table needs). */
export function source (id) {
  const s = ALL.find((x) => x.id === id)
  if (!s) throw new Error(`unknown source id ${id}`)
  // `lines` (which origin lines an extract keeps) is the extraction record's, not the reader's.
  const { extract, file, lines, ...record } = s
  if (file) record.extract = `tools/knowledge/sources/${file}`
  if (s.package) record.version = installedVersion(s.package)
  return record
}

/** The text of a repository source's committed extract. */
export function readSource (id) {
  const s = SOURCES.find((x) => x.id === id)
  if (!s) throw new Error(`not a repository source: ${id}`)
  return readFileSync(join(sourcesDir, s.file), 'utf8')
}

/** The text of an installed source, by id (one path) or an explicit path. */
export function readInstalled (id) {
  const s = INSTALLED.find((x) => x.id === id)
  return readFileSync(s.path, 'utf8')
}

const versions = new Map()
/** The installed version of a Debian package, read from dpkg's status file (no dpkg-query process needed). */
export function installedVersion (pkg) {
  if (versions.has(pkg)) return versions.get(pkg)
  const status = readFileSync('/var/lib/dpkg/status', 'utf8')
  for (const stanza of status.split('\n\n')) {
    const name = /^Package: (.+)$/m.exec(stanza)?.[1]
    if (name !== pkg) continue
    if (!/^Status: install ok installed$/m.test(stanza)) continue
    const version = /^Version: (.+)$/m.exec(stanza)[1]
    const arch = /^Architecture: (.+)$/m.exec(stanza)?.[1]
    const v = arch && arch !== 'all' ? `${version} (${arch})` : version
    versions.set(pkg, v)
    return v
  }
  throw new Error(`package ${pkg} is not installed (apt-get install -y ${pkg})`)
}

/**
 * `#define NAME value /* comment *\/` lines as a map name -> { raw, comment, line }. The first definition wins, as
 * the extracts keep the origin's order (later ones are alternatives under #if).
 */
export function parseDefines (text) {
  const defines = new Map()
  text.split('\n').forEach((line, i) => {
    const m = /^\s*#\s*define\s+(\w+)\s+(.*?)\s*(?:\/\*\s*(.*?)\s*(?:\*\/)?)?\s*$/.exec(line)
    if (!m || defines.has(m[1])) return
    defines.set(m[1], { raw: m[2], comment: m[3] ?? '', line: i + 1 })
  })
  return defines
}

/**
 * The lines of a header a compiler would see with the given macros defined (name -> value; absent = undefined):
 * #if/#ifdef/#ifndef/#elif/#else/#endif with defined(X), !, &&, ||, comparisons and integers. Headers such as xnu's
 * define a name twice under opposite conditions (EOPNOTSUPP is ENOTSUP before UNIX03, 102 after), so "first
 * definition wins" is only right after this.
 */
export function preprocess (text, macros) {
  const out = []
  const stack = [] // { active, taken } per open #if
  const live = () => stack.every((f) => f.active)
  const cond = (expr) => {
    const js = expr
      .replace(/\/\*.*?\*\//g, '')
      .replace(/defined\s*\(\s*(\w+)\s*\)|defined\s+(\w+)/g, (_, a, b) => (macros[a ?? b] !== undefined ? '1' : '0'))
      .replace(/\b(\d+)[LlUu]*\b/g, '$1')
      .replace(/\b[A-Za-z_]\w*\b/g, (name) => String(macros[name] ?? 0))
    if (!/^[\d\s!&|()<>=]*$/.test(js)) throw new Error(`cannot evaluate #if ${expr}`)
    return Boolean(Function(`return (${js})`)())
  }
  for (const line of text.split('\n')) {
    const m = /^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b\s*(.*)$/.exec(line)
    if (!m) { if (live()) out.push(line); continue }
    const [, kw, rest] = m
    if (kw === 'if' || kw === 'ifdef' || kw === 'ifndef') {
      const name = rest.trim().split(/\s/)[0]
      const value = kw === 'if' ? cond(rest) : kw === 'ifdef' ? macros[name] !== undefined : macros[name] === undefined
      stack.push({ active: value, taken: value })
    } else if (kw === 'elif') {
      const top = stack[stack.length - 1]
      top.active = !top.taken && cond(rest)
      top.taken ||= top.active
    } else if (kw === 'else') {
      const top = stack[stack.length - 1]
      top.active = !top.taken
      top.taken = true
    } else stack.pop()
  }
  return out.join('\n')
}

/** Evaluates the constant expressions these headers use: 61, -3, (WSABASEERR + 61), __MSABI_LONG(1225), ALIAS. */
export function evaluate (defines, name, seen = new Set()) {
  const d = defines.get(name)
  if (!d || seen.has(name)) return undefined
  seen.add(name)
  return evalExpr(defines, d.raw, seen)
}

function evalExpr (defines, expr, seen) {
  let e = expr.trim()
  while (/^\(.*\)$/.test(e) && balanced(e.slice(1, -1))) e = e.slice(1, -1).trim()
  if (/^-?\d+$/.test(e)) return Number(e)
  if (/^0x[0-9a-f]+$/i.test(e)) return Number(e)
  let m = /^__MSABI_LONG\((.+)\)$/.exec(e)
  if (m) return evalExpr(defines, m[1], seen)
  m = /^(\w+)\s*\+\s*(\d+)$/.exec(e)
  if (m) {
    const base = evaluate(defines, m[1], new Set(seen))
    return base === undefined ? undefined : base + Number(m[2])
  }
  if (/^[A-Za-z_]\w*$/.test(e)) return evaluate(defines, e, new Set(seen))
  return undefined
}

function balanced (s) {
  let depth = 0
  for (const c of s) {
    if (c === '(') depth++
    if (c === ')' && --depth < 0) return false
  }
  return depth === 0
}

/**
 * msgid -> msgstr of one GNU gettext .mo file (a header and two tables of (length, offset)), read directly so that
 * generating needs no gettext tool. Context-qualified and plural entries keep their first form.
 */
export function parseMo (buf) {
  const le = buf.readUInt32LE(0) === 0x950412de
  if (!le && buf.readUInt32BE(0) !== 0x950412de) throw new Error('not a GNU .mo file')
  const u32 = (at) => (le ? buf.readUInt32LE(at) : buf.readUInt32BE(at))
  const count = u32(8)
  const originals = u32(12)
  const translations = u32(16)
  const raw = []
  for (let i = 0; i < count; i++) {
    const idLen = u32(originals + i * 8)
    const idAt = u32(originals + i * 8 + 4)
    const strLen = u32(translations + i * 8)
    const strAt = u32(translations + i * 8 + 4)
    raw.push([buf.subarray(idAt, idAt + idLen), buf.subarray(strAt, strAt + strLen)])
  }
  // The header (msgid "") names the charset every other string is in.
  const header = raw.find(([id]) => id.length === 0)?.[1].toString('latin1') ?? ''
  const charset = /charset=([\w-]+)/i.exec(header)?.[1] ?? 'UTF-8'
  const decoder = new TextDecoder(charset.toLowerCase() === 'charset' ? 'utf-8' : charset)
  const messages = new Map()
  for (const [id, str] of raw) {
    if (id.length === 0) continue
    const msgid = decoder.decode(id).split('\0')[0]
    messages.set(msgid, decoder.decode(str).split('\0')[0])
  }
  return { header: decoder.decode(raw.find(([id]) => id.length === 0)?.[1] ?? Buffer.alloc(0)), charset, messages }
}

/** HRESULT_FROM_WIN32 as winerror.h defines it: codes > 0 become 0x8007xxxx (FACILITY_WIN32 = 7). */
export function hresultFromWin32 (code) {
  if (code <= 0) return { hex: `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, '0')}`, signed: code }
  const value = ((code & 0xffff) | (7 << 16) | 0x80000000) >>> 0
  return { hex: `0x${value.toString(16).toUpperCase().padStart(8, '0')}`, signed: value - 0x100000000 }
}

/**
 * Writes src/diagnose/explain/knowledge/<name>.ts: a header naming the generator, the types, and each export as
 * `export const x: Type = <JSON>` (or a TypeScript `expression` the generator writes). JSON literals keep the data exactly
 * as generated; the declared types (not `as const`) keep the compiler fast on tables of thousands of strings.
 */
export function writeModule (name, { generator, summary, types, exports }) {
  const lines = [
    `// GENERATED by ${generator} — do not edit. Regenerate: node ${generator}`,
    ...summary.map((s) => `// ${s}`),
    '',
    types.trim(),
    '',
  ]
  for (const { name: exportName, type, value, expression, doc } of exports) {
    if (doc) lines.push(`/** ${doc} */`)
    lines.push(`export const ${exportName}: ${type} = ${expression ?? format(value)}`, '')
  }
  const path = join(outDir, `${name}.ts`)
  writeFileSync(path, lines.join('\n'))
  return relative(repoRoot, path)
}

/** One array item or object key per line: readable diffs when a source changes. */
function format (value) {
  if (Array.isArray(value)) return `[\n${value.map((v) => '  ' + JSON.stringify(v)).join(',\n')}\n]`
  if (value && typeof value === 'object') {
    return `{\n${Object.entries(value).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}`
  }
  return JSON.stringify(value)
}

/** A table's types come from knowledge/types.ts (declared once, by hand); the module re-exports the ones it uses. */
export function typeImports (names) {
  const list = ['KnowledgeSource', ...names].join(', ')
  return `import type { ${list} } from './types.js'\nexport type { ${list} }`
}

#!/usr/bin/env node
/**
 * `npm run build`, after `tsc -p tsconfig.json`: the CLI bundled from tsc's output into dist/cli/ (the bin).
 *
 * Why: Node 20 has no compile cache, and tsc's CLI resolves, reads and compiles one file per module: ~115 of ours for
 * `demo ephemeral`, and fastify, pino and ws as some hundred CommonJS files more. Each command as a few larger files
 * starts faster. esbuild's code splitting keeps every command lazy, as src/cli/app.ts loads it, and keeps one copy of
 * each module, so state shared between the bin and a command (output.ts's exit code, signals.ts) stays shared.
 *
 * The child programs are bundled too, where the code that starts them looks for them: beside the module it was built
 * into, which in the bundle is a chunk in dist/cli/ (or quick-demo.cjs there). src/process/children/* (process/child.ts)
 * go to dist/cli/children/ as CommonJS with the code cache (below), src/measure/*-child (measure/child-command.ts) to
 * dist/cli/.
 *
 * The library entries (dist/src/index.js, dist/src/testing.js) are tsc's modules, untouched: they import fastify, ws
 * and the rest by name, as dependencies. The bundle is the bin's alone.
 *
 * The quick commands (ports, probe, check, explain) and demo are built a second time, as CommonJS (see below and
 * src/cli/bin.cts).
 *
 * BUNDLE_META=file.json keeps esbuild's metafile (which module went into which chunk, and its bytes).
 */
import { build } from 'esbuild'
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const out = `${root}dist/cli`
const children = readdirSync(`${root}dist/src/process/children`).filter((f) => f.endsWith('.js') && f !== 'protocol.js')
const measureChildren = readdirSync(`${root}dist/src/measure`).filter((f) => f.endsWith('-child.js'))

rmSync(out, { recursive: true, force: true })
const result = await build({
  absWorkingDir: root,
  entryPoints: {
    main: 'dist/src/cli/main.js',
    ...Object.fromEntries(measureChildren.map((f) => [f.replace(/\.js$/, ''), `dist/src/measure/${f}`])),
  },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Chunks beside main.js, so that `new URL('./children/…', import.meta.url)` in a chunk lands in dist/cli/children/
  // and `new URL('./<name>-child.js', import.meta.url)` beside it.
  chunkNames: '[name]-[hash]',
  // ws loads these native speed-ups when they are installed, inside a try: they are not ours to bundle.
  // http-proxy-3 is CommonJS imported by name (`const { createProxyServer } = await import(…)`): Node finds the names
  // of a CommonJS module's exports, a bundle gives only `default`, so the proxy lessons failed from the bundle. It
  // stays a package, loaded only by the lessons that start a dev proxy.
  external: ['bufferutil', 'utf-8-validate', 'http-proxy-3'],
  // fastify, pino and ws are CommonJS: their require() of Node's own modules needs a real require in an ES module.
  banner: { js: "import { createRequire as __labCreateRequire } from 'node:module'; const require = __labCreateRequire(import.meta.url);" },
  // 2.1 MB instead of 3.0 MB in the tarball; start-up measured the same either way. Names stay, so a
  // LOCALHOST_LAB_DEBUG stack still says which function it was.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
})

/**
 * The quick commands as CommonJS, one file each, and the CommonJS bin that picks one (src/cli/bin.cts). Each is the
 * whole CLI (dist/src/cli/main.js) with one command in its table: the other commands' `import()` stay unresolved
 * (external), and bin.cjs sends only that command's name here, so they are never called. One file means one copy of
 * output.ts and signals.ts, as the bin and a command must share. `import.meta.url` becomes the file's own URL, so a
 * module that finds files beside itself (the child programs in ./children, package.json) finds them as from a chunk.
 */
/**
 * demo too: from the ES module chunks, Node spends on its ES module loader (resolving, linking ~40 chunks, and each
 * `import 'node:…'` built as a facade of all its exports) what one CommonJS file does not. demo ephemeral, CPU
 * medians of 11, side by side: Node 20 293 → 215 ms, Node 22 204 → 148, Node 24 236 → 165.
 */
const QUICK = ['ports', 'probe', 'check', 'explain', 'demo']
/** @param {string} name @returns {import('esbuild').Plugin} */
function onlyCommand (name) {
  return {
    name: 'only-command',
    setup (b) {
      b.onResolve({ filter: /^\.\/commands\/[a-z-]+\.js$/ }, (a) => a.path === `./commands/${name}.js` ? undefined : { path: a.path, external: true })
    },
  }
}
/**
 * `await import('node:http')` and `await import('http-proxy-3')` in CommonJS as `require(…)`, so that no import() is
 * left in a quick file but the other commands' (never called there). Why:
 * - an import() in a script run from V8's code cache (src/cli/code-cache.cts) fails on Node 20 with "A dynamic
 *   import callback was not specified" once its function comes from the cache: the proxy and websocket-handshake
 *   lessons did, on their second run;
 * - an import() starts the ES module loader, and on Node 22 and 24 its facade of node:http reads every export,
 *   `http.WebSocket` included, which loads Node's whole undici: `import 'node:http'` took 53.5 ms against 30.6 ms
 *   for `require('node:http')` on Node 22 (node -e 0 26.7 ms; medians of 15).
 * http-proxy-3 is CommonJS: require gives its named exports, as Node's import() does.
 * @type {import('esbuild').Plugin}
 */
const importsRequired = {
  name: 'imports-required',
  setup (b) {
    b.onResolve({ filter: /^(node:.*|http-proxy-3)$/ }, (a) => a.kind === 'dynamic-import' ? { path: a.path, namespace: 'required' } : undefined)
    b.onLoad({ filter: /.*/, namespace: 'required' }, (a) => ({ contents: `module.exports = require(${JSON.stringify(a.path)})`, loader: 'js' }))
  },
}
/**
 * explain's lexicon index read from a file beside quick-explain.cjs, a part at a time, instead of compiled into it.
 * Why a file: the index (knowledge/lexicon-index.ts: 649 K characters of JSON in two string literals, two thirds of
 * the quick file when they were in it) reached V8 as code: Node 20 took 7.8 ms to require a module holding just those
 * two strings, and V8's code cache, which keeps every string constant, grew to 1.5 MB and cost 8 ms to deserialise.
 * Why in parts: then reading the whole file (1.3 MB), making it a string and parsing the index's 137 K characters of
 * JSON took 1.3 + 1.1 + 3.2 ms of every explain (a fresh Node 20), though a short text asks for a few keys.
 *
 * So src/diagnose/explain/lexicon-text.ts, the module lexicon.ts reads the index through, is replaced in the quick
 * file by one that reads dist/cli/lexicon-index.utf16 with positioned reads: the index's small sections (numbers,
 * codes, the rows' strings) each parsed at its first use; the key -> bucket spans of `words` and `pairs` cut into
 * LEXICON_GROUPS groups by a hash of the key, each parsed when a key of its group is first asked for; a bucket's text
 * read when its key is. UTF-16LE, so that a part needs no decoding. The content is the generated module's own
 * exports, taken from tsc's output at build time; main.js's chunks keep them inline (cli-bundle.test.ts compares
 * explain from both).
 */
const LEXICON_TEXT = `${root}dist/src/diagnose/explain/lexicon-text.js`
const LEXICON_INDEX = `${root}dist/src/diagnose/explain/knowledge/lexicon-index.js`
const LEXICON_FILE = 'lexicon-index.utf16'
const LEXICON_GROUPS = { words: 128, pairs: 16 }
/**
 * explain's other long generated strings go beside the lexicon too, each read at its first use, so that the quick file
 * and its code cache no longer carry them: the needles table (read on every text), the learned words (read when the
 * rules find little) and libgpg-error's texts (read on a GnuPG program's line): 125 K of quick-explain.cjs's 355 K.
 * The module is replaced by a CommonJS one whose other exports are its own values (plain data, checked here) and whose
 * string is a getter: esbuild reads an imported CommonJS export where it is used, so the read happens there.
 */
const ASIDE_STRINGS = {
  'dist/src/diagnose/explain/knowledge/pattern-needles.js': 'patternNeedlesJson',
  'dist/src/diagnose/explain/knowledge/learned-words.js': 'learnedWordsJson',
  'dist/src/diagnose/explain/knowledge/gpg-errors.js': 'gpgErrorsJson',
}
/** The group of a key: FNV-1a of its UTF-16 code units; the same function runs in the stand-in. */
const groupOf = 'function groupOf (key, n) { let h = 0x811c9dc5; for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193); return (h >>> 0) % n }'
const lexiconAside = await (async () => {
  const { lexiconIndexJson, lexiconBuckets } = await import(pathToFileURL(LEXICON_INDEX).href)
  const stored = JSON.parse(lexiconIndexJson)
  const group = new Function(`${groupOf}; return groupOf`)()
  let text = lexiconBuckets
  const add = (value) => { const json = JSON.stringify(value); const span = [text.length, json.length]; text += json; return span }
  const sections = {}
  for (const [name, value] of Object.entries(stored)) {
    if (name in LEXICON_GROUPS) continue
    sections[name] = add(value)
  }
  const groups = {}
  for (const [map, n] of Object.entries(LEXICON_GROUPS)) {
    const parts = Array.from({ length: n }, () => ({}))
    for (const [key, span] of Object.entries(stored[map])) parts[group(key, n)][key] = span
    groups[map] = parts.map(add)
    // Every key in the index's order, for the readers that walk them all (lexicon.ts's mojibake index).
    sections[`${map}Keys`] = add(Object.keys(stored[map]))
  }
  const asideModules = {}
  for (const [file, name] of Object.entries(ASIDE_STRINGS)) {
    const { [name]: value, ...rest } = await import(pathToFileURL(`${root}${file}`).href)
    if (typeof value !== 'string' || !isDeepStrictEqual(JSON.parse(JSON.stringify(rest)), rest)) throw new Error(`${file}: ${name} is not a string beside plain data (ASIDE_STRINGS in tools/build/bundle.mjs)`)
    const span = [text.length, value.length]
    text += value
    asideModules[file] = `const { asideText } = require(${JSON.stringify(LEXICON_TEXT)})
      let value
      module.exports = { ...${JSON.stringify(rest)}, get ${name} () { return value ??= asideText(${span[0]}, ${span[1]}) } }`
  }
  return { text, asideModules, contents: `import { openSync, readSync } from 'node:fs'
    const FILE = new URL(${JSON.stringify(`./${LEXICON_FILE}`)}, import.meta.url)
    const BUCKETS = ${lexiconBuckets.length}
    const SECTIONS = ${JSON.stringify(sections)}
    const GROUPS = ${JSON.stringify(groups)}
    ${groupOf}
    let fd
    // [start, start + length) of the file's text: 2 bytes a character.
    function read (start, length) {
      fd ??= openSync(FILE, 'r')
      const bytes = Buffer.allocUnsafe(length * 2)
      readSync(fd, bytes, 0, length * 2, start * 2)
      return bytes.toString('utf16le')
    }
    export { read as asideText }
    const parsed = new Map()
    function parsedAt ([start, length]) {
      let v = parsed.get(start)
      if (v === undefined) parsed.set(start, v = JSON.parse(read(start, length)))
      return v
    }
    export function lexiconSection (name) { return parsedAt(SECTIONS[name]) }
    export function bucketSpan (map, key) {
      const spans = parsedAt(GROUPS[map][groupOf(key, GROUPS[map].length)])
      return Object.hasOwn(spans, key) ? spans[key] : undefined
    }
    export function bucketKeys (map) { return parsedAt(SECTIONS[map + 'Keys']) }
    // A reader that asks for many buckets (the mojibake index walks them all) gets them from one read of them all.
    let asked = 0
    let all
    export function bucketText (start, length) {
      if (all === undefined && ++asked > 64) all = read(0, BUCKETS)
      return all !== undefined ? all.slice(start, start + length) : read(start, length)
    }` }
})()
/** @type {import('esbuild').Plugin} */
const lexiconFromFile = {
  name: 'lexicon-from-file',
  setup (b) {
    b.onLoad({ filter: /lexicon-text\.js$/ }, (a) => a.path === LEXICON_TEXT ? { loader: 'js', contents: lexiconAside.contents } : undefined)
  },
}
/**
 * ASIDE_STRINGS in quick-explain.cjs only: a CommonJS stand-in cannot be tree-shaken, and the other quick files leave
 * those tables out (check's needles filter never asks for explain's).
 * @type {import('esbuild').Plugin}
 */
const stringsAside = {
  name: 'strings-aside',
  setup (b) {
    // In a namespace of their own: under package.json's "type": "module" a file of the tree would be read as an ES module.
    b.onResolve({ filter: /\/knowledge\/[a-z-]+\.js$/ }, (a) => {
      // Named from the root, as esbuild names the tree's files: no build machine's path in the bundle.
      const file = relative(root, join(a.resolveDir, a.path))
      return a.namespace === 'file' && Object.hasOwn(lexiconAside.asideModules, file) ? { path: file, namespace: 'aside-string' } : undefined
    })
    b.onLoad({ filter: /.*/, namespace: 'aside-string' }, (a) => ({ loader: 'js', resolveDir: join(root, dirname(a.path)), contents: lexiconAside.asideModules[a.path] }))
  },
}
function writeAside () {
  mkdirSync(out, { recursive: true })
  writeFileSync(`${out}/${LEXICON_FILE}`, Buffer.from(lexiconAside.text, 'utf16le'))
}
/**
 * Node modules that libraries require at load but the lab's servers rarely or never use, loaded at their first use
 * instead (in quick-demo.cjs and the child programs). fastify's server.js requires node:https and node:http2 for
 * servers the lab never makes; ws requires https and tls for wss:// clients and zlib for permessage-deflate, which
 * no lesson turns on. On Node 20 node:http alone took 4–5 ms here and with https, http2, tls and zlib 11–14 ms
 * (fresh processes, in-process timings).
 * Each (package file, module) pair is named: a library that reads a property of such a module at load would get it
 * loaded then, which is correct, only no faster. The stand-in is a Proxy whose every trap loads the module first.
 */
const LAZY_BUILTINS = {
  'fastify/lib/server.js': ['node:https', 'node:http2'],
  'ws/lib/websocket.js': ['https', 'tls'],
  'ws/lib/permessage-deflate.js': ['zlib'],
}
/**
 * Packages fastify requires only on paths the lab's servers never take, left out of the bundle and required from
 * fastify's own folder if one ever is. The lab's one fastify server (src/services/http.ts) brings its own
 * compilersFactory, so schema-controller.js never calls its default compilers (ajv, fast-json-stringify and their
 * dependencies); nothing calls inject() (light-my-request); and no plugin of the lab's carries fastify version
 * metadata (semver). Bundled, they were 496 KB of quick-demo.cjs's 1,466 KB: read, decoded and hashed at every
 * start, and semver's module body (its regular expressions) run and kept in the code cache.
 */
const FROM_FASTIFY = {
  'fastify/lib/schema-controller.js': ['@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler'],
  'fastify/fastify.js': ['light-my-request'],
  'fastify/lib/plugin-utils.js': ['semver'],
}
/**
 * The stand-in for a module loaded at its first use: a Proxy whose every trap loads it first. Callable (an arrow as
 * its target, with an apply trap) when the module's exports are a function, as light-my-request's are.
 * @param {string} load an expression that requires the real module
 * @param {boolean} callable
 */
function standIn (load, callable) {
  return `let loaded
    const load = () => loaded ??= ${load}
    module.exports = new Proxy(${callable ? '() => {}' : '{}'}, {
      get: (_, key) => load()[key],
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(load(), key); return d && { ...d, configurable: true } },
      getPrototypeOf: () => Reflect.getPrototypeOf(load()),
      ${callable ? 'apply: (_, self, args) => Reflect.apply(load(), self, args),' : ''}
    })`
}
const fastifyRequire = createRequire(createRequire(import.meta.url).resolve('fastify'))
/** @param {Record<string, string[]>} table @param {string} importer @param {string} path */
const listed = (table, importer, path) => Object.entries(table).some(([f, names]) => importer.endsWith(`/node_modules/${f}`) && names.includes(path))
/** @type {import('esbuild').Plugin} */
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup (b) {
    b.onResolve({ filter: /^(node:)?[a-z0-9]+$/ }, (a) => {
      if (a.namespace !== 'file' || a.kind !== 'require-call') return undefined
      return listed(LAZY_BUILTINS, a.importer, a.path) ? { path: a.path, namespace: 'lazy-builtin' } : undefined
    })
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (a) => ({
      loader: 'js',
      contents: standIn(`require(${JSON.stringify(a.path)})`, typeof createRequire(import.meta.url)(a.path) === 'function'),
    }))
    b.onResolve({ filter: /^(@fastify\/)?[a-z-]+$/ }, (a) => {
      if (a.namespace !== 'file' || a.kind !== 'require-call') return undefined
      return listed(FROM_FASTIFY, a.importer, a.path) ? { path: a.path, namespace: 'from-fastify' } : undefined
    })
    b.onLoad({ filter: /.*/, namespace: 'from-fastify' }, (a) => ({
      loader: 'js',
      contents: standIn(`(({ createRequire }) => createRequire(createRequire(__filename).resolve('fastify')))(require('node:module'))(${JSON.stringify(a.path)})`, typeof fastifyRequire(a.path) === 'function'),
    }))
  },
}
/**
 * node:os in quick-check.cjs and quick-probe.cjs at its first use, not when net/address.ts loads: check and probe of a
 * loopback address never ask for this machine's interfaces (localAddresses), and require('node:os') took ~0.3 ms of a
 * fresh Node 20, 22 or 24 (in-process, medians of 7). The import line is replaced by a function that requires it;
 * the build fails if address.ts no longer has that line.
 */
const ADDRESS = `${root}dist/src/net/address.js`
const OS_IMPORT = "import { networkInterfaces } from 'node:os';"
/** @type {import('esbuild').Plugin} */
const osAtFirstUse = {
  name: 'os-at-first-use',
  setup (b) {
    b.onLoad({ filter: /address\.js$/ }, (a) => {
      if (a.path !== ADDRESS) return undefined
      const source = readFileSync(a.path, 'utf8')
      if (!source.includes(OS_IMPORT)) throw new Error(`${ADDRESS} no longer has ${OS_IMPORT} (osAtFirstUse in tools/build/bundle.mjs)`)
      return { loader: 'js', contents: source.replace(OS_IMPORT, "const networkInterfaces = () => require('node:os').networkInterfaces();") }
    })
  },
}
const commonjs = {
  absWorkingDir: root,
  outdir: out,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['bufferutil', 'utf-8-validate', 'http-proxy-3'],
  // import.meta.resolve is only called under tsx (src/process/child.ts, src/measure/child-command.ts), never here.
  define: { 'import.meta.url': '__labImportMetaUrl', 'import.meta.resolve': '__labImportMetaResolve' },
  // A POSIX path of plain characters is its file URL after `file://`: pathToFileURL's first call took ~0.27 ms of every
  // quick command's start (fresh Node 20, medians of 5); any other path (Windows, spaces, non-ASCII) goes through it.
  banner: { js: "const __labImportMetaUrl = /^\\/[\\w./-]*$/.test(__filename) ? `file://${__filename}` : require('node:url').pathToFileURL(__filename).href; const __labImportMetaResolve = (s) => require('node:url').pathToFileURL(require.resolve(s)).href;" },
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
}
/**
 * The child programs (src/process/children/*) the same way: each one CommonJS file, children/<name>-program.cjs,
 * started by children/<name>.cjs, which is src/process/children/launch.cts (the code cache) built once per program.
 * A service child with a WebSocket (crash's, hung's), CPU to its hello, medians of 11, side by side, from the ES
 * module chunks with the machine's NODE_EXTRA_CA_CERTS → from here without it: Node 20 82.8 → 34.6 ms, Node 22
 * 59.9 → 40.1, Node 24 64.5 → 41.7 (a bare `node` saying hello: 59.3 with the certificates / 23.0 / 23.9).
 */
const programs = children.map((f) => f.replace(/\.js$/, ''))
const quick = await Promise.all([
  ...QUICK.map((name) => build({ ...commonjs, entryPoints: { [`quick-${name}`]: 'dist/src/cli/main.js' }, plugins: [onlyCommand(name), importsRequired, lexiconFromFile, lazyBuiltins, ...(name === 'check' || name === 'probe' ? [osAtFirstUse] : []), ...(name === 'explain' ? [stringsAside] : [])] })),
  build({ ...commonjs, entryPoints: { bin: 'dist/src/cli/bin.cjs' }, external: ['./main.js', './quick-*.cjs'], define: {}, banner: {} }),
  build({ ...commonjs, entryPoints: Object.fromEntries(programs.map((name) => [`children/${name}-program`, `dist/src/process/children/${name}.js`])), plugins: [importsRequired, lazyBuiltins] }),
  build({ ...commonjs, entryPoints: Object.fromEntries(programs.map((name) => [`children/${name}`, 'dist/src/process/children/launch.cjs'])), define: {}, banner: {} }),
])
writeAside()
/**
 * bench/startup-floor.ts, bundled as quick-demo.cjs is (CommonJS, the same stand-ins) into dist/bench/, outside the
 * tarball: `npm run bench` measures with it the floor under `demo ephemeral` in the bin's own form.
 */
await build({ ...commonjs, outdir: `${root}dist/bench`, entryPoints: { 'startup-floor': 'dist/bench/startup-floor.js' }, plugins: [importsRequired, lazyBuiltins] })
/**
 * quick-explain.cjs in ASCII only: esbuild escapes strings but leaves non-ASCII characters inside regular expression
 * literals (explain's patterns: `[’']`, Chinese Windows messages), and a file with one of them reached V8 as a
 * two-byte string, its 300 KB read through the slow UTF-8 decode. escapeNonAscii keeps each literal's meaning and is
 * the form in which literal-needles.ts's patternKey names a pattern, so the needles table serves both builds.
 * quick-demo.cjs too: two characters of check's dev-server patterns (Vite's ➜, Next.js's ▲), which the catalogue's
 * is-it-dangerous brings in, made all its 980 KB a two-byte string; and so every quick file, each a few characters
 * away from the same cost (quick-check.cjs had one).
 */
const { escapeNonAscii } = await import(pathToFileURL(`${root}dist/src/diagnose/explain/literal-needles.js`).href)
for (const name of QUICK) {
  const file = `${out}/quick-${name}.cjs`
  writeFileSync(file, escapeNonAscii(readFileSync(file, 'utf8')))
}
for (const r of quick) Object.assign(result.metafile.outputs, r.metafile.outputs)
for (const file of [...QUICK.map((name) => `quick-${name}.cjs`), ...programs.map((name) => `children/${name}-program.cjs`)]) {
  const left = [...readFileSync(`${out}/${file}`, 'utf8').matchAll(/\bimport\("([^"]*)"\)/g)].map((m) => m[1]).filter((p) => !/^\.\/commands\/[a-z-]+\.js$/.test(p))
  if (left.length > 0) throw new Error(`${file} still has import() of ${left.join(', ')}: add it to importsRequired`)
}

if (process.env.BUNDLE_META) writeFileSync(process.env.BUNDLE_META, JSON.stringify(result.metafile))
const outputs = Object.entries(result.metafile.outputs)
const bytes = outputs.reduce((n, [, o]) => n + o.bytes, 0)
process.stdout.write(`bundled the CLI: dist/cli, ${outputs.length} files, ${(bytes / 1024).toFixed(0)} KB\n`)

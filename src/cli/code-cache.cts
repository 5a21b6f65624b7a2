/**
 * Loads one of the bin's CommonJS files (dist/cli/quick-<name>.cjs) with V8's code cache.
 *
 * Why: quick-explain.cjs is 730 KB. Node 20 parses it at every start, then compiles each function the command calls
 * the first time it is called. A cache written after a run holds the bytecode of every function that ran, so the
 * next start deserialises instead of compiling: explain 70.3 → 53.2 ms wall on Node 20 here (medians of 21, side by
 * side, without NODE_EXTRA_CA_CERTS; node -e 0 25.9 ms). Node 22.1+ has a compile cache of its own, but it keeps
 * only what was compiled before the code ran: there explain took 68.7 ms with it and 56.9 ms with this one.
 *
 * Where: <os.tmpdir()>/localhost-lab-<uid>/, as Node's own compile cache lives in the temp dir. Made 0700 and used
 * only if it is a directory of ours that nobody else can write to: a cache is code we run. One file per command,
 * named by the bundle's path, the Node version, the architecture and the bundle's size and mtime, so an upgrade or a
 * rebuild never reads an old cache (a rebuild's first run removes the older build's; each Node version and each copy
 * keeps its own). V8 checks its own version, flags and the source on top of that and rejects what does not fit.
 *
 * Beware: no import() can run in such a script: on Node 20 it fails ("A dynamic import callback was not specified")
 * once its function comes from the cache, even with vm's USE_MAIN_CONTEXT_DEFAULT_LOADER. tools/build/bundle.mjs
 * turns each import() of the quick files into a require and fails the build if one is left.
 * Nothing here may fail a command. An unreadable, rejected or missing cache means the file is compiled as
 * `require` would compile it; a read-only or full temp dir means no cache is written. NODE_DISABLE_COMPILE_CACHE=1
 * turns this off, as it turns off Node's own.
 *
 * The lab's child programs in the bin's bundle start the same way (src/process/children/launch.cts). A lab ends its
 * children with SIGKILL, so a child rarely sees 'exit': its cache is written right after its first IPC message (its
 * hello, or its failed listen: src/process/children/protocol.ts), which is when its start-up, the part worth
 * caching, has run.
 */
const fs = require('node:fs') as typeof import('node:fs')
const path = require('node:path') as typeof import('node:path')
const Module = require('node:module') as typeof import('node:module') & {
  wrap: (source: string) => string
  _nodeModulePaths: (dir: string) => string[]
  _cache: Record<string, unknown>
}

/**
 * os.tmpdir() without loading node:os (0.3 ms of a quick command's start on Node 20): on POSIX it is $TMPDIR, $TMP
 * or $TEMP, else /tmp, without a trailing slash (lib/os.js). Windows' rules are longer: node:os there.
 */
function tmpdir (): string {
  if (process.platform === 'win32') return (require('node:os') as typeof import('node:os')).tmpdir()
  const dir = process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp'
  return dir.length > 1 && dir.endsWith('/') ? dir.slice(0, -1) : dir
}

/** The per-user cache directory, or undefined when there is none we may trust. */
function cacheDir (): string | undefined {
  const uid = process.getuid?.()
  const dir = path.join(tmpdir(), `localhost-lab-${uid ?? 'user'}`)
  try {
    // Made only when missing: mkdir's EEXIST at every start built an error with its stack (0.3 ms).
    let st = fs.lstatSync(dir, { throwIfNoEntry: false })
    if (st === undefined) {
      fs.mkdirSync(dir, { mode: 0o700 })
      st = fs.lstatSync(dir)
    }
    if (!st.isDirectory()) return undefined
    if (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0)) return undefined
    return dir
  } catch {
    return undefined
  }
}

/**
 * `${name}-<where>-<node>-<arch>-<size>-<mtime>.v8`: a rebuilt bundle or another Node never meets this cache.
 * <where> is a hash of the file's path: two copies of the bundle (a global install and a project's, two checkouts)
 * each keep their own cache. Without it each run of one removed the other's as an older build's, so two copies in
 * turn both always ran without a cache, as two builds benchmarked side by side did here.
 */
function cacheName (file: string, stat: import('node:fs').Stats): string {
  return `${path.basename(file, '.cjs')}-${pathHash(file)}-${process.version}-${process.arch}-${stat.size}-${Math.trunc(stat.mtimeMs)}.v8`
}

/** FNV-1a of the path, 8 hex digits: a name, not a secret (node:crypto would cost more than the whole look-up). */
function pathHash (file: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < file.length; i++) h = Math.imul(h ^ file.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(16).padStart(8, '0')
}

/** True when the command line asks for a help page (`--help`, `-h`, before any `--`). */
function asksForHelp (args: string[]): boolean {
  for (const a of args) {
    if (a === '--') return false
    if (a === '--help' || a === '-h') return true
  }
  return false
}
/** When the cache is written: when the process exits (a command), or after a child program's first IPC message. */
export type WriteOn = 'exit' | 'first-message'

/**
 * Write the cache once the code has run, so it holds the functions that ran, not only the top level. Atomically (a
 * temp file renamed): tap runs several CLIs at once, a lesson several children. Older caches of this file go, and
 * any cache nobody rewrote for 30 days.
 */
function writeWhenRun (script: import('node:vm').Script, dir: string, name: string, on: WriteOn): void {
  let written = false
  function writeCodeCache (): void {
    if (written) return
    written = true
    const target = path.join(dir, name)
    const temp = `${target}.${process.pid}.tmp`
    try {
      fs.writeFileSync(temp, script.createCachedData(), { mode: 0o600 })
      fs.renameSync(temp, target)
      // The same file on the same Node, from an older build: never read again. Other Nodes and copies keep theirs.
      const prefix = name.slice(0, name.lastIndexOf('-', name.lastIndexOf('-') - 1) + 1)
      // Any other cache untouched for 30 days goes too: copies of the CLI that are gone (an old npx directory, a
      // removed checkout) would otherwise leave theirs behind for ever, and so would a writer killed before its rename.
      const monthAgo = Date.now() - 30 * 24 * 3600 * 1000
      for (const old of fs.readdirSync(dir)) {
        if (old === name) continue
        const file = path.join(dir, old)
        if (old.startsWith(prefix) && !old.endsWith('.tmp')) fs.rmSync(file, { force: true })
        else if ((fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < monthAgo) fs.rmSync(file, { force: true })
      }
    } catch {
      try { fs.rmSync(temp, { force: true }) } catch {}
    }
  }
  process.once('exit', function writeUnlessUsage (code: number) {
    // The cache keeps the functions this run compiled, and is written once: a help page or a usage error ran none of
    // the command's, so every later run would compile them again (explain: CPU 1.05x, Node 20, medians of 21).
    if (on === 'exit' && (code === 2 || asksForHelp(process.argv.slice(2)))) return
    writeCodeCache()
  })
  const send = process.send
  if (on !== 'first-message' || send === undefined) return
  process.send = function sendThenWriteCodeCache (this: NodeJS.Process, ...args: unknown[]) {
    process.send = send
    const sent = (send as (...a: unknown[]) => boolean).apply(this, args)
    // After the hello has gone out: the lab waits for that, not for this.
    setImmediate(writeCodeCache).unref()
    return sent
  }
}

/** Run `file` as `require(file)` would, with V8's code cache when one is usable; `writeOn` default 'exit'. */
export function requireWithCodeCache (file: string, writeOn: WriteOn = 'exit'): void {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) {
    require(file)
    return
  }
  const vm = require('node:vm') as typeof import('node:vm')
  const source = fs.readFileSync(file, 'utf8')
  const dir = cacheDir()
  const name = dir === undefined ? undefined : cacheName(file, fs.statSync(file))
  let cachedData: Buffer | undefined
  if (dir !== undefined && name !== undefined) {
    try {
      cachedData = fs.readFileSync(path.join(dir, name))
    } catch {}
  }
  // A shebang line is not JavaScript inside the wrapper; `//` keeps the line numbers of stack traces.
  const script = new vm.Script(Module.wrap(source.startsWith('#!') ? `//${source.slice(2)}` : source), {
    filename: file,
    cachedData,
  })
  if (dir !== undefined && name !== undefined && (cachedData === undefined || script.cachedDataRejected === true)) writeWhenRun(script, dir, name, writeOn)
  const wrapper = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void
  // The bin is the parent, as for a require() from it (in the bundle, `module` here is esbuild's stand-in).
  const mod = new Module(file, require.main) as import('node:module') & { filename: string, paths: string[], loaded: boolean }
  mod.filename = file
  mod.paths = Module._nodeModulePaths(path.dirname(file))
  // In require's cache, as `require(file)` would put it: a second require of it gets this one, not a second copy.
  Module._cache[file] = mod
  wrapper.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file))
  mod.loaded = true
}

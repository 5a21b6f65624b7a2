/**
 * The package as users get it: `npm pack` of the built tree, installed into a temp project (as a dependency) or a temp
 * global prefix (`npm install -g --prefix`). npm takes the dependencies from its cache when it has them
 * (`--prefer-offline`), else from the npm registry; no install script runs.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

export const ROOT = fileURLToPath(new URL('..', import.meta.url))

const run = promisify(execFile)

/** The environment without the npm_* variables of a surrounding `npm test`: they would point npm at this repository. */
export function cleanEnv (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v
  return { ...env, NO_COLOR: '1', FORCE_COLOR: undefined, ...extra }
}

export interface Result { code: number, stdout: string, stderr: string }

/** Run a program to its end; a non-zero exit is a result, not a throw. */
export async function exec (file: string, args: string[], opts: { cwd: string, env?: NodeJS.ProcessEnv }): Promise<Result> {
  try {
    const { stdout, stderr } = await run(file, args, { cwd: opts.cwd, env: opts.env ?? cleanEnv(), maxBuffer: 64 * 1024 * 1024 })
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code?: unknown, stdout?: string, stderr?: string }
    if (typeof e.code !== 'number') throw err
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

export interface PackedFile { path: string, size: number }
export interface Packed { filename: string, size: number, unpackedSize: number, entryCount: number, files: PackedFile[] }

/** `npm pack --dry-run --json`: what the tarball would hold, without writing it. */
export async function packList (): Promise<Packed> {
  const r = await exec('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT })
  if (r.code !== 0) throw new Error(`npm pack --dry-run failed: ${r.stderr}`)
  return (JSON.parse(r.stdout) as Packed[])[0]!
}

/** A temp folder removed when the test ends. */
export async function tempDir (t: { teardown (fn: () => Promise<void>): void }, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `llab-${prefix}-`))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/** `npm pack` into `dir`; the tarball's path. */
export async function pack (dir: string): Promise<string> {
  const r = await exec('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT })
  if (r.code !== 0) throw new Error(`npm pack failed: ${r.stderr}`)
  return join(dir, (JSON.parse(r.stdout) as Packed[])[0]!.filename)
}

const INSTALL = ['--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts']

/** A project of its own in `dir` with the tarball as its dependency. */
export async function installAsDependency (dir: string, tarball: string): Promise<Result> {
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'uses-the-lab', version: '1.0.0', private: true }))
  return exec('npm', ['install', ...INSTALL, tarball], { cwd: dir })
}

/** `npm install -g --prefix <dir>`: the bin lands in `<dir>/bin` (Windows: `<dir>`). */
export async function installGlobally (dir: string, tarball: string): Promise<Result> {
  await mkdir(dir, { recursive: true })
  return exec('npm', ['install', '-g', '--prefix', dir, ...INSTALL, tarball], { cwd: dir })
}

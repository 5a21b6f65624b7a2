/**
 * Where the user is, and the command that works there. A hint that says `npm run demo:refused` to someone who
 * installed the package ends in `npm error Missing script`; one that says `npx localhost-lab` may download whatever
 * package goes by that name on the registry (ours is not published). So every hint (explain's `command`, list, the
 * dashboard, serve's table) is built here, by one rule, from facts about where this very package lives:
 *
 * - `repository`: the package is a checkout of this repository (package.json says `localhost-lab`, and there is a
 *   `.git` or the TypeScript sources next to dist/), not inside any node_modules, and the user's working directory is
 *   inside it: `npm run demo:<id>` (the scripts exist there), `npm run lab -- <args>` for everything else.
 * - `global`: the package sits where `npm install -g` puts it, `<prefix>/lib/node_modules/localhost-lab` with the bin
 *   link `<prefix>/bin/localhost-lab` (on Windows `<prefix>\node_modules\localhost-lab` and `<prefix>\localhost-lab.cmd`),
 *   or the bin was started through such a link (`npm link` of a checkout): `localhost-lab <args>`.
 * - `dependency`: anything else (a project's node_modules, npx's cache): `npx --no-install localhost-lab <args>`,
 *   which runs the copy in the project and never installs one (where there is none, npm 11 still asks the registry
 *   for the name's metadata, then stops: E404 today, "canceled" if someone publishes the name).
 *
 * Not `npm prefix -g`: it spawns npm (about 200 ms) for an answer the paths already hold. The facts are read once per
 * process: a few stat calls, no network.
 */
import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

export type Where = 'repository' | 'global' | 'dependency'

const NAME = 'localhost-lab'

export interface Facts {
  /** The package's root folder (where its package.json is), symlinks resolved as Node resolves modules. */
  root: string
  /** The user's working directory. */
  cwd: string
  /** The script as it was started (`process.argv[1]`): a global bin link keeps its own path there. */
  bin: string | undefined
  platform: NodeJS.Platform
}

/** The folder of the first package.json named localhost-lab above this module (src/cli under tsx, dist/src/cli built). */
function packageRoot (): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    if (nameAt(dir) === NAME) return dir
    const up = dirname(dir)
    if (up === dir) return dirname(dirname(fileURLToPath(import.meta.url)))
    dir = up
  }
}

function nameAt (dir: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name as string | undefined
  } catch {
    return undefined
  }
}

function inside (dir: string, path: string): boolean {
  const rel = relative(dir, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/** The one rule (see the top of this file). */
export function whereFrom (facts: Facts): Where {
  const { root, cwd, bin, platform } = facts
  const checkout = !root.split(/[\\/]/).includes('node_modules') && nameAt(root) === NAME &&
    (existsSync(join(root, '.git')) || existsSync(join(root, 'src', 'cli', 'main.ts')))
  if (checkout && inside(root, cwd)) return 'repository'
  if (globalInstall(root, platform)) return 'global'
  // `npm link` (or a global install on a platform that links): the bin link sits in a global bin folder.
  if (bin !== undefined && platform !== 'win32' && basename(bin) === NAME && globalInstall(join(dirname(dirname(bin)), 'lib', 'node_modules', NAME), platform)) return 'global'
  return 'dependency'
}

/** True when `root` is `<prefix>/lib/node_modules/localhost-lab` with npm's bin link next to it (Windows: no lib/, a .cmd). */
function globalInstall (root: string, platform: NodeJS.Platform): boolean {
  if (basename(root) !== NAME || basename(dirname(root)) !== 'node_modules') return false
  if (platform === 'win32') return existsSync(join(dirname(dirname(root)), `${NAME}.cmd`))
  const lib = dirname(dirname(root))
  return basename(lib) === 'lib' && existsSync(join(dirname(lib), 'bin', NAME))
}

let cached: Where | undefined

/** Where this process runs, decided once. */
export function where (): Where {
  cached ??= whereFrom({ root: packageRoot(), cwd: process.cwd(), bin: process.argv[1], platform: process.platform })
  return cached
}

/**
 * The command line that runs `localhost-lab <args>` where the user is. In the repository a demo has its own script
 * (`demo refused` → `npm run demo:refused`, `demo --all` → `npm run demo:all`); the rest go through `npm run lab --`.
 */
export function labCommand (args: string, at: Where = where()): string {
  if (at === 'global') return `${NAME} ${args}`
  if (at === 'dependency') return `npx --no-install ${NAME} ${args}`
  const demo = /^demo (--all|[^\s-][^\s]*)$/.exec(args)
  return demo ? `npm run demo:${demo[1]!.replace(/^--/, '')}` : `npm run lab -- ${args}`
}

/** The command that runs one scenario (or `--all`) where the user is: the `command` of explain, list and the dashboard. */
export function demoCommand (id: string, at: Where = where()): string {
  return labCommand(`demo ${id}`, at)
}

/** Rewrite every `` `localhost-lab <args>` `` in a sentence (explain's fix and tell-apart lines) to the form for here. */
export function localiseCommands (text: string, at: Where = where()): string {
  return at === 'global' ? text : text.replace(/`localhost-lab ([^`]+)`/g, (_all, args: string) => `\`${labCommand(args, at)}\``)
}

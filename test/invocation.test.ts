/**
 * Hints that work where the user is: the real CLI run from this repository, from the tarball installed as a project's
 * dependency, and from a global install (`npm install -g --prefix`). Each prints its own form of the demo command, in
 * explain's text and `--json` and in `list`; and the command `list --json` gives for `ephemeral` is then run as it is
 * printed, there, and exits 0. No form would download a package (the name is not published).
 */
import t, { type Test as Tap } from 'tap'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { cleanEnv, exec, installAsDependency, installGlobally, pack, ROOT, tempDir, type Result } from './package-helpers.js'

const REFUSED = 'connect ECONNREFUSED 127.0.0.1:3000'

interface Place { name: string, cwd: string, env: NodeJS.ProcessEnv, lab: (args: string[]) => Promise<Result>, demo: (id: string) => string }

async function check (t: Tap, place: Place): Promise<void> {
  const json = await place.lab(['explain', '--json', REFUSED])
  t.equal(json.code, 0, json.stderr)
  const result = JSON.parse(json.stdout) as { candidates: Array<{ scenario: string, command: string, fix: string }>, tellApart: string[] }
  t.same(result.candidates.map((c) => c.command), result.candidates.map((c) => place.demo(c.scenario)), `${place.name}: explain --json's commands`)
  const text = await place.lab(['explain', REFUSED])
  t.equal(text.code, 0, text.stderr)
  t.match(text.stdout, `   see  ${place.demo('refused')}\n`, `${place.name}: explain's "see" line`)
  const list = await place.lab(['list', '--json'])
  t.equal(list.code, 0, list.stderr)
  const scenarios = JSON.parse(list.stdout) as Array<{ id: string, command: string }>
  t.same(scenarios.map((s) => s.command), scenarios.map((s) => place.demo(s.id)), `${place.name}: list --json's commands`)
  const listText = await place.lab(['list'])
  t.match(listText.stdout, `Run one with \`${place.demo('<id>')}\``, `${place.name}: list's last line`)
  for (const out of [json.stdout, text.stdout, list.stdout, listText.stdout]) t.notMatch(out, /npx (?!--no-install )/, 'never a bare npx, which could download')
  // The hint itself, run as printed, where it was printed.
  const [program, ...args] = scenarios.find((s) => s.id === 'ephemeral')!.command.split(' ')
  const ran = await exec(program!, args, { cwd: place.cwd, env: place.env })
  t.equal(ran.code, 0, `${place.name}: \`${scenarios.find((s) => s.id === 'ephemeral')!.command}\` runs: ${ran.stderr}`)
  t.match(ran.stdout, /ephemeral/)
}

t.test('in this repository: npm run demo:<id>', async (t) => {
  const env = cleanEnv()
  await check(t, {
    name: 'repository',
    cwd: ROOT,
    env,
    lab: (args) => exec('npm', ['run', '-s', 'lab', '--', ...args], { cwd: ROOT, env }),
    demo: (id) => `npm run demo:${id}`,
  })
})

t.test('installed as a dependency of a project: npx --no-install localhost-lab demo <id>', async (t) => {
  const dir = await tempDir(t, 'dep')
  const tarball = await pack(dir)
  const project = join(dir, 'project')
  await mkdir(project)
  const installed = await installAsDependency(project, tarball)
  t.equal(installed.code, 0, installed.stderr)
  const env = cleanEnv()
  await check(t, {
    name: 'dependency',
    cwd: project,
    env,
    lab: (args) => exec(join(project, 'node_modules', '.bin', 'localhost-lab'), args, { cwd: project, env }),
    demo: (id) => `npx --no-install localhost-lab demo ${id}`,
  })
})

t.test('installed globally (npm install -g --prefix): localhost-lab demo <id>', { skip: process.platform === 'win32' ? 'the bin folder differs on Windows' : false }, async (t) => {
  const dir = await tempDir(t, 'global')
  const tarball = await pack(dir)
  const prefix = join(dir, 'prefix')
  const installed = await installGlobally(prefix, tarball)
  t.equal(installed.code, 0, installed.stderr)
  const home = join(dir, 'somewhere')
  await mkdir(home)
  // As a user with that prefix's bin on PATH, working in a folder of their own.
  const env = cleanEnv({ PATH: `${join(prefix, 'bin')}:${process.env.PATH ?? ''}` })
  await check(t, {
    name: 'global',
    cwd: home,
    env,
    lab: (args) => exec(join(prefix, 'bin', 'localhost-lab'), args, { cwd: home, env }),
    demo: (id) => `localhost-lab demo ${id}`,
  })
})

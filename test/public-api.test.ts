/**
 * The package's two entries, as a user's `import` sees them: 'localhost-lab' is a designed API of a few dozen names
 * (not every module's internals), 'localhost-lab/testing' holds the services that fail on purpose, and package.json's
 * `exports` points at the files the build writes.
 */
import t from 'tap'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string, exports: Record<string, { types: string, default: string }> }

t.test("'localhost-lab' exports at most 45 runtime names, among them what a user's script needs", async (t) => {
  const api = await import('../src/index.js')
  const names = Object.keys(api).sort()
  t.ok(names.length <= 45, `${names.length} runtime names: ${names.join(', ')}`)
  for (const name of ['runScenario', 'defineScenario', 'Lab', 'LabError', 'consoleRenderer', 'jsonRenderer', 'explain', 'probeTarget', 'listListeners', 'startDashboard', 'waitForPort', 'waitForHttp']) {
    t.ok(names.includes(name), `exports ${name}`)
  }
  for (const internal of ['startProgram', 'programCommand', 'startChild', 'ownersOf', 'median', 'formatMs', 'ms', 'startZoo', 'misbehave']) {
    t.notOk(names.includes(internal), `does not export ${internal}`)
  }
})

t.test("'localhost-lab/testing' holds the misbehaving services, child services and the zoo", async (t) => {
  const testing = await import('../src/testing.js')
  for (const name of ['misbehave', 'startZoo', 'startChildService', 'spawnHttpProcess', 'startSlowly']) t.ok(name in testing, `exports ${name}`)
  t.type(testing.misbehave.resetBeforeReply, 'function', 'misbehave.* are connection handlers')
})

t.test('package.json: version 0.2.0, and each export points at what the build writes', async (t) => {
  t.equal(pkg.version, '0.2.0')
  t.same(Object.keys(pkg.exports).sort(), ['.', './package.json', './testing'])
  for (const [entry, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue
    for (const file of [target.types, target.default]) t.ok(existsSync(fileURLToPath(new URL(`../${file}`, import.meta.url))), `${entry}: ${file} exists after the build`)
  }
  t.ok(existsSync(`${ROOT}/CHANGELOG.md`), 'CHANGELOG.md says what moved and what was removed')
})

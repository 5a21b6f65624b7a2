import t from 'tap'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { installedFrom, run, which } from '../src/process/tool.js'

const node = process.execPath

t.test('run: stdout, stdin and the exit code of a real program', async (t) => {
  const r = await run(node, ['-e', 'process.stdin.pipe(process.stdout)'], { input: 'hello\n' })
  t.same(r, { stdout: 'hello\n', stderr: '', exitCode: 0 })
  t.match(await run(node, ['-e', 'process.exit(3)'], { allowFail: true }), { exitCode: 3 }, 'allowFail resolves with the code')
  t.match(await run(node, ['-e', 'process.exit(1)'], { okCodes: [1] }), { exitCode: 1 }, 'an exit code that is an answer')
})

t.test('run: a missing tool is LAB_ERR_TOOL_MISSING naming it; a failing one is LAB_ERR_TOOL_FAILED with its stderr', async (t) => {
  await t.rejects(run('localhost-lab-no-such-tool', ['x'], { neededTo: 'test this' }), {
    code: 'LAB_ERR_TOOL_MISSING', message: "'localhost-lab-no-such-tool' is not installed or not on PATH; it is needed to test this.",
  })
  await t.rejects(run(node, ['-e', 'console.error("no such device"); process.exit(2)']), {
    code: 'LAB_ERR_TOOL_FAILED', message: /exit code 2\): no such device$/,
  })
  await t.rejects(run(node, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 200 }), { code: 'LAB_ERR_TOOL_FAILED', message: /killed after 200 ms/ })
})

t.test('installedFrom: the Debian package and version dpkg itself gives, asked at once; a path dpkg does not know stays a path', { skip: !existsSync('/usr/bin/dpkg-query') && 'needs dpkg' }, async (t) => {
  const programs = ['curl', 'openssl', 'nginx', 'ls']
  const paths = (await Promise.all(programs.map((p) => which(p)))).filter((p): p is string => p !== undefined)
  t.ok(paths.length > 0, `found ${paths.join(', ')}`)
  const unknown = join(mkdtempSync(join(tmpdir(), 'localhost-lab-tool-')), 'not-a-package')
  writeFileSync(unknown, '')
  t.teardown(() => rmSync(dirname(unknown), { recursive: true, force: true }))
  const [sources, again] = await Promise.all([Promise.all([...paths, unknown].map((p) => installedFrom(p))), installedFrom(paths[0]!)])
  t.equal(sources.at(-1), unknown, 'unknown to dpkg: the path alone')
  t.equal(again, sources[0], 'asked twice, answered once')
  // What dpkg-query says about each path when asked alone, the way a person would ask.
  for (const [i, path] of paths.entries()) {
    const owner = (await run('dpkg-query', ['-S', path], { allowFail: true })).stdout
    const pkg = owner.split(':')[0]!.trim()
    if (pkg === '' || pkg.startsWith('diversion')) continue
    const version = (await run('dpkg-query', ['-W', '-f', '${Version}', pkg])).stdout.trim()
    t.equal(sources[i], `${path}, Debian package ${pkg} ${version}`, path)
  }
})

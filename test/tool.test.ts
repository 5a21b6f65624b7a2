import t from 'tap'
import { run } from '../src/process/tool.js'

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

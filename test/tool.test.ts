import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseStat, processIds } from '../src/process/proc.js'
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

/** The live (not zombie) processes whose parent is `ppid`, by /proc. */
function childrenOf (ppid: number): Array<{ pid: number, comm: string }> {
  const out: Array<{ pid: number, comm: string }> = []
  for (const pid of processIds()) {
    try {
      const e = parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))
      if (e?.ppid === ppid && e.state !== 'Z') out.push({ pid, comm: e.comm })
    } catch {}
  }
  return out
}

function alive (pid: number): boolean {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.state !== 'Z'
  } catch {
    return false
  }
}

const tool = fileURLToPath(new URL('../src/process/tool.ts', import.meta.url))
const proc = fileURLToPath(new URL('../src/process/proc.ts', import.meta.url))
const canDie = process.platform === 'linux' && existsSync('/usr/bin/setpriv') && existsSync('/usr/bin/sleep')

for (const death of ['SIGKILL', 'exit'] as const) {
  t.test(`run: a tool dies with the process that ran it (${death === 'SIGKILL' ? 'SIGKILLed' : 'exiting without waiting'})`, { skip: !canDie && 'needs Linux, setpriv and sleep' }, async (t) => {
    // A process that runs `sleep 30` as a tool and says so once /proc shows the sleep as its child (setpriv has exec'd
    // it); then it is SIGKILLed, or exits on its own.
    const code = `const { run } = await import(${JSON.stringify(tool)}); const { parseStat, processIds } = await import(${JSON.stringify(proc)}); ` +
      "const { readFileSync } = await import('node:fs'); void run('sleep', ['30'], { timeoutMs: 60000 }).catch(() => {}); " +
      'const sleeper = () => processIds().find((p) => { try { const e = parseStat(readFileSync(`/proc/${p}/stat`, "utf8")); return e?.ppid === process.pid && e.comm === "sleep" } catch { return false } }); ' +
      `const poll = setInterval(() => { const pid = sleeper(); if (pid === undefined) return; clearInterval(poll); console.log('running ' + pid); ${death === 'exit' ? 'process.exit(0)' : ''} }, 20)`
    const lab = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] })
    t.teardown(() => { lab.kill('SIGKILL') })
    // The lab names the sleep it saw as its own child: one that exits at once may be gone before this test could look.
    const seen = await new Promise<number>((resolve) => lab.stdout.on('data', (d) => { const m = /running (\d+)/.exec(String(d)); if (m) resolve(Number(m[1])) }))
    const sleeper = death === 'exit' ? { pid: seen, comm: 'sleep' } : childrenOf(lab.pid!).find((c) => c.comm === 'sleep')
    t.ok(sleeper !== undefined && sleeper.pid === seen, `the tool runs as the process's child (${sleeper?.comm} ${sleeper?.pid})`)
    if (death === 'SIGKILL') lab.kill('SIGKILL')
    await once(lab, 'exit')
    // The kernel sends the death signal as the parent goes; its delivery takes a moment, not seconds.
    let waited = 0
    while (sleeper !== undefined && alive(sleeper.pid) && waited < 2000) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      waited += 20
    }
    t.notOk(sleeper !== undefined && alive(sleeper.pid), `sleep ${sleeper?.pid} is gone ${waited} ms after its parent`)
  })
}

t.test('which: a path is itself when executable, a name is looked up on PATH', async (t) => {
  t.equal(await which(node), node)
  t.equal(await which('/localhost-lab/no/such/tool'), undefined)
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

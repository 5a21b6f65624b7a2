import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineScenario } from '../src/core/lab.js'
import { listListeners } from '../src/diagnose/ports/listeners.js'
import { startChild, startProgram } from '../src/process/child.js'
import { spawnHttpProcess } from '../src/process/http-process.js'
import { alive, collect, isLinux, ofKind } from './helpers.js'

const childServer = `
const net = require('node:net')
const s = net.createServer(() => {}).listen(0, '127.0.0.1', () => process.send({ port: s.address().port }))
`

t.test('lab.spawn: a real child, found by the kernel as the port owner, killed at the end', { skip: !isLinux && 'reads /proc' }, async (t) => {
  let pid = 0
  let port = 0
  const run = await collect(defineScenario({
    id: 'child', title: 't', symptom: 's', codes: [],
    async run (lab) {
      const child = await lab.spawn(process.execPath, ['-e', childServer], { ipc: true })
      pid = child.pid
      port = (await child.message<{ port: number }>()).port
      const owners = (await listListeners({ port })).listeners
      lab.check(owners.length === 1 && owners[0]!.owners.some((o) => o.pid === pid), 'the kernel names the child as the owner')
    },
  }))
  t.equal(run.done.ok, true, run.done.error?.message ?? 'ok')
  t.ok(pid > 0)
  t.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, 'the child is gone after the run')
  t.same((await listListeners({ port })).listeners, [], 'nothing listens on its port any more')
})

t.test('startProgram: a child whose listen fails says so; the lab announces a listen-error with its pid and code', async (t) => {
  let holderPid = 0
  let failedPid = 0
  let caught: (Error & { code?: string }) | undefined
  const run = await collect(defineScenario({
    id: 'child-listen-failed', title: 't', symptom: 's', codes: ['EADDRINUSE'],
    async run (lab) {
      const holder = await spawnHttpProcess(lab, { name: 'holder' })
      holderPid = holder.pid
      caught = await spawnHttpProcess(lab, { name: 'second', port: holder.port }).then(() => undefined, (err: Error & { code?: string }) => err)
    },
  }))
  t.equal(run.done.ok, true, run.done.error?.message ?? 'ok')
  const [listening] = ofKind(run, 'listening')
  const [failed] = ofKind(run, 'listen-error')
  t.match(listening, { service: 'process', pid: holderPid, address: '127.0.0.1' })
  failedPid = failed!.pid!
  t.ok(failedPid > 0 && failedPid !== holderPid && failedPid !== process.pid, 'the failed listen happened in a second child')
  t.match(failed, { service: 'process', code: 'EADDRINUSE', syscall: 'listen', address: '127.0.0.1', port: listening!.port, family: 'IPv4' })
  t.equal(caught?.code, 'EADDRINUSE', 'the caller gets the error with its code')
  t.equal(alive(holderPid), false, 'the holder is gone after the run')
  t.equal(alive(failedPid), false, 'the second child is gone after the run')
})

t.test('startProgram: stop and resume read the state from /proc; kill reports the signal', { skip: !isLinux && 'reads /proc' }, async (t) => {
  const owned: Array<() => Promise<unknown>> = []
  const program = await startProgram({ spawn: async (c, a, o) => { const child = await startChild(c, a, o); owned.push(() => child.kill('SIGKILL')); return child } }, 'service', { spec: { tcp: [{ name: 'echo', behaviour: 'echo' }] } })
  t.teardown(async () => { for (const dispose of owned) await dispose() })
  const hello = await program.hello
  t.match(hello, { type: 'hello', pid: program.pid, listeners: [{ name: 'echo', kind: 'tcp', address: '127.0.0.1' }] })
  t.match(await program.stop(), { letter: 'T', meaning: 'stopped' })
  t.not((await program.resume())?.letter, 'T', 'running again after SIGCONT')
  t.match(await program.kill('SIGTERM'), { signal: 'SIGTERM', code: null })
})

t.test('lab.spawn: any command dies with a SIGKILLed lab (the kernel kills it, no cleanup of ours runs)', { skip: (!isLinux || !existsSync('/usr/bin/setpriv') || !existsSync('/usr/bin/sleep')) && 'needs Linux, setpriv and sleep' }, async (t) => {
  const lab_ = fileURLToPath(new URL('../src/core/lab.ts', import.meta.url))
  const run_ = fileURLToPath(new URL('../src/core/run.ts', import.meta.url))
  // A lab that spawns `sleep 30`, says its pid, and waits; then it is SIGKILLed, so its own teardown never runs.
  const code = `const { defineScenario } = await import(${JSON.stringify(lab_)}); const { runScenario } = await import(${JSON.stringify(run_)}); ` +
    "void runScenario(defineScenario({ id: 'sleeper', title: 't', symptom: 's', codes: [], async run (lab) { " +
    "const c = await lab.spawn('sleep', ['30']); console.log('sleeping ' + c.pid); await new Promise(() => {}) } }), () => {})"
  const lab = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] })
  t.teardown(() => { lab.kill('SIGKILL') })
  const pid = await new Promise<number>((resolve, reject) => {
    lab.stdout.on('data', (d) => { const m = /sleeping (\d+)/.exec(String(d)); if (m) resolve(Number(m[1])) })
    lab.once('exit', (code) => reject(new Error(`the lab exited (${code}) before it spawned`)))
  })
  // setpriv execs the command in place: until then (a moment, longer on a loaded machine) the pid's name is setpriv's.
  let comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
  for (let waited = 0; comm === 'setpriv' && waited < 5000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
  }
  t.equal(comm, 'sleep', `the command runs in place of setpriv, under the pid the lab reports (${pid})`)
  lab.kill('SIGKILL')
  await once(lab, 'exit')
  let waited = 0
  while (running(pid) && waited < 2000) {
    await new Promise((resolve) => setTimeout(resolve, 20))
    waited += 20
  }
  t.notOk(running(pid), `sleep ${pid} is gone ${waited} ms after the lab was SIGKILLed`)
})

t.test('lab.spawn: a command that is not installed rejects with ENOENT, as spawn does', async (t) => {
  let caught: (Error & { code?: string }) | undefined
  const run = await collect(defineScenario({
    id: 'missing', title: 't', symptom: 's', codes: [],
    async run (lab) { caught = await lab.spawn('localhost-lab-no-such-command', []).then(() => undefined, (e: Error & { code?: string }) => e) },
  }))
  t.equal(run.done.ok, true, run.done.error?.message ?? 'ok')
  t.equal(caught?.code, 'ENOENT')
})

/** Alive and not a zombie, by /proc. */
function running (pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

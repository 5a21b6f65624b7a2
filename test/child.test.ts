import t from 'tap'
import { defineScenario } from '../src/core/lab.js'
import { listListeners } from '../src/diagnose/ports/listeners.js'
import { collect, isLinux } from './helpers.js'

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

import t from 'tap'
import { defineScenario } from '../src/core/lab.js'
import { collect, isLinux, liveNetHandles, ourSockets } from './helpers.js'

t.test('a scenario that throws midway leaves nothing listening or connected', async (t) => {
  const boom = defineScenario({
    id: 'boom', title: 'throws midway', symptom: 'n/a', codes: [],
    async run (lab) {
      const http = await lab.http()
      const ws = await lab.ws()
      const tcp = await lab.tcp()
      const held = await lab.connect(tcp.address, tcp.port, { keepOpen: true })
      t.equal(held.ok, true)
      const open = await lab.wsOpen(ws.url, { keepOpen: true })
      t.equal(open.ok, true)
      await lab.fetch(`${http.url}/`)
      if (isLinux) t.ok((await ourSockets('LISTEN')).length >= 3, 'while running, the kernel sees our listeners')
      throw new Error('something broke in the middle')
    },
  })
  const run = await collect(boom)
  t.equal(run.done.ok, false)
  t.same(run.done.error, { code: 'LAB_ERR_SCENARIO_THREW', message: 'something broke in the middle' })
  t.equal(run.observations.filter((o) => o.kind === 'closed').length, 3, 'all three services were closed')
  t.same(await liveNetHandles(), [], 'no server or socket handle is left')
  if (isLinux) t.same(await ourSockets(), [], 'the kernel lists no TCP socket of ours (no listener, no connection)')
})

t.test('an interrupt stops a stuck scenario, cleans up and says so', async (t) => {
  const controller = new AbortController()
  const stuck = defineScenario({
    id: 'stuck', title: 'waits forever', symptom: 'n/a', codes: ['ECONNREFUSED'],
    async run (lab) {
      await lab.tcp()
      lab.after(10, () => controller.abort('Ctrl-C'))
      await new Promise(() => {})
    },
  })
  const run = await collect(stuck, { signal: controller.signal })
  t.equal(run.done.ok, false)
  t.equal(run.done.interrupted, 'Ctrl-C')
  t.same(await liveNetHandles(), [])
  if (isLinux) t.same(await ourSockets(), [])
})

t.test('a failed check and a missing code make done.ok false; a skip is ok', async (t) => {
  const failing = await collect(defineScenario({
    id: 'check', title: 't', symptom: 's', codes: [],
    async run (lab) { lab.check(1 + 1 === 3, 'arithmetic broke') },
  }))
  t.same(failing.done.error, { code: 'LAB_ERR_CHECK_FAILED', message: 'arithmetic broke' })

  const missing = await collect(defineScenario({
    id: 'missing', title: 't', symptom: 's', codes: ['ECONNRESET'],
    async run (lab) { lab.say('nothing happens') },
  }))
  t.equal(missing.done.ok, false)
  t.same(missing.done.missing, ['ECONNRESET'])

  const skipped = await collect(defineScenario({
    id: 'skip', title: 't', symptom: 's', codes: ['EACCES'],
    async run (lab) { lab.skip('needs root') },
  }))
  t.equal(skipped.done.ok, true)
  t.equal(skipped.done.skipped, 'needs root')
})

t.test('after the run, the lab refuses to hand out more', async (t) => {
  let kept: import('../src/core/lab.js').Lab | undefined
  await collect(defineScenario({ id: 'k', title: 't', symptom: 's', codes: [], async run (lab) { kept = lab } }))
  await t.rejects(kept!.tcp(), { code: 'LAB_ERR_DISPOSED' })
  t.same(await liveNetHandles(), [])
})

t.test('after an interrupt, a story that goes on talking is not heard', async (t) => {
  const controller = new AbortController()
  let said: () => void = () => {}
  const late = new Promise<void>((resolve) => { said = resolve })
  const chatty = defineScenario({
    id: 'chatty', title: 'talks after Ctrl-C', symptom: 'n/a', codes: [],
    async run (lab) {
      await lab.tcp()
      controller.abort('Ctrl-C')
      // The story does not notice the abort at once (as a pending attempt would not) and says something stale.
      await new Promise((resolve) => setImmediate(resolve))
      lab.say('this is no longer true')
      said()
    },
  })
  const run = await collect(chatty, { signal: controller.signal })
  await late
  t.equal(run.done.interrupted, 'Ctrl-C')
  t.notOk(run.events.some((e) => e.type === 'say'), 'no narration after the interrupt')
  t.ok(run.events.some((e) => e.type === 'observe' && e.kind === 'closed'), 'the cleanup is still reported')
})

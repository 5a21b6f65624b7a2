import t from 'tap'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import dns from '../demos/dns.js'
import type { DoneEvent, LabEvent, Outcome } from '../src/core/events.js'
import { namespacesUnavailable } from '../src/netns/detect.js'
import { which } from '../src/process/tool.js'
import { ms } from '../src/render/format.js'
import { attemptsInStep, CLI, factValue, isLinux, liveNetHandles, ourSockets, reproduce } from './helpers.js'
import { asOrdinaryUser, ourChildren, ourNamespaces, runCommand } from './netns-helpers.js'

const unavailable = isLinux ? await namespacesUnavailable(['unshare', 'mount']) : 'not Linux'
const skip = unavailable === undefined ? false : `network namespaces unavailable: ${unavailable}`

/** The lines of a mount table that name one of the lesson's private files. */
async function ourMounts (pid: number | 'self'): Promise<string[]> {
  const table = await readFile(`/proc/${pid}/mountinfo`, 'utf8').catch(() => '')
  return table.split('\n').filter((l) => l.includes('llab-files-'))
}

t.test('dns: ENOTFOUND and EAI_AGAIN from getaddrinfo, in a namespace with its own hosts file and DNS server', { skip }, async (t) => {
  const machineHosts = await readFile('/etc/hosts', 'utf8')
  const machineResolv = await readFile('/etc/resolv.conf', 'utf8')
  const run = await reproduce(t, dns)
  t.equal(run.done.skipped, undefined, 'it ran, it did not skip')
  t.same(run.done.observed, ['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED'], 'the codes of a name that does not resolve, then the wrong family\'s refusal')
  const P = run.observations.find((o) => o.kind === 'listening' && o.netns === 'dns')
  t.ok(P, 'the app listened inside the namespace')
  const port = P!.kind === 'listening' ? P!.port : 0
  for (const a of run.attempts) t.equal(a.netns, 'dns', `${a.request ?? a.target.host}: made inside the namespace`)

  // localhost missing from the hosts file
  const [noLocal, noLocalTcp, local] = attemptsInStep(run, 3) as [Outcome, Outcome, Outcome]
  t.match(noLocal, { client: 'http', code: 'ENOTFOUND', syscall: 'getaddrinfo', message: 'fetch failed' }, 'fetch to localhost: ENOTFOUND')
  t.match(noLocal.causes, [{ code: 'ENOTFOUND', syscall: 'getaddrinfo', message: 'getaddrinfo ENOTFOUND localhost' }], 'the reason is in fetch\'s cause')
  t.match(noLocalTcp, { client: 'tcp', code: 'ENOTFOUND', syscall: 'getaddrinfo', message: 'getaddrinfo ENOTFOUND localhost' })
  t.same(factValue(run, 'dns-questions-localhost'), ['localhost A', 'localhost AAAA', 'localhost A', 'localhost AAAA'], 'glibc asked DNS for both families, once per client')
  t.equal(local.status, 200, 'with the localhost lines back, localhost answers')

  // a typo
  const [typo, right] = attemptsInStep(run, 4) as [Outcome, Outcome]
  t.match(typo, { code: 'ENOTFOUND', syscall: 'getaddrinfo' })
  t.match(typo.causes, [{ message: 'getaddrinfo ENOTFOUND api.tset' }])
  t.equal(right.status, 200)

  // *.localhost
  const [sub, subFixed] = attemptsInStep(run, 5) as [Outcome, Outcome]
  t.match(sub, { code: 'ENOTFOUND', syscall: 'getaddrinfo' }, 'Node: app.localhost is just a name')
  t.equal(subFixed.status, 200, 'a hosts line for app.localhost fixes it')
  if (await which('curl') !== undefined) {
    t.match(factValue(run, 'curl-localhost'), { exitCode: 0 }, 'curl reaches localhost without the hosts file')
    t.match(factValue(run, 'curl-sub-localhost'), { exitCode: 0 }, 'curl reaches app.localhost itself')
    t.match(factValue(run, 'curl-typo'), { exitCode: 6, said: 'curl: (6) Could not resolve host: api.tset' })
    t.match(run.narration, 'curl answers localhost itself; Node asks the C library')
  }

  // no DNS server
  const [again, againTcp, fromFile, back] = attemptsInStep(run, 6) as [Outcome, Outcome, Outcome, Outcome]
  t.match(again, { client: 'http', code: 'EAI_AGAIN', syscall: 'getaddrinfo' }, 'no DNS server: EAI_AGAIN')
  t.match(again.causes, [{ message: 'getaddrinfo EAI_AGAIN api.tset' }])
  t.match(againTcp, { client: 'tcp', code: 'EAI_AGAIN', syscall: 'getaddrinfo' })
  t.ok(again.elapsedMs < 1000, `refused at once, not a resolver timeout (${again.elapsedMs} ms)`)
  t.equal(fromFile.status, 200, 'hosts-file names need no DNS server')
  t.equal(back.code, 'ENOTFOUND', 'with the DNS server back, the typo is ENOTFOUND again')

  // the other family
  const [wrongFamily, v4Only, sameFamily] = attemptsInStep(run, 7) as [Outcome, Outcome, Outcome]
  t.same(factValue(run, 'lookup-other-family'), ['::1'], 'the name resolves, to ::1 only')
  t.match(wrongFamily, { code: 'ECONNREFUSED', syscall: 'connect', address: '::1', port, family: 'IPv6' }, 'resolved to ::1 only, refused there')
  t.match(v4Only, { code: 'ENOTFOUND', syscall: 'getaddrinfo', message: 'getaddrinfo ENOTFOUND api.test' }, 'an IPv4-only name asked for IPv6: ENOTFOUND')
  t.match(sameFamily, { ok: true, remoteAddress: '127.0.0.1', remotePort: port })

  // Every number in the narration is one that was measured.
  const n = run.narration
  t.match(n, `after ${ms(noLocal.elapsedMs)}. net.connect: "getaddrinfo ENOTFOUND localhost", err.code ENOTFOUND, err.syscall getaddrinfo`)
  t.match(n, `(err.cause: "getaddrinfo EAI_AGAIN api.tset") after ${ms(again.elapsedMs)}`)
  t.match(n, `An app listens on 127.0.0.1:${port} in there`)
  t.match(n, `net.connect says "connect ECONNREFUSED ::1:${port}"`)
  t.match(n, `net.connect reached 127.0.0.1:${port} in ${ms(sameFamily.elapsedMs)}`)

  // The machine's own files were never touched, and nothing of the lesson is left.
  t.equal(await readFile('/etc/hosts', 'utf8'), machineHosts, "the machine's /etc/hosts is as it was")
  t.equal(await readFile('/etc/resolv.conf', 'utf8'), machineResolv, "the machine's /etc/resolv.conf is as it was")
  const files = factValue(run, 'private-files') as Record<string, string>
  t.same(Object.keys(files).sort(), ['/etc/hosts', '/etc/nsswitch.conf', '/etc/resolv.conf'])
  for (const source of Object.values(files)) t.notOk(existsSync(source), `${source} was removed`)
  t.same(await ourMounts('self'), [], 'no mount of the lesson in this process\'s mount namespace')
  t.same(await ourMounts(1), [], 'no mount of the lesson in the machine\'s mount namespace (pid 1)')
  t.same(await ourNamespaces(), [], 'no network namespace of ours is left')
  t.same(await ourChildren(), [], 'no child process of ours is running')
  t.same(await ourSockets('LISTEN'), [], 'nothing of ours listens in the machine\'s namespace')
  t.same(await liveNetHandles(), [], 'no server or socket handle is left in this process')
})

// As an ordinary user: the machine's own part (reading its files) runs, then one skip line says why and what you would see.
const prefix = isLinux ? await asOrdinaryUser() : 'not Linux'
t.test('dns as an ordinary user: reads the machine\'s files, then skips with the reason and what you would see', { skip: typeof prefix === 'string' && prefix }, async (t) => {
  const r = await runCommand([...(prefix as string[]), CLI, 'demo', 'dns', '--json'])
  t.equal(r.code, 0, r.stderr)
  t.equal(r.stderr, '')
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as LabEvent)
  t.same(events.filter((e) => e.type === 'step').length, 1, 'only the step that needs no namespace ran')
  t.ok(events.some((e) => e.type === 'observe' && e.kind === 'fact' && e.key === 'nsswitch-hosts' && e.source === '/etc/nsswitch.conf'), 'the machine\'s lookup order, with its source')
  t.notOk(events.some((e) => e.type === 'observe' && e.kind === 'attempt'), 'no name was looked up on the machine')
  const done = events.at(-1) as DoneEvent
  t.match(done, { type: 'done', ok: true, missing: [] })
  t.match(done.skipped!, /needs root .* runs as uid \d+\. What you would see: .*ENOTFOUND.*EAI_AGAIN/, 'why, then what the user would see')
  t.notMatch(done.skipped!, /\n/, 'one line')
})

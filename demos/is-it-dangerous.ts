/**
 * is-it-dangerous — "What is 127.0.0.1:62893, and is it dangerous?" It depends on which program holds it.
 *
 * Three listeners, all on 127.0.0.1, so no other computer can reach any of them: a service that checks who it is
 * talking to (Host and Origin, the lab's own host guard), one that trusts every request (any Host, CORS for any
 * origin, WebSockets from any site), and a real Node debugger. `check` looks at each the way it looks at any port of
 * this machine, and the lesson reads its verdicts, its evidence and the inspector's own answers back to the reader.
 */
import { check, defineScenario, FOREIGN_HOST, FOREIGN_ORIGIN, guardHosts, hostPort, localTarget, now, parseTarget, since, startProgram, type CheckReport, type Lab } from './kit.js'

/** The line every Node prints when its inspector opens (src/inspector_socket_server.cc, PrintDebuggerReadyMessage). */
const DEBUGGER_LINE = /Debugger listening on (ws:\/\/127\.0\.0\.1:(\d+)\/[0-9a-f-]+)/
const CHECKED_BY = 'localhost-lab check (src/diagnose/check/check.ts)'

/**
 * check waits 150 ms for a server to speak first, what a busy real SSH or MySQL needs. These three are HTTP servers of
 * the lesson's own, which never speak first: waiting less only ends the silence sooner. Its other bounds are wider
 * than check's defaults: they cost nothing when a server answers at once, and on a loaded machine (CI, Node 24) a
 * foreign-Host request once took longer than the default 300 ms step, and the lesson lost the 403 it shows. Tests
 * read them from here.
 */
export const plan = { greetingMs: 25, stepMs: 2000, deadlineMs: 5000, budgetMs: 10000 }

export default defineScenario({
  id: 'is-it-dangerous',
  title: 'Is 127.0.0.1:62893 dangerous? It depends on the program: check three of them',
  symptom: 'A log shows 127.0.0.1:62893 and you wonder whether it is a risk',
  codes: [],

  async run (lab) {
    lab.step('Start three local programs, all on 127.0.0.1')
    // The debugger's process first: it starts while this one starts the two services, rather than after them.
    const t0 = now()
    const program = await startProgram(lab, 'inspector', { label: 'is-it-dangerous' })
    const safe = await lab.http({ name: 'guarded service', routes: (app) => guardHosts(app) })
    const open = await lab.http({
      name: 'unguarded service',
      websocket: true,
      routes: (app) => {
        app.addHook('onSend', async function anyOriginOnSend (_req, reply, payload) {
          reply.header('access-control-allow-origin', '*')
          return payload
        })
      },
    })
    const line = await debuggerLine(program.child.output().stderr, program.child.process.stderr!, program.child.exited)
    lab.check(line !== undefined, `the inspector child never printed "Debugger listening on": ${program.lastWords()}`)
    const [, wsUrl, portText] = line!
    const inspector = { address: '127.0.0.1', port: Number(portText) }
    lab.announce({ service: 'process', name: `Node inspector (pid ${program.pid})`, state: 'listening', at: { ...inspector, family: 'IPv4' }, elapsedMs: since(t0), pid: program.pid })
    lab.say(`A guarded web service on ${hostPort(safe.address, safe.port)}, an unguarded one on ${hostPort(open.address, open.port)}, and a Node.js process whose debugger is open: it printed "Debugger listening on ${wsUrl!}", the line you may have seen in a log.`)
    lab.say('All three listen on 127.0.0.1: no other computer can connect to them. Whether one is a risk depends on what answers there, and who else on this computer can talk to it: every program you run, and every web page your browser shows.')

    lab.step('Check the guarded service')
    const safeReport = await checkPort(lab, 'guarded', safe.port)
    const safeRow = safeReport.listeners[0]!
    lab.check(safeRow.verdict === 'ok', `check found the guarded service ${safeRow.verdict}: ${safeRow.risks.map((r) => r.id).join(', ')}`)
    lab.say(`Verdict: ${safeRow.verdict}. It is a web service (${safeRow.service.protocol}) and check found no way in. What it measured: ${safeRow.service.evidence.filter((e) => /Host:|Origin:/.test(e)).join('; ') || 'no answer to a foreign Host or Origin'}.`)
    const foreignToSafe = await lab.request(`${safe.url}/`, { headers: { host: FOREIGN_HOST } })
    lab.check(foreignToSafe.status === 403, `the guarded service answered a foreign Host with ${foreignToSafe.status ?? foreignToSafe.code}, not 403`)
    lab.say(`Asked with Host: ${FOREIGN_HOST}, as a web page that rebinds its own name to 127.0.0.1 would ask, it answered ${foreignToSafe.status}: it serves only requests addressed to itself, so a page from another site gets nothing.`)

    lab.step('Check the unguarded service')
    const openReport = await checkPort(lab, 'unguarded', open.port)
    const openRow = openReport.listeners[0]!
    const openRisks = openRow.risks.map((r) => r.id)
    lab.check(openRow.verdict === 'review', `check found the unguarded service ${openRow.verdict}, not review`)
    lab.check(['dns-rebinding', 'cors-any-origin', 'websocket-any-origin'].every((id) => openRisks.includes(id as typeof openRisks[number])), `check found ${openRisks.join(', ') || 'no risk'} on the unguarded service`)
    lab.say(`Verdict: ${openRow.verdict}. Nobody on the network can reach it, but any web page you open can read it through your browser. check found ${openRisks.length} ways:`)
    for (const r of openRow.risks) lab.say(`${r.id} (${r.severity}): ${r.evidence}.`)
    const hijacked = await lab.wsOpen(open.wsUrl!, { headers: { origin: FOREIGN_ORIGIN }, send: 'hello from another site' })
    lab.check(hijacked.ok, `the unguarded service refused a WebSocket from ${FOREIGN_ORIGIN}: ${hijacked.status ?? hijacked.code}`)
    lab.say(`A WebSocket that says it comes from ${FOREIGN_ORIGIN} opened and its message came back ("${hijacked.body}") in ${hijacked.elapsedMs.toFixed(2)} ms: in a browser, that page would now be talking to this service.`)

    lab.step('Check the Node debugger')
    const inspectorReport = await checkPort(lab, 'inspector', inspector.port)
    const inspectorRow = inspectorReport.listeners[0]!
    lab.check(inspectorRow.verdict === 'danger', `check found the inspector ${inspectorRow.verdict}, not danger`)
    lab.check(inspectorRow.risks.some((r) => r.id === 'code-execution'), 'check found no code-execution risk on the inspector')
    lab.say(`Verdict: ${inspectorRow.verdict}. check recognised ${inspectorRow.service.product ?? inspectorRow.service.protocol}${inspectorRow.service.version !== undefined ? ` ${inspectorRow.service.version}` : ''} (${inspectorRow.service.evidence.join('; ')}).`)
    const version = await lab.request(`http://${hostPort(inspector.address, inspector.port)}/json/version`)
    lab.check(version.status === 200, `the inspector's /json/version answered ${version.status ?? version.code}`)
    lab.fact('inspector-version', 'the inspector\'s /json/version answer', JSON.parse(version.body!) as Record<string, unknown>, `GET http://${hostPort(inspector.address, inspector.port)}/json/version`)
    lab.say(`Asked GET /json/version with its own Host, it answered ${version.status}: ${oneLine(version.body!)}.`)
    const rebound = await lab.request(`http://${hostPort(inspector.address, inspector.port)}/json/version`, { headers: { host: FOREIGN_HOST } })
    lab.fact('inspector-foreign-host-status', `the inspector's answer to Host: ${FOREIGN_HOST}`, rebound.status ?? rebound.code ?? null, `GET http://${hostPort(inspector.address, inspector.port)}/json/version with Host: ${FOREIGN_HOST}`)
    const refusesForeign = rebound.status !== undefined && rebound.status >= 400
    if (refusesForeign) {
      lab.say(`Asked the same with Host: ${FOREIGN_HOST}, it answered ${rebound.status}${rebound.body ? ` ("${oneLine(rebound.body)}")` : ''}: this Node (${process.version}) refuses a foreign Host on its debugger, so a web page that rebinds its name cannot read it.`)
    } else {
      lab.say(`Asked the same with Host: ${FOREIGN_HOST}, it answered ${rebound.status ?? rebound.code}: this Node (${process.version}) does not refuse a foreign Host, so even a web page could read it.`)
    }
    const list = await lab.request(`http://${hostPort(inspector.address, inspector.port)}/json/list`)
    const target = (JSON.parse(list.body ?? '[]') as Array<{ webSocketDebuggerUrl?: string }>)[0]?.webSocketDebuggerUrl
    lab.check(target !== undefined, `the inspector's /json/list gave no debugger address (${list.status ?? list.code})`)
    const evaluated = await lab.wsOpen(target!, { keepOpen: true, send: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression: 'process.pid', returnByValue: true } }) })
    const answer = parseEvaluate(evaluated.body)
    lab.check(answer === program.pid, `Runtime.evaluate of process.pid answered ${evaluated.body ?? evaluated.code}, not pid ${program.pid}`)
    lab.fact('inspector-evaluated-pid', 'process.pid, evaluated inside the debugged process over its WebSocket', answer ?? null, `Runtime.evaluate over ${target!}`)
    lab.say(`But a program on this computer is not a web page: it sets any Host it likes. Without any password, /json/list gave the debugger's address, and over it Runtime.evaluate of process.pid answered ${answer}, the debugged process's own pid, in ${evaluated.elapsedMs.toFixed(2)} ms. Any expression would have run the same way, with that process's rights.`)

    lab.step('Stop the debugger, and check its port again')
    // Leave its debugger first: a Node that exits in order with a debugger attached waits for it to disconnect.
    await new Promise((resolve) => { evaluated.ws!.once('close', resolve).close(1000) })
    const t1 = now()
    await program.kill('SIGTERM')
    lab.announce({ service: 'process', name: `Node inspector (pid ${program.pid})`, state: 'closed', at: { ...inspector, family: 'IPv4' }, elapsedMs: since(t1), pid: program.pid })
    const afterReport = await checkPort(lab, 'stopped-inspector', inspector.port)
    lab.check(afterReport.listeners.length === 0, `port ${inspector.port} still has a listener after the debugger stopped`)
    lab.say(`${afterReport.notes[0] ?? `Nothing listens on port ${inspector.port}.`} The risk went with the process.`)

    lab.explain('The address 127.0.0.1 is never the danger: only this computer can use it. What matters is the program behind the port, and whether it checks who is asking.')
    lab.explain(`The guarded service is fine: it answers only requests addressed to itself, so a web page from another site gets ${foreignToSafe.status}. The unguarded one is worth fixing: any page you visit can read it (${openRisks.join(', ')}). The debugger is dangerous: whoever can open its port runs code inside it, and every program on this computer can.`)
    lab.explain(`Node's Host check ${refusesForeign ? `(${rebound.status} for Host: ${FOREIGN_HOST})` : ''} keeps web pages out of the debugger. It does not make the debugger safe: a debugger's whole purpose is to run code, and any local program, or any user of a shared machine, can reach 127.0.0.1. As root, that code runs as root.`)
    lab.fix(`Unguarded service: answer only Host 127.0.0.1:${open.port}, localhost:${open.port} and [::1]:${open.port} (403 otherwise), send Access-Control-Allow-Origin only for your own pages, never *, and refuse WebSocket upgrades whose Origin is not yours.`)
    lab.fix('Node debugger: use --inspect only while you debug, with 127.0.0.1:0 (a port the OS picks, not the well-known 9229 every tool tries first), never on 0.0.0.0 and never as root; stop the process when you are done.')
    lab.fix('Any port you do not recognise: run `localhost-lab check PORT` to see which program holds it, what it answers and what to do.')
  },
})

/** check, as the command runs it for one port of this machine; its verdict and risks become a fact with a stable key. */
async function checkPort (lab: Lab, key: string, port: number): Promise<CheckReport> {
  const parsed = parseTarget(`127.0.0.1:${port}`)
  if (parsed instanceof Error) throw parsed
  const report = await check({ target: await localTarget(parsed), ...plan, signal: lab.signal })
  const row = report.listeners[0]
  lab.fact(`${key}-check`, `check of 127.0.0.1:${port}`, row === undefined
    ? { listening: false, note: report.notes[0] ?? null }
    : { verdict: row.verdict, protocol: row.service.protocol, product: row.service.product ?? null, risks: row.risks.map((r) => ({ id: r.id, severity: r.severity })), evidence: row.service.evidence }, CHECKED_BY)
  return report
}

/** Wait for Node's "Debugger listening on" line on the child's stderr; undefined if the child exits first. */
function debuggerLine (already: string, stderr: NodeJS.ReadableStream, exited: Promise<unknown>): Promise<RegExpExecArray | undefined> {
  return new Promise((resolve) => {
    let seen = already
    const onData = (chunk: Buffer | string): void => {
      seen += String(chunk)
      const m = DEBUGGER_LINE.exec(seen)
      if (m) finish(m)
    }
    const finish = (m: RegExpExecArray | undefined): void => {
      stderr.off('data', onData)
      resolve(m)
    }
    stderr.on('data', onData)
    onData('')
    void exited.then(() => finish(DEBUGGER_LINE.exec(seen) ?? undefined))
  })
}

/** The number a Runtime.evaluate answer holds (`{"id":1,"result":{"result":{"type":"number","value":1234,...}}}`). */
function parseEvaluate (body: string | undefined): number | undefined {
  const m = /^\{"id":1,"result":\{"result":\{"type":"number","value":(\d+)[,}]/.exec(body ?? '')
  return m ? Number(m[1]) : undefined
}

/** A JSON answer on one line, for the narration. */
function oneLine (text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

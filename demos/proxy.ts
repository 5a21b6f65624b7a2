/**
 * proxy — the dev server answers 502, and its terminal says `http proxy error`.
 *
 * Two hops: the browser talks to a proxy (a dev server's `server.proxy`, nginx), the proxy talks to the backend. When
 * the second hop fails, the proxy still answers the first: 502 Bad Gateway when it could not get an answer, 504
 * Gateway Time-out when its own deadline passed first (nginx), or a response cut short when the backend died half-way.
 * The real cause (ECONNREFUSED, the timeout, the process that died) is only in the proxy's log and at the backend.
 * The fix is there too: the proxy was right all along.
 */
import { createDevProxy, defineScenario, freePort, hostPort, ms, startChildService, startNginx, type NginxLogLine, type Outcome } from './kit.js'

/**
 * The lesson's clocks. Real proxies wait seconds (nginx's proxy_read_timeout is 60 s); the lesson's are short because
 * only their order matters: the proxy gives up before the slow backend answers, and our client waits for a cut
 * response until its own timeout. The narration says the measured times. Tests read them from here.
 */
export const plan = {
  /** The backend's answer takes this long: nearly twice the proxies' deadline, so the proxy gives up first even on a busy machine. */
  slowMs: 180,
  /** The proxies' own deadline for the backend's answer (http-proxy-3 `proxyTimeout`, nginx `proxy_read_timeout`). */
  proxyTimeoutMs: 100,
  /** How long our client waits for a whole response before it gives up. */
  clientTimeoutMs: 150,
}
const { slowMs: SLOW_MS, proxyTimeoutMs: PROXY_TIMEOUT_MS, clientTimeoutMs: CLIENT_TIMEOUT_MS } = plan

/** What a client printed, with the inner cause when it has one. */
function said (o: Outcome): string {
  if (o.status !== undefined) return `HTTP ${o.status} with ${o.body ? `a body of ${o.body.length} bytes` : 'an empty body'}`
  const cause = o.causes?.[0]
  return cause ? `"${o.message}", cause "${cause.message}" (${o.code})` : `"${o.message}" (${o.code ?? o.errorName})`
}

export default defineScenario({
  id: 'proxy',
  title: 'The proxy says 502 or 504: the backend behind it failed',
  symptom: '[vite] http proxy error: /api/hello  Error: connect ECONNREFUSED 127.0.0.1:8080 (the browser: 502 Bad Gateway)',
  codes: ['502', 'ECONNREFUSED', 'ECONNRESET', 'TimeoutError'],

  async run (lab) {
    lab.step('A dev server that proxies /api, /slow and /stream to three backends')
    const missing = await freePort({ lab })
    const slow = await lab.http({
      name: `slow backend (answers after ${SLOW_MS} ms)`,
      routes: (app) => app.get('/slow/report', async () => {
        await new Promise<void>((resolve) => lab.after(SLOW_MS, () => resolve()))
        return { report: 'done' }
      }),
    })
    // Both streaming backends at once (the second is nginx's, later): two processes start in about the time of one.
    const [streaming, streaming2] = await Promise.all([
      startChildService(lab, { tcp: [{ name: 'stream', behaviour: 'drip-response' }] }, 'streaming backend process'),
      startChildService(lab, { tcp: [{ name: 'stream', behaviour: 'drip-response' }] }, 'second streaming backend process'),
    ])
    const stream = streaming.listener('stream')
    const api = await createDevProxy({ prefix: '/api', target: `http://127.0.0.1:${missing}` })
    const slowApi = await createDevProxy({ prefix: '/slow', target: slow.url, timeoutMs: PROXY_TIMEOUT_MS })
    const streamApi = await createDevProxy({ prefix: '/stream', target: `http://${hostPort(stream.address, stream.port)}` })
    const dev = await lab.http({ name: 'dev server with a proxy (http-proxy-3, as Vite)', routes: (app) => { api.mount(app); slowApi.mount(app); streamApi.mount(app) } })
    lab.say(`The dev server listens on ${hostPort(dev.address, dev.port)}. Like Vite's \`server.proxy\`, it forwards /api to 127.0.0.1:${missing}, /slow to ${hostPort(slow.address, slow.port)} and /stream to ${hostPort(stream.address, stream.port)}.`)
    lab.say(`Nothing listens on ${missing}: we borrowed that port and gave it back. The /slow backend takes ${SLOW_MS} ms to answer, and the proxy waits ${PROXY_TIMEOUT_MS} ms. The /stream backend (process ${streaming.pid}) sends its headers at once, then one byte a second.`)

    lab.step('The backend is not running')
    const refused = await lab.fetch(`${dev.url}/api/hello`)
    lab.check(refused.status === 502, `the dev server answered ${refused.status ?? refused.code}, not 502`)
    lab.record('502')
    const refusedLog = api.errors.at(-1)
    lab.check(refusedLog?.code === 'ECONNREFUSED', `the proxy logged ${refusedLog?.code ?? 'nothing'}, not ECONNREFUSED`)
    lab.record(refusedLog!.code!)
    lab.say(`The browser gets ${said(refused)}, after ${ms(refused.elapsedMs)}. That is all it ever learns.`)
    lab.say(`The dev server's terminal says why: "${refusedLog!.logged.replace('\n', ' ')}".`)
    const direct = await lab.fetch(`http://127.0.0.1:${missing}/api/hello`)
    lab.check(direct.code === 'ECONNREFUSED', `the backend's port answered ${direct.status ?? direct.code}`)
    lab.say(`Asking the backend directly gives the same cause: "${direct.message}", cause ${direct.code} ${hostPort(direct.address!, direct.port!)}, in ${ms(direct.elapsedMs)}.`)
    lab.explain('502 Bad Gateway is the proxy speaking, not the backend. The proxy works: it took your request, tried the backend, was refused, and said so the only way HTTP allows.')

    lab.step('The backend is slower than the proxy\'s timeout')
    // The same request straight to the backend, at the same moment: both waits are timers, and they overlap.
    const asking = lab.fetch(`${slow.url}/slow/report`)
    const timedOut = await lab.fetch(`${dev.url}/slow/report`)
    const slowLog = slowApi.errors.at(-1)
    lab.check(timedOut.status === 502 && slowLog !== undefined, `expected 502 and a logged error, got ${timedOut.status ?? timedOut.code} and ${slowLog?.message ?? 'no log'}`)
    lab.record(slowLog!.code ?? slowLog!.message)
    lab.say(`After ${ms(timedOut.elapsedMs)} the dev server answered ${said(timedOut)}, and logged "${slowLog!.logged.replace('\n', ' ')}" (${slowLog!.code}).`)
    const patient = await asking
    lab.check(patient.ok, `the slow backend failed when asked directly: ${patient.code ?? patient.status}`)
    lab.say(`Asked directly at the same moment, the backend answered ${patient.status} after ${ms(patient.elapsedMs)}. It was never broken, only slower than the proxy was told to wait.`)
    lab.explain(`Beware the wording: http-proxy-3 gives up by closing its connection to the backend, so its log says "${slowLog!.message}", the words of a connection that died, for what was a timeout of its own. The ${ms(timedOut.elapsedMs)} before the 502 is the tell: it matches the proxy's timeout.`)

    lab.step('The backend dies in the middle of its answer')
    const headers = streamApi.nextResponse()
    const cut = lab.fetch(`${dev.url}/stream/report`, { timeoutMs: CLIENT_TIMEOUT_MS })
    const [holding] = await streaming.inFlight(1)
    const upstreamStatus = await headers
    const logged = streamApi.errors.length
    const killed = await streaming.kill('SIGKILL')
    // nginx starts while our client waits out its own timeout: that wait is a timer, not work.
    const stream2 = streaming2.listener('stream')
    const nginxStarting = startNginx(lab, {
      locations: [
        { path: '/api/', upstream: { host: '127.0.0.1', port: missing } },
        { path: '/slow/', upstream: { host: slow.address, port: slow.port }, readTimeoutMs: PROXY_TIMEOUT_MS },
        { path: '/stream/', upstream: { host: stream2.address, port: stream2.port } },
      ],
    })
    const hung = await cut
    lab.check(holding !== undefined && hung.errorName === 'TimeoutError', `expected our client to wait until its own timeout, got ${said(hung)}`)
    lab.say(`The backend answered ${upstreamStatus} and began to send its body. Then its process ${streaming.pid} died of ${killed.signal}.`)
    lab.say(`The dev server had already passed the 200 on, and it could not take it back. It never finished the response: our fetch waited until its own ${CLIENT_TIMEOUT_MS} ms timeout and gave up with ${said(hung)} after ${ms(hung.elapsedMs)}.`)
    const late = streamApi.errors.slice(logged)
    lab.say(late.length === 0
      ? 'The dev server\'s terminal shows nothing at all: the backend closed its end cleanly, so http-proxy-3 had no error to report.'
      : `The dev server's terminal shows "${late[0]!.logged.replace('\n', ' ')}".`)
    lab.explain('Once the status line is out, a proxy has no way to say "the backend failed". A good one closes the connection so the client knows the body is short; this one leaves the response open, and the browser waits for the rest.')

    const nginx = await nginxStarting
    if (nginx === undefined) {
      lab.say('nginx is not installed here (`apt install nginx-light`): its part of the lesson is left out. It answers 502 to the refusal and 504 to the timeout, closes a cut response, and logs the cause of each.')
    } else {
      lab.step('The same three failures behind nginx')
      lab.fact('nginx', 'the nginx that runs here', nginx.version, nginx.source)
      lab.say(`${nginx.version} (pid ${nginx.pid}) listens on ${hostPort(nginx.address, nginx.port)}, with a config written to a temporary directory: /api/ to 127.0.0.1:${missing}, /slow/ to ${hostPort(slow.address, slow.port)} with \`proxy_read_timeout ${PROXY_TIMEOUT_MS}ms\`, /stream/ to a second streaming backend (process ${streaming2.pid}) on ${stream2.port}.`)
      const ngRefused = await lab.fetch(`${nginx.url}/api/hello`)
      const ngSlow = await lab.fetch(`${nginx.url}/slow/report`)
      lab.check(ngRefused.status === 502 && ngSlow.status === 504, `nginx answered ${ngRefused.status ?? ngRefused.code} and ${ngSlow.status ?? ngSlow.code}, not 502 and 504`)
      lab.record('504')
      const ngCutting = lab.fetch(`${nginx.url}/stream/report`, { timeoutMs: CLIENT_TIMEOUT_MS })
      await streaming2.inFlight(1)
      const killed2 = await streaming2.kill('SIGKILL')
      const ngCut = await ngCutting
      lab.check(!ngCut.ok && ngCut.errorName !== 'TimeoutError', `expected nginx to end the cut response, got ${said(ngCut)}`)
      const log = await nginx.errorLog()
      const lineFor = (path: string): NginxLogLine | undefined => log.find((l) => l.request?.startsWith(`GET ${path} `))
      const [refusedLine, slowLine, cutLine] = [lineFor('/api/hello'), lineFor('/slow/report'), lineFor('/stream/report')]
      lab.check(refusedLine && slowLine && cutLine, `nginx's error log lacks a line for each request (${log.length} lines)`)
      lab.fact('nginx-error-log', 'nginx error_log lines for the three requests', [refusedLine!.message, slowLine!.message, cutLine!.message], `${nginx.source}: error_log`)
      lab.say(`The refusal: HTTP ${ngRefused.status} in ${ms(ngRefused.elapsedMs)}, and nginx's error log: "${refusedLine!.message}" (upstream ${refusedLine!.upstream ?? '?'}).`)
      lab.say(`The slow backend: HTTP ${ngSlow.status} after ${ms(ngSlow.elapsedMs)}, and "${slowLine!.message}".`)
      lab.say(`The backend killed mid-answer (${killed2.signal}): our fetch got ${said(ngCut)} after ${ms(ngCut.elapsedMs)}, and nginx logged "${cutLine!.message}".`)
      lab.explain(`nginx tells the failures apart where the dev server does not: 502 for "could not get an answer", 504 for "my own deadline passed first", and a closed connection for an answer cut short, so the client knows at once. Its log names the cause in the kernel's words (111 is ECONNREFUSED, 110 ETIMEDOUT), even though the 110 here was nginx's own ${PROXY_TIMEOUT_MS} ms timer.`)
      await nginx.stop()
    }

    lab.step('Fix the backend, not the proxy')
    const backend = await lab.tryListen((l) => l.http({ port: missing, name: 'backend, started', routes: (app) => app.get('/api/hello', async () => ({ hello: 'from the backend' })) }))
    lab.check(backend !== undefined, `port ${missing} was taken by another program in the meantime; the proxy's target now points at it`)
    const fixed = await lab.fetch(`${dev.url}/api/hello`)
    lab.check(fixed.status === 200, `the dev server still answered ${fixed.status ?? fixed.code} with the backend running`)
    lab.say(`We started the backend on ${missing}, where the proxy points. Same dev server, same proxy, same request: HTTP ${fixed.status} in ${ms(fixed.elapsedMs)}, ${fixed.body}.`)

    lab.fix('Read a 502 or 504 as "the backend failed", and read the proxy\'s log for the cause: the dev server\'s terminal (`http proxy error:`), nginx\'s error.log (`while connecting to upstream`, `upstream timed out`, `upstream prematurely closed connection`).')
    lab.fix(`Then ask the backend directly, from where the proxy runs (\`curl -v http://127.0.0.1:${missing}/api/hello\`): refused means start it, or point the proxy at the port it really listens on; write the target as 127.0.0.1, not localhost, if the backend listens on IPv4 only (\`localhost-lab demo localhost-ipv6\`).`)
    lab.fix('A timeout: make the backend answer sooner (stream, paginate, move the work to a job), or raise the proxy\'s timeout for that route on purpose (Vite `proxyTimeout`, nginx `proxy_read_timeout`) if it is slow by design.')
    lab.fix('A cut response: the backend crashed or closed mid-answer. Find out why at the backend (its logs, its exit signal: `localhost-lab demo crash`), and give clients a timeout of their own, because the proxy may never end the response.')
  },
})

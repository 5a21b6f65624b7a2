/**
 * websocket-handshake — `Unexpected server response: 404`.
 *
 * A WebSocket starts as an HTTP GET with `Upgrade: websocket`. A server that agrees answers 101 Switching Protocols;
 * any other answer is a refusal, and the status says why: 404 a path nobody mounts, 403 an Origin the server does not
 * allow, 200 an HTTP server that has no WebSocket at all, 426 a WebSocket server asked for plain HTTP (or that never
 * saw the Upgrade header because a proxy dropped it). The port is open in every case: this is not a refusal by the
 * kernel but by the program, and each has its own fix.
 */
import { createDevProxy, defineScenario, hostPort, ms, pageWebSocket, startNginx, type Outcome, type Scenario } from './kit.js'

export const plan = {
  /**
   * How long our WebSocket client waits for an answer to its handshake (ws `handshakeTimeout`). Short: only the
   * stuck handshake behind a proxy waits for it; every refusal answers in milliseconds.
   */
  handshakeTimeoutMs: 100,
}
const { handshakeTimeoutMs: HANDSHAKE_TIMEOUT_MS } = plan

/** What ws printed, and how it closed. */
function said (o: Outcome): string {
  return o.ok ? `opened (101) and echoed "${o.body}" in ${ms(o.elapsedMs)}` : `"${o.message}", then close ${o.closeCode}, in ${ms(o.elapsedMs)}`
}

export default defineScenario({
  id: 'websocket-handshake',
  title: 'The WebSocket handshake was refused: the server answered HTTP, not 101',
  symptom: 'Error: Unexpected server response: 404 (ws); in a browser: WebSocket connection to \'ws://localhost:3000/socket\' failed',
  codes: ['404', '403', '200', '426', '1006'],

  async run (lab) {
    lab.step('A frontend dev server, and a backend with a WebSocket on /ws')
    const frontend = await lab.http({ name: 'frontend dev server (no WebSocket)' })
    const page = `http://localhost:${frontend.port}`
    const backend = await lab.http({ name: 'backend with a WebSocket on /ws', websocket: { path: '/ws', origins: [page] } })
    const ws = `ws://${hostPort(backend.address, backend.port)}`
    lab.say(`The page comes from the frontend on ${hostPort(frontend.address, frontend.port)}. Its script opens a WebSocket to the backend on ${hostPort(backend.address, backend.port)}, path /ws.`)
    lab.say(`The backend accepts the upgrade on /ws only, and only from pages of ${page} (its Origin check). Every other path goes to its HTTP routes.`)
    const ok = await lab.wsOpen(`${ws}/ws`, { headers: { origin: page }, send: 'hello' })
    lab.check(ok.ok && ok.status === 101, `the WebSocket did not open: ${ok.message ?? ok.code}`)
    lab.say(`From ${page}, ${ws}/ws ${said(ok)}. That is the goal.`)

    lab.step('Wrong path: 404')
    const wrongPath = await lab.wsOpen(`${ws}/socket`, { headers: { origin: page } })
    refused(lab, wrongPath, 404)
    lab.say(`${ws}/socket: ws says ${said(wrongPath)}.`)
    lab.explain('The port was open and a server answered, so the TCP connection worked. The server had no WebSocket at /socket; its router answered the GET like any other, with 404. ws reports any status but 101 as "Unexpected server response", then closes with 1006, because no WebSocket ever existed to close normally.')

    // The same refusal, as a web page sees it.
    const page404 = await pageWebSocket(`${ws}/socket`)
    if (page404.available) {
      lab.check(!page404.opened && page404.events.includes('error'), `the page's WebSocket should fail with an error event, got ${page404.events.join(', ') || 'nothing'}`)
      const closed = page404.closeCode === null ? 'no close event followed within the wait (browsers follow it with a close, code 1006)' : `then a close, code ${page404.closeCode}`
      lab.say(`As a web page sees it: the WebSocket a page's script gets (the browser API, built into ${page404.runtime}) fired ${page404.events[0]} after ${ms(page404.elapsedMs)}${page404.errorDetail ? `, saying only "${page404.errorDetail}"` : ''}; ${closed}. The 404 is nowhere in what the page receives.`)
    } else {
      lab.say(`As a web page sees it: ${page404.runtime} has no browser-style WebSocket (Node 22 and later build one in), so this is told, not measured: a page's script gets an "error" event with no detail, then a close with code 1006.`)
    }
    lab.explain('Browsers hide the status of a refused handshake from the page on purpose: a script must not learn what a server it may not talk to answered. The console prints "WebSocket connection to \'ws://…\' failed"; only the Network tab (or the server\'s log) shows the 404. Dev servers\' hot-reload clients (Vite, webpack) see the same events and print their own line, such as "[vite] failed to connect to websocket".')

    lab.step('Wrong Origin: 403')
    const otherOrigin = `http://127.0.0.1:${frontend.port}`
    const forbidden = await lab.wsOpen(`${ws}/ws`, { headers: { origin: otherOrigin } })
    refused(lab, forbidden, 403)
    lab.say(`The same page opened as ${otherOrigin} instead of ${page}: the browser sends Origin: ${otherOrigin}, and ws says ${said(forbidden)}.`)
    lab.explain('To the Origin check, localhost and 127.0.0.1 are different sites, as are two ports. Browsers do not apply CORS to WebSockets; the server\'s Origin check is the only thing that stops another site\'s page from opening one (`localhost-lab demo dns-rebinding`). A 403 means it worked, for a page it did not expect.')

    lab.step('Wrong port: an HTTP server without WebSocket answers 200')
    const plain = await lab.wsOpen(`ws://${hostPort(frontend.address, frontend.port)}/`, { headers: { origin: page } })
    refused(lab, plain, 200)
    lab.say(`ws://${hostPort(frontend.address, frontend.port)}/ (the frontend's port): ws says ${said(plain)}.`)
    lab.explain('The frontend has no upgrade handler at all, so Node gave the handshake to its routes as a plain GET, and / answered with a page. 200 is a success for HTTP and a failure for a WebSocket: only 101 means "switching protocols".')

    lab.step('The other way round: plain HTTP to a WebSocket server gets 426')
    const live = await lab.ws({ name: 'WebSocket server (ws, nothing else)' })
    const asHttp = await lab.fetch(`http://${hostPort(live.address, live.port)}/`)
    lab.check(asHttp.status === 426, `the WebSocket server answered ${asHttp.status ?? asHttp.code} to plain HTTP, not 426`)
    lab.record('426')
    lab.say(`A health check with fetch to the WebSocket server on ${live.port}: HTTP ${asHttp.status} in ${ms(asHttp.elapsedMs)}, body "${asHttp.body}".`)
    lab.explain('426 Upgrade Required is the server saying "talk WebSocket to me". ws\'s own server answers every request without an Upgrade header that way.')

    lab.step('A proxy in between that does not pass the upgrade on')
    const devNoWs = await createDevProxy({ prefix: '/live', target: `http://${hostPort(live.address, live.port)}` })
    const devWs = await createDevProxy({ prefix: '/live', target: `http://${hostPort(live.address, live.port)}`, ws: true })
    const without = await lab.http({ name: 'dev server, proxy /live without ws: true', routes: (app) => devNoWs.mount(app) })
    const withWs = await lab.http({ name: 'dev server, proxy /live with ws: true', routes: (app) => devWs.mount(app) })
    const stuck = await lab.wsOpen(`ws://${hostPort(without.address, without.port)}/live`, { timeoutMs: HANDSHAKE_TIMEOUT_MS })
    lab.check(!stuck.ok && stuck.closeCode === 1006, `expected the handshake to fail through the proxy without ws: true, got ${said(stuck)}`)
    lab.say(`Through a dev-server proxy (http-proxy-3) without \`ws: true\`: ws says ${said(stuck)}. The proxy forwarded the handshake as a plain request; the server's 101 reached the proxy and went no further.`)
    const through = await lab.wsOpen(`ws://${hostPort(withWs.address, withWs.port)}/live`, { send: 'hello' })
    lab.check(through.ok, `the WebSocket did not open through the proxy with ws: true: ${said(through)}`)
    lab.say(`The same proxy with \`ws: true\`: ${said(through)}.`)

    const nginx = await startNginx(lab, {
      locations: [
        { path: '/plain/', upstream: { host: live.address, port: live.port } },
        { path: '/live/', upstream: { host: live.address, port: live.port }, websocket: true },
      ],
    })
    if (nginx === undefined) {
      lab.say('nginx is not installed here (`apt install nginx-light`). Behind nginx without the two Upgrade lines the server sees a plain GET, and ws says "Unexpected server response: 426".')
    } else {
      lab.fact('nginx', 'the nginx that runs here', nginx.version, nginx.source)
      const dropped = await lab.wsOpen(`ws://${hostPort(nginx.address, nginx.port)}/plain/`)
      refused(lab, dropped, 426)
      lab.say(`Through ${nginx.version} with a bare \`proxy_pass\`: ws says ${said(dropped)}. nginx speaks HTTP/1.0 to the backend and drops Upgrade and Connection (they are hop-by-hop headers), so the WebSocket server saw a plain GET and answered 426.`)
      const passed = await lab.wsOpen(`ws://${hostPort(nginx.address, nginx.port)}/live/`, { send: 'hello' })
      lab.check(passed.ok, `the WebSocket did not open through nginx with the Upgrade lines: ${said(passed)}`)
      lab.say(`With \`proxy_http_version 1.1\`, \`proxy_set_header Upgrade $http_upgrade\` and \`proxy_set_header Connection "upgrade"\`: ${said(passed)}.`)
      await nginx.stop()
    }
    lab.explain('A WebSocket through a proxy needs the proxy to pass the upgrade on. Without that, the handshake reaches the server as a plain GET (426, 400 or 200, whatever the server makes of it), or the 101 never comes back (a handshake timeout).')

    lab.fix(`404: use the path the server mounts its WebSocket on (here /ws); look for it in the server's code (\`new WebSocketServer({ path })\`, the route of @fastify/websocket or socket.io's \`/socket.io/\`), and mind a proxy's path rewrite.`)
    lab.fix(`403: add the page's real Origin to the server's allow-list (here ${otherOrigin} as well as ${page}), or open the page by the name the server expects. Never turn the Origin check off for everyone.`)
    lab.fix('200 or 426: the client and the server disagree about the port. WebSocket clients go to the WebSocket server\'s port, HTTP clients (health checks, curl) to the HTTP one.')
    lab.fix('Through a proxy: Vite and http-proxy need `ws: true` on that route; nginx needs `proxy_http_version 1.1;`, `proxy_set_header Upgrade $http_upgrade;` and `proxy_set_header Connection "upgrade";` in that location.')
  },
})

/** The handshake was refused with `status`: what ws says then (`Unexpected server response: <status>`, close 1006). */
function refused (lab: Parameters<Scenario['run']>[0], o: Outcome, status: number): void {
  lab.check(!o.ok && o.message === `Unexpected server response: ${status}`, `expected the handshake refused with ${status}, got ${said(o)}`)
  lab.record(String(status))
}

/**
 * dns-rebinding — the honest answer to "is 127.0.0.1:62893 dangerous?"
 *
 * The address is not: a service bound to 127.0.0.1 cannot be reached from another machine. But the browser on this
 * machine can reach it, on behalf of any page it shows. After a DNS rebinding, a page from attacker.example sends
 * requests to 127.0.0.1:P that the browser believes go to attacker.example:P, and lets the page read the answers. The
 * requests still name the attacker's site in their Host and Origin headers: a service that checks them refuses, a
 * service that trusts every request hands over what it holds.
 */
import { randomUUID } from 'node:crypto'
import { defineScenario, guardHosts, hostPort } from './kit.js'

export default defineScenario({
  id: 'dns-rebinding',
  title: 'Is 127.0.0.1:62893 dangerous? Not the address: a service that trusts every request',
  symptom: 'A web page from another site reads the answer of a service on 127.0.0.1',
  codes: [],

  async run (lab) {
    lab.step('Start two local services that hold a secret')
    const secret = randomUUID()
    const open = await lab.http({
      name: 'unprotected service',
      routes: (app) => app.get('/secret', async () => ({ secret })),
    })
    const guarded = await lab.http({
      name: 'protected service',
      routes: (app) => {
        guardHosts(app)
        app.get('/secret', async () => ({ secret }))
      },
    })
    lab.say(`Both listen on 127.0.0.1 only (${hostPort(open.address, open.port)} and ${hostPort(guarded.address, guarded.port)}): no other machine can connect to them.`)
    lab.say('Both answer GET /secret with a token, as a dev server\'s API, a local agent or a database admin page might. The protected one also checks who the request thinks it is talking to.')

    lab.step('What a browser sends after a DNS rebinding')
    lab.say(`You open a page on http://attacker.example:${open.port}. Its DNS first answers with the attacker's server, then, a few seconds later and with a very short TTL, with 127.0.0.1.`)
    lab.say('The page fetches /secret again. The browser now connects to 127.0.0.1, but still believes it talks to the page\'s own site, so it lets the page read the answer.')
    lab.say(`On the wire: a request to 127.0.0.1:${open.port} with Host: attacker.example:${open.port} and Origin: http://attacker.example:${open.port}. Node's fetch refuses to set Host, so we send it with node:http, as the browser would.`)

    lab.step('Send it to the unprotected service')
    const stolen = await lab.request(`${open.url}/secret`, { headers: rebound(open.port) })
    lab.check(stolen.status === 200, `the unprotected service answered ${stolen.status ?? stolen.code}, not 200`)
    const leaked = (JSON.parse(stolen.body!) as { secret: string }).secret
    lab.check(leaked === secret, 'the unprotected service answered without the secret')
    lab.say(`It answered ${stolen.status} in ${stolen.elapsedMs.toFixed(2)} ms, with the secret ${leaked}. In a browser, the attacker's page would now hold it.`)

    lab.step('Send the same request to the protected service')
    const turnedAway = await lab.request(`${guarded.url}/secret`, { headers: rebound(guarded.port) })
    lab.check(turnedAway.status === 403, `the protected service answered ${turnedAway.status ?? turnedAway.code}, not 403`)
    const why = JSON.parse(turnedAway.body!) as { error: string, message: string }
    lab.say(`It answered ${turnedAway.status} (${why.error}) in ${turnedAway.elapsedMs.toFixed(2)} ms, and no secret: "${why.message}"`)

    lab.step('Its own page still gets in')
    const own = await lab.request(`${guarded.url}/secret`, { headers: { origin: `http://${hostPort(guarded.address, guarded.port)}` } })
    lab.check(own.status === 200, `the protected service refused its own page: ${own.status ?? own.code}`)
    lab.say(`A request that names the service itself (Host: ${hostPort(guarded.address, guarded.port)}) gets ${own.status}. The check costs the real user nothing.`)

    lab.explain('The address is not the danger. 127.0.0.1 only ever reaches this machine: nobody on the internet can connect to it directly.')
    lab.explain('The danger is a local service that trusts every request because it "is only on localhost". Your browser runs code from every site you visit, and that code can send requests to 127.0.0.1.')
    lab.explain('DNS rebinding makes those requests same-origin in the browser\'s eyes, so CORS does not stop the page reading the answer. Only the service can refuse: the Host header still names the attacker\'s site.')
    lab.fix(`Answer only to your own names: check Host against 127.0.0.1:${guarded.port}, localhost:${guarded.port} and [::1]:${guarded.port}, and refuse anything else with 403.`)
    lab.fix('Check Origin on requests that change something and on WebSocket upgrades; require a token for anything sensitive; and keep binding 127.0.0.1, never 0.0.0.0.')
  },
})

/** The headers a browser sends to 127.0.0.1:port once attacker.example has been rebound to 127.0.0.1. */
function rebound (port: number): Record<string, string> {
  return { host: `attacker.example:${port}`, origin: `http://attacker.example:${port}` }
}

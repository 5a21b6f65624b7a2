/**
 * dns — the name does not resolve: `getaddrinfo ENOTFOUND` and `getaddrinfo EAI_AGAIN`.
 *
 * Before a client connects to a name it asks the C library for addresses (getaddrinfo), which reads /etc/hosts and then
 * asks the DNS server named in /etc/resolv.conf. We give one program a machine of its own for that: a network
 * namespace with only `lo`, where a DNS server of ours answers on 127.0.0.1:53, and its own /etc/hosts, resolv.conf and
 * nsswitch.conf bind-mounted over the machine's in a mount namespace only it sees. Nothing is asked of the machine's
 * resolver and no query can leave. There: localhost missing from the hosts file, a typo, `app.localhost`, no DNS
 * server to ask, and a name that has an address, but of the other family. Each with the real error, then the fix.
 */
import {
  createNamespace, defineScenario, hostPort, hostsFilePath, hostsLines, ms, namespacesUnavailable, privateFiles, resolverConfig,
  startAgent, type Outcome,
} from './kit.js'

/** "fetch failed (cause: getaddrinfo ENOTFOUND api.tset)": the top message and the reason one level down. */
function said (o: Outcome): string {
  const cause = o.causes?.at(-1)?.message
  return cause !== undefined && cause !== o.message ? `"${o.message}" (err.cause: "${cause}")` : `"${o.message}"`
}

/** "A localhost, AAAA localhost (4 questions)": each distinct question once, and how many arrived. */
function asked (questions: Array<{ name: string, type: string }>): string {
  if (questions.length === 0) return 'nothing'
  const distinct = [...new Set(questions.map((q) => `${q.type} ${q.name}`))]
  return `${distinct.join(', ')}${questions.length > distinct.length ? ` (${questions.length} questions in all)` : ''}`
}

// The files this lesson's programs read. Only `hosts` and `files dns`: no mDNS, no systemd-resolved, nothing else to ask.
const NSSWITCH = 'hosts: files dns\n'
const RESOLV = 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n'
const HOSTS_WITHOUT_LOCALHOST = '127.0.0.1\tapi.test\n'
const HOSTS = '127.0.0.1\tlocalhost\n::1\tlocalhost\n127.0.0.1\tapi.test\n'

export default defineScenario({
  id: 'dns',
  title: 'The name does not resolve: ENOTFOUND, EAI_AGAIN, and names only some programs know',
  symptom: 'Error: getaddrinfo ENOTFOUND api.tset (from fetch: TypeError: fetch failed), or getaddrinfo EAI_AGAIN',
  codes: ['ENOTFOUND', 'EAI_AGAIN'],

  async run (lab) {
    lab.step('Where this machine looks names up (read, not asked)')
    const config = await resolverConfig()
    const hostsPath = hostsFilePath()
    const localhost = await hostsLines('localhost', hostsPath)
    if (config.hosts !== undefined) lab.fact('nsswitch-hosts', 'the hosts line of /etc/nsswitch.conf', config.hosts, '/etc/nsswitch.conf')
    if (config.nameservers !== undefined) lab.fact('resolv-conf-nameservers', 'the nameservers of /etc/resolv.conf', config.nameservers, '/etc/resolv.conf')
    if (localhost !== undefined) lab.fact('hosts-file-localhost', `lines of ${hostsPath} that name localhost`, localhost.join(' | '), hostsPath)
    const servers = config.nameservers ?? []
    lab.say(`Here the C library looks names up in the order "${config.hosts ?? 'hosts: files dns (no /etc/nsswitch.conf: the default)'}": "files" is ${hostsPath}${localhost?.length ? ` (localhost: ${localhost.join(', ')})` : ' (which names no localhost)'}, "dns" the server${servers.length === 1 ? '' : 's'} in /etc/resolv.conf (${servers.join(', ') || 'none'}).`)
    lab.say("We only read those files. Every name that follows is looked up in a namespace of the lesson's own, so no question reaches this machine's resolver, or the internet.")
    const why = await namespacesUnavailable(['unshare', 'mount'])
    if (why) {
      lab.skip(`${why}. What you would see: with no localhost line in the hosts file, \`getaddrinfo ENOTFOUND localhost\`; ` +
        'a typo such as api.tset, ENOTFOUND (the DNS server said "no such name"); app.localhost, ENOTFOUND from Node while curl connects; ' +
        'no DNS server reachable, EAI_AGAIN; and a name listed for ::1 only, ECONNREFUSED ::1 while the server is up on 127.0.0.1')
    }

    lab.step("A machine of the lesson's own: a namespace, its own hosts file, its own DNS server")
    const ns = await createNamespace(lab, 'dns')
    const files = await privateFiles(lab, { '/etc/hosts': HOSTS_WITHOUT_LOCALHOST, '/etc/resolv.conf': RESOLV, '/etc/nsswitch.conf': NSSWITCH })
    const box = await startAgent(lab, ns, { files: files.overlays })
    const dnsServer = await box.serveDns({})
    lab.fact('private-files', 'files bind-mounted for the agent', Object.fromEntries(files.overlays.map((o) => [o.target, o.source])), `mount --bind in the agent's own mount namespace (network namespace ${ns.name})`)
    lab.say(`Network namespace ${ns.name} has only lo. Its agent (pid ${box.pid}) reads the lesson's /etc/hosts, /etc/resolv.conf (nameserver 127.0.0.1) and /etc/nsswitch.conf ("${NSSWITCH.trim()}"), bind-mounted in a mount namespace that only it sees.`)
    lab.say(`A DNS server of ours answers on ${hostPort(dnsServer.address, dnsServer.port)} inside it: "no such name" (NXDOMAIN) for every name, and it notes every question.`)
    const app = await box.listen('http', { host: '127.0.0.1', name: 'app on 127.0.0.1' })
    const P = app.port
    lab.say(`An app listens on 127.0.0.1:${P} in there. Every client below wants that app; only the name changes.`)

    lab.step('localhost is missing from the hosts file')
    lab.say(`The hosts file says only "${HOSTS_WITHOUT_LOCALHOST.trim().replace('\t', ' ')}". It happens: a script or an image rewrote it and dropped the first lines.`)
    const noLocal = await box.fetch(`http://localhost:${P}/`)
    const noLocalTcp = await box.connect('localhost', P)
    const askedLocal = await box.dnsQuestions()
    lab.check(noLocal.code === 'ENOTFOUND' && noLocal.syscall === 'getaddrinfo', `expected getaddrinfo ENOTFOUND for localhost, got ${noLocal.code ?? noLocal.status}`)
    lab.check(noLocalTcp.code === 'ENOTFOUND', `expected net.connect to fail with ENOTFOUND, got ${noLocalTcp.code ?? 'a connection'}`)
    lab.check(askedLocal.some((q) => q.name === 'localhost'), 'glibc did not ask the DNS server for localhost')
    lab.fact('dns-questions-localhost', 'questions the DNS server got while localhost was missing', askedLocal.map((q) => `${q.name} ${q.type}`), 'the DNS server of the lesson, in its namespace')
    lab.say(`fetch: ${said(noLocal)} after ${ms(noLocal.elapsedMs)}. net.connect: "${noLocalTcp.message}", err.code ${noLocalTcp.code}, err.syscall ${noLocalTcp.syscall}.`)
    lab.say(`Not in the hosts file, so glibc asked DNS: our server got ${asked(askedLocal)}, and said "no such name".`)
    const curlLocal = await box.curl(`http://localhost:${P}/`)
    if (curlLocal !== undefined) {
      lab.fact('curl-localhost', 'curl http://localhost:PORT/ with no localhost in the hosts file', { exitCode: curlLocal.exitCode, said: curlLocal.said }, 'curl -sS, run by the agent with the same files')
      const askedByCurl = await box.dnsQuestions()
      lab.say(curlLocal.exitCode === 0
        ? `curl, same machine, same files: it reached the app (exit 0) and the DNS server was asked ${asked(askedByCurl)}. curl answers localhost itself; Node asks the C library. "It works with curl" proves nothing here.`
        : `curl, same files: exit ${curlLocal.exitCode}, "${curlLocal.said}".`)
    }
    await files.write('/etc/hosts', HOSTS)
    const local = await box.fetch(`http://localhost:${P}/`)
    const localQuestions = await box.dnsQuestions()
    lab.check(local.status === 200, `localhost still fails with the lines back: ${local.code ?? local.status}`)
    lab.say(`Fix: put "127.0.0.1 localhost" and "::1 localhost" back. The same fetch answered HTTP ${local.status} in ${ms(local.elapsedMs)}, and DNS was asked ${asked(localQuestions)}: glibc reads the hosts file afresh on every lookup.`)

    lab.step('A typo: api.tset for api.test')
    const typo = await box.fetch(`http://api.tset:${P}/`)
    const askedTypo = await box.dnsQuestions()
    lab.check(typo.code === 'ENOTFOUND' && typo.syscall === 'getaddrinfo', `expected getaddrinfo ENOTFOUND for api.tset, got ${typo.code ?? typo.status}`)
    lab.say(`fetch: ${said(typo)} after ${ms(typo.elapsedMs)}. DNS was asked ${asked(askedTypo)} and said "no such name".`)
    const curlTypo = await box.curl(`http://api.tset:${P}/`)
    await box.dnsQuestions()
    if (curlTypo !== undefined) {
      lab.fact('curl-typo', 'curl http://api.tset:PORT/', { exitCode: curlTypo.exitCode, said: curlTypo.said }, 'curl -sS, run by the agent with the same files')
      lab.say(`curl says it its own way: exit ${curlTypo.exitCode}, "${curlTypo.said}".`)
    }
    const right = await box.fetch(`http://api.test:${P}/`)
    lab.check(right.status === 200, `api.test failed: ${right.code ?? right.status}`)
    lab.say(`Spelled right, http://api.test:${P}/ answered HTTP ${right.status}. ENOTFOUND is an answer: someone was asked, and the name does not exist. Check the spelling first, then where the name is supposed to come from.`)

    lab.step('app.localhost: a name under localhost')
    const sub = await box.fetch(`http://app.localhost:${P}/`)
    const askedSub = await box.dnsQuestions()
    lab.check(sub.code === 'ENOTFOUND', `expected ENOTFOUND for app.localhost, got ${sub.code ?? sub.status}`)
    lab.say(`fetch: ${said(sub)}. glibc does not treat app.localhost as localhost: it is not in the hosts file, so DNS was asked (${asked(askedSub)}).`)
    const curlSub = await box.curl(`http://app.localhost:${P}/`)
    if (curlSub !== undefined) {
      const askedByCurl = await box.dnsQuestions()
      lab.fact('curl-sub-localhost', 'curl http://app.localhost:PORT/', { exitCode: curlSub.exitCode, said: curlSub.said }, 'curl -sS, run by the agent with the same files')
      lab.say(curlSub.exitCode === 0
        ? `curl reached the app at app.localhost (exit 0), and DNS was asked ${asked(askedByCurl)}: curl sends every name under localhost to the loopback itself.`
        : `curl: exit ${curlSub.exitCode}, "${curlSub.said}".`)
    }
    await files.write('/etc/hosts', `${HOSTS}127.0.0.1\tapp.localhost\n`)
    const subFixed = await box.fetch(`http://app.localhost:${P}/`)
    lab.check(subFixed.status === 200, `app.localhost still fails with its hosts line: ${subFixed.code ?? subFixed.status}`)
    lab.say(`Fix: a line "127.0.0.1 app.localhost" in the hosts file (one per name: the hosts file has no wildcards). Then HTTP ${subFixed.status} in ${ms(subFixed.elapsedMs)}.`)

    lab.step('No DNS server to ask')
    await box.stopDns()
    const again = await box.fetch(`http://api.tset:${P}/`)
    const againTcp = await box.connect('api.tset', P)
    lab.check(again.code === 'EAI_AGAIN' && again.syscall === 'getaddrinfo', `expected getaddrinfo EAI_AGAIN with no DNS server, got ${again.code ?? again.status}`)
    lab.check(againTcp.code === 'EAI_AGAIN', `expected net.connect to fail with EAI_AGAIN, got ${againTcp.code ?? 'a connection'}`)
    lab.say(`We stopped the DNS server. The same typo now gives fetch: ${said(again)} after ${ms(again.elapsedMs)}; net.connect: "${againTcp.message}".`)
    lab.say('Nothing listens on 127.0.0.1:53 now, so the kernel refused glibc\'s question at once. Same name, another code: nobody could be asked, so nobody said "no such name".')
    const fromFile = await box.fetch(`http://api.test:${P}/`)
    lab.check(fromFile.status === 200, `api.test failed with no DNS server, though it is in the hosts file: ${fromFile.code ?? fromFile.status}`)
    lab.say(`Names in the hosts file still work without DNS: http://api.test:${P}/ answered HTTP ${fromFile.status} in ${ms(fromFile.elapsedMs)}.`)
    await box.serveDns({})
    const back = await box.fetch(`http://api.tset:${P}/`)
    lab.check(back.code === 'ENOTFOUND', `expected ENOTFOUND again once the DNS server is back, got ${back.code ?? back.status}`)
    lab.say(`With the DNS server back, the typo is ${back.code} again: the real answer. EAI_AGAIN was about the way to the answer, never about the name.`)

    lab.step('The name has an address, of the other family')
    await files.write('/etc/hosts', `${HOSTS}::1\tv6.test\n`)
    const v6 = await box.lookup('v6.test')
    lab.check(v6.ok && v6.addresses.every((a) => a.family === 'IPv6'), `expected v6.test to resolve to IPv6 only, got ${v6.ok ? v6.addresses.map((a) => a.address).join(', ') : v6.code}`)
    if (v6.ok) lab.fact('lookup-other-family', "dns.lookup('v6.test', { all: true }) with only ::1 in the hosts file", v6.addresses.map((a) => a.address), `dns.lookup by the agent in network namespace ${ns.name}`)
    const wrongFamily = await box.connect('v6.test', P)
    lab.check(wrongFamily.code === 'ECONNREFUSED' && wrongFamily.family === 'IPv6', `expected ECONNREFUSED on ::1, got ${wrongFamily.code ?? 'a connection'}`)
    lab.say(`The hosts file lists v6.test for ::1 only. dns.lookup('v6.test') gives ${v6.ok ? v6.addresses.map((a) => a.address).join(', ') : '?'}, so net.connect says "${wrongFamily.message}": resolved, and refused, because the app is on 127.0.0.1.`)
    const v4Only = await box.connect('api.test', P, { family: 6 })
    await box.dnsQuestions()
    lab.check(v4Only.code === 'ENOTFOUND' && v4Only.syscall === 'getaddrinfo', `expected ENOTFOUND for api.test with family 6, got ${v4Only.code ?? 'a connection'}`)
    lab.say(`The other way round: api.test has 127.0.0.1 only, and a client that asks for IPv6 (family: 6) gets "${v4Only.message}". The name exists; ENOTFOUND does not say for which family it was asked.`)
    await files.write('/etc/hosts', `${HOSTS}127.0.0.1\tv6.test\n`)
    const sameFamily = await box.connect('v6.test', P)
    lab.check(sameFamily.ok, `v6.test still fails with a 127.0.0.1 line: ${sameFamily.code}`)
    lab.say(`Fix: give the name the address the app listens on ("127.0.0.1 v6.test"), or listen on both. Then net.connect reached ${hostPort(sameFamily.remoteAddress!, sameFamily.remotePort!)} in ${ms(sameFamily.elapsedMs)}.`)

    lab.explain('Every client turns a name into addresses with getaddrinfo before it connects; its errors have err.syscall getaddrinfo and no port was ever tried.')
    lab.explain('ENOTFOUND: a source was asked and had no address for the name (the hosts file has no line, DNS said "no such name", or there is none of the family asked for).')
    lab.explain('EAI_AGAIN: "temporary failure in name resolution": no DNS server could be asked (none running, none reachable, none answering in time). Retrying later may work; the name may well exist.')
    lab.explain('localhost and app.localhost are only names to the C library: lines in /etc/hosts, or a question to DNS. Some programs (curl, here) answer them without asking; Node does not.')
    lab.fix('ENOTFOUND: check the spelling, then `getent hosts <name>` (it uses the same C library as Node): no output means Node cannot resolve it either.')
    lab.fix('localhost missing: /etc/hosts needs "127.0.0.1 localhost" and "::1 localhost". Names like app.localhost need a line each, or use localhost with different ports.')
    lab.fix('EAI_AGAIN: the name is not the problem. Look at /etc/resolv.conf (a container or VPN may have rewritten it) and at whether that server answers: `getent hosts example.org`.')
    lab.fix('A name that resolves to the other family: listen on both 127.0.0.1 and ::1, or give the name the address the server uses (`localhost-lab demo localhost-ipv6`).')
  },
})

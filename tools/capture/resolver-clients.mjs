// Resolver APIs on their own, as programs call them before any connect: Node's dns.promises.resolve4 (c-ares, its
// own DNS client) and dns.promises.lookup (getaddrinfo), Ruby's Resolv (a DNS client written in Ruby), Perl's
// Socket::getaddrinfo, PHP's dns_get_record and Erlang's inet:gethostbyname. Three failures of the namespace's
// resolver at 127.0.0.1:53: it answers NXDOMAIN, nothing listens there (the query is refused), or it reads the
// query and never answers (the resolver times out; resolv.conf says timeout:1 attempts:1).
import dgram from 'node:dgram'
import { family, captureClient, version, onCleanup, closedPort, scenariosNamed, debianPackage } from './lib.mjs'

const NAME = 'api.nosuchhost.invalid'

/** A resolver that reads every query and never answers. */
async function silentResolver () {
  const sock = dgram.createSocket('udp4')
  sock.on('message', () => {})
  await new Promise((resolve, reject) => { sock.once('error', reject); sock.bind(53, '127.0.0.1', resolve) })
  onCleanup(() => new Promise(r => sock.close(() => r())))
}

const SCENARIOS = [...scenariosNamed(['dns', 'dns-no-resolver']),
  { name: 'dns-silent-resolver', kind: 'dns', accept: ['timeout'], slow: true, what: `name under .invalid (${NAME}); the resolver at 127.0.0.1:53 reads the query and never answers`,
    setup: async () => { await silentResolver(); return { host: NAME, port: await closedPort('127.0.0.1'), scheme: 'http', address: NAME } } }]

const J = JSON.stringify
const nodeV = 'Node ' + process.version

await family(async () => {
  await captureClient({ program: 'node-dns-resolve', ecosystem: 'node', version: nodeV, how: 'await dns.promises.resolve4(name) uncaught (c-ares)',
    cmd: t => ['node', ['-e', `require('dns').promises.resolve4(${J(t.host)}).then(a => console.log(a))`]] }, SCENARIOS)
  await captureClient({ program: 'node-dns-lookup', ecosystem: 'node', version: nodeV, how: 'await dns.promises.lookup(name) uncaught (getaddrinfo)',
    cmd: t => ['node', ['-e', `require('dns').promises.lookup(${J(t.host)}).then(a => console.log(a))`]] }, SCENARIOS)
  await captureClient({ program: 'ruby-resolv', ecosystem: 'ruby', version: version('ruby', ['-v']), how: "require 'resolv'; Resolv.getaddress(name) uncaught",
    cmd: t => ['ruby', ['-rresolv', '-e', `p Resolv.getaddress(${J(t.host)})`]] }, SCENARIOS)
  await captureClient({ program: 'perl-getaddrinfo', ecosystem: 'perl', version: version('perl', ['-e', 'print "perl $^V"']), how: 'Socket::getaddrinfo(name, 80), then die "getaddrinfo: $err"',
    cmd: t => ['perl', ['-MSocket=getaddrinfo', '-e', `my ($err) = getaddrinfo(${J(t.host)}, 80); die "getaddrinfo(${t.host}): $err\\n" if $err; print "resolved\\n"`]] }, SCENARIOS)
  await captureClient({ program: 'php-dns-get-record', ecosystem: 'php', version: version('php', ['-v'], s => s.split('\n')[0].split(' (')[0]), how: 'dns_get_record(name, DNS_A) (the warning PHP prints; an empty answer prints nothing and is not kept)',
    cmd: t => ['php', ['-d', 'display_errors=stderr', '-d', 'error_reporting=-1', '-r', `dns_get_record(${J(t.host)}, DNS_A);`]] }, SCENARIOS)
  await captureClient({ program: 'erlang-inet-gethostbyname', ecosystem: 'erlang', version: 'erlang-base ' + debianPackage('erlang-base').split(' ')[1], how: 'io:format("~p~n", [inet:gethostbyname(Name)])',
    cmd: t => ['erl', ['-noshell', '-eval', `io:format("~p~n", [inet:gethostbyname(${J(t.host)})]), halt().`]] }, SCENARIOS)
})

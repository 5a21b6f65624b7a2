// Ruby 3.1 (Debian): Net::HTTP, TCPSocket, TCPServer; exceptions left uncaught, so the text is Ruby's own.
import { family, captureClient, captureServer, version, SCENARIOS } from './lib.mjs'

const v = version('ruby', ['-v'], s => s.split(' ').slice(0, 2).join(' '))
const J = JSON.stringify
await family(async () => {
  await captureClient({ program: 'ruby-net-http', ecosystem: 'ruby', version: v, how: 'Net::HTTP.start(host, port, use_ssl:, open_timeout: 3, read_timeout: 3) { get "/" }',
    cmd: t => ['ruby', ['-e', `require "net/http"; require "openssl"\nNet::HTTP.start(${J(t.host)}, ${t.port}, use_ssl: ${t.scheme === 'https'}, verify_mode: OpenSSL::SSL::VERIFY_NONE, open_timeout: 3, read_timeout: 3) { |h| h.get("/") }`]] })
  await captureClient({ program: 'ruby-tcpsocket', ecosystem: 'ruby', version: v, how: 'TCPSocket.new(host, port, connect_timeout: 3); write; readpartial',
    cmd: t => ['ruby', ['-e', `require "socket"\ns = TCPSocket.new(${J(t.host)}, ${t.port}, connect_timeout: 3)\ns.write("GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")\ns.readpartial(1024)`]] },
  SCENARIOS.filter(s => !['tls-to-plain', 'plain-to-tls', 'ssh-banner'].includes(s.name)))
  await captureServer({ program: 'ruby-tcpserver', ecosystem: 'ruby', version: v, how: 'TCPServer.new(host, port)',
    cmd: t => ['ruby', ['-e', `require "socket"\nTCPServer.new(${J(t.host)}, ${t.port})\nsleep 30`]] })
})

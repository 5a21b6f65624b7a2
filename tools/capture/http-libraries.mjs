// HTTP and WebSocket libraries from Debian that no other family runs: Python's urllib3 (python3-urllib3) and
// websocket-client (python3-websocket), Ruby's Faraday (ruby-faraday, its default Net::HTTP adapter). Each snippet
// lets the exception escape, so the text is the language's own traceback.
import { family, captureClient, version, SCENARIOS, WS_SCENARIOS } from './lib.mjs'

const PY = '/usr/bin/python3'
const J = JSON.stringify
const pyV = version(PY, ['-V'])
const modV = m => version(PY, ['-c', `import ${m}; print(${m}.__version__)`])
const rubyV = version('ruby', ['-v'], s => s.split(' ').slice(0, 2).join(' '))

await family(async () => {
  await captureClient({ program: 'python3-urllib3', ecosystem: 'python', version: `urllib3 ${modV('urllib3')} on ${pyV}`,
    how: "urllib3.PoolManager(cert_reqs='CERT_NONE', retries=0, timeout=3).request('GET', url)",
    cmd: t => [PY, ['-c', `import urllib3\nurllib3.disable_warnings()\nurllib3.PoolManager(cert_reqs="CERT_NONE", retries=0, timeout=3).request("GET", ${J(t.url)})`]] }, SCENARIOS)
  await captureClient({ program: 'python3-websocket-client', ecosystem: 'python', version: `websocket-client ${modV('websocket')} on ${pyV}`,
    how: 'websocket.create_connection(ws://…, timeout=3, sslopt={"cert_reqs": ssl.CERT_NONE}), then recv()',
    cmd: t => [PY, ['-c', `import ssl, websocket\nws = websocket.create_connection(${J(t.url.replace(/^http/, 'ws'))}, timeout=3, sslopt={"cert_reqs": ssl.CERT_NONE})\nws.recv()`]] },
  [...SCENARIOS, ...WS_SCENARIOS])
  // Faraday 1.1 parses the proxy variables with the request's host and cannot parse a bare IPv6 literal there:
  // ignore_env_proxy keeps that unrelated URI error out of the IPv6 scenarios (and no proxy is set here anyway).
  await captureClient({ program: 'ruby-faraday', ecosystem: 'ruby', version: `faraday ${version('ruby', ['-e', 'require "faraday"; puts Faraday::VERSION'])} on ${rubyV}`,
    how: 'Faraday.new(request: { timeout: 3, open_timeout: 3 }, ssl: { verify: false }).get(url), Faraday.ignore_env_proxy = true',
    cmd: t => ['ruby', ['-e', `require "faraday"\nFaraday.ignore_env_proxy = true\nFaraday.new(request: { timeout: 3, open_timeout: 3 }, ssl: { verify: false }).get(${J(t.url)})`]] }, SCENARIOS)
})

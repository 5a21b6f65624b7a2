// Node clients from npm that users meet and the repository does not depend on: HTTP (axios, got, node-fetch,
// superagent, ky), databases and brokers (pg, mysql2, ioredis, mongodb, kafkajs), gRPC (@grpc/grpc-js) and
// socket.io-client. They are never installed into the project: run.mjs first calls this script with
// `--prepare DIR` outside the namespace, which has npm install the pinned versions below into DIR (a temp dir
// that run.mjs removes afterwards); the capture then runs each snippet with DIR as its working directory, so
// `require` and `import` find them there. Each snippet leaves the error unhandled, as a script that does not
// catch it would, except socket.io-client, which reports failures only as a `connect_error` event: its snippet
// prints that error with console.error, the way its documentation shows.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const PACKAGES = {
  axios: '1.21.1', got: '14.6.6', 'node-fetch': '2.7.0', superagent: '10.4.2', ky: '1.14.3', pg: '8.23.1', mysql2: '3.24.6',
  ioredis: '6.0.0', mongodb: '7.9.1', kafkajs: '2.2.4', '@grpc/grpc-js': '1.14.7', 'socket.io-client': '4.8.4',
}

if (process.argv[2] === '--prepare') {
  execFileSync('npm', ['install', '--prefix', process.argv[3], '--no-audit', '--no-fund', '--no-save', '--loglevel=error',
    ...Object.entries(PACKAGES).map(([name, v]) => `${name}@${v}`)], { stdio: ['ignore', 2, 2] })
  process.exit(0)
}

const { family, captureClient, scenario, SCENARIOS, WS_SCENARIOS, GREETED_SCENARIOS } = await import('./lib.mjs')
const dir = process.env.CAPTURE_PREP
const J = JSON.stringify
const nodeV = 'Node ' + process.version
const pkgV = name => `${name} ${JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version} (npm) on ${nodeV}`
const pick = names => names.map(scenario)
const TCP = pick(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'dns', 'dns-no-resolver'])
const CLIENT_FIRST = what => [...TCP,
  { ...scenario('tls-to-plain'), name: 'to-http', what: `${what} (plain) to a plain HTTP server` },
  { ...scenario('tls-to-plain'), what: `${what} with TLS to a plain HTTP server` },
  { ...scenario('plain-to-tls'), what: `${what} (plain) to a TLS server` }]
const tls = t => t.scenario === 'tls-to-plain'
const b = h => (h.includes(':') ? `[${h}]` : h)
const env = { NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' }
const cjs = code => ['node', ['-e', code], { cwd: dir, env }]
const esm = code => ['node', ['--input-type=module', '-e', code], { cwd: dir, env }]

const clients = [
  { program: 'node-axios', pkg: 'axios', how: 'axios.get(url, { timeout: 3000 }) unhandled',
    cmd: t => cjs(`require('axios').get(${J(t.url)}, { timeout: 3000 })`), scenarios: SCENARIOS },
  { program: 'node-got', pkg: 'got', how: 'await got(url, { timeout: { request: 3000 }, retry: { limit: 0 } }) unhandled (ESM)',
    cmd: t => esm(`import got from 'got'\nawait got(${J(t.url)}, { timeout: { request: 3000 }, retry: { limit: 0 }, https: { rejectUnauthorized: false } })`), scenarios: SCENARIOS },
  { program: 'node-node-fetch', pkg: 'node-fetch', how: "require('node-fetch')(url, { timeout: 3000 }) unhandled",
    cmd: t => cjs(`require('node-fetch')(${J(t.url)}, { timeout: 3000 }).then(r => r.text())`), scenarios: SCENARIOS },
  { program: 'node-superagent', pkg: 'superagent', how: 'superagent.get(url).timeout(3000).disableTLSCerts() unhandled',
    cmd: t => cjs(`require('superagent').get(${J(t.url)}).timeout(3000).disableTLSCerts().then(r => r.text)`), scenarios: SCENARIOS },
  { program: 'node-ky', pkg: 'ky', how: 'await ky.get(url, { timeout: 3000, retry: 0 }).text() unhandled (ESM)',
    cmd: t => esm(`import ky from 'ky'\nawait ky.get(${J(t.url)}, { timeout: 3000, retry: 0 }).text()`), scenarios: SCENARIOS },
  { program: 'node-pg', pkg: 'pg', how: "new pg.Client({ host, port, user: 'app', connectionTimeoutMillis: 3000 }).connect() unhandled",
    cmd: t => cjs(`const c = new (require('pg').Client)({ host: ${J(t.host)}, port: ${t.port}, user: 'app', password: 'x', database: 'app', connectionTimeoutMillis: 3000, ssl: ${tls(t) ? '{ rejectUnauthorized: false }' : 'false'} })\nc.connect().then(() => c.query('select 1')).then(() => c.end())`),
    scenarios: CLIENT_FIRST('pg') },
  { program: 'node-mysql2', pkg: 'mysql2', how: "require('mysql2/promise').createConnection({ host, port, user: 'app', connectTimeout: 3000 }) unhandled",
    cmd: t => cjs(`require('mysql2/promise').createConnection({ host: ${J(t.host)}, port: ${t.port}, user: 'app', password: 'x', connectTimeout: 3000 }).then(c => c.end())`),
    scenarios: [...pick(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'dns', 'dns-no-resolver']), ...GREETED_SCENARIOS,
      { ...scenario('ssh-banner'), what: 'MySQL client to a server that greets with an SSH banner' }] },
  { program: 'node-ioredis', pkg: 'ioredis', how: 'new Redis({ host, port, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 3000 }).ping() unhandled',
    cmd: t => cjs(`const Redis = require('ioredis')\nconst r = new Redis({ host: ${J(t.host)}, port: ${t.port}, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 3000${tls(t) ? ', tls: { rejectUnauthorized: false }' : ''} })\nr.ping().then(() => r.quit())`),
    scenarios: CLIENT_FIRST('ioredis') },
  { program: 'node-mongodb', pkg: 'mongodb', how: "new MongoClient('mongodb://HOST:PORT/?serverSelectionTimeoutMS=3000&connectTimeoutMS=3000&directConnection=true').connect() unhandled",
    cmd: t => cjs(`new (require('mongodb').MongoClient)(${J(`mongodb://${t.hostPort}/?serverSelectionTimeoutMS=3000&connectTimeoutMS=3000&directConnection=true${tls(t) ? '&tls=true&tlsInsecure=true' : ''}`)}).connect().then(c => c.close())`),
    scenarios: CLIENT_FIRST('mongodb') },
  // kafkajs splits a broker at its first colon, so `[::1]:PORT` becomes the host `[`: no IPv6 literal scenario.
  { program: 'node-kafkajs', pkg: 'kafkajs', how: "new Kafka({ brokers: ['HOST:PORT'], connectionTimeout: 3000, retry: { retries: 0 } }).admin().connect() unhandled", skip: ['refused-ipv6'],
    cmd: t => cjs(`const { Kafka } = require('kafkajs')\nnew Kafka({ clientId: 'lab', brokers: [${J(`${b(t.host)}:${t.port}`)}], connectionTimeout: 3000, requestTimeout: 3000, retry: { retries: 0 }${tls(t) ? ', ssl: { rejectUnauthorized: false }' : ''} }).admin().connect()`),
    scenarios: CLIENT_FIRST('kafkajs') },
  { program: 'node-grpc-js', pkg: '@grpc/grpc-js', how: "a generic unary call with { deadline: now + 3 s } on credentials.createInsecure() (createSsl() for TLS); the callback's error thrown",
    cmd: t => cjs(`const grpc = require('@grpc/grpc-js')\nconst id = x => x\nconst Lab = grpc.makeGenericClientConstructor({ ping: { path: '/lab.Lab/Ping', requestStream: false, responseStream: false, requestSerialize: id, requestDeserialize: id, responseSerialize: id, responseDeserialize: id } }, 'Lab')\nconst c = new Lab(${J(`${b(t.host)}:${t.port}`)}, ${tls(t) ? 'grpc.credentials.createSsl(null, null, null, { checkServerIdentity: () => undefined })' : 'grpc.credentials.createInsecure()'})\nc.ping(Buffer.alloc(0), { deadline: Date.now() + 3000 }, err => { if (err) throw err })`),
    scenarios: CLIENT_FIRST('grpc-js') },
  { program: 'node-socket.io-client', pkg: 'socket.io-client', how: "io(url, { transports: ['websocket'], reconnection: false, timeout: 3000 }) with socket.on('connect_error', err => console.error(err))",
    cmd: t => cjs(`const { io } = require('socket.io-client')\nconst s = io(${J(t.url)}, { transports: ['websocket'], reconnection: false, timeout: 3000, rejectUnauthorized: false })\ns.on('connect_error', err => { console.error(err); process.exit(1) })\ns.on('connect', () => s.close())`),
    scenarios: [...SCENARIOS, ...WS_SCENARIOS] },
]

await family(async () => {
  for (const c of clients) {
    await captureClient({ program: c.program, ecosystem: 'node', version: pkgV(c.pkg), how: c.how, cmd: c.cmd, skip: c.skip }, c.scenarios)
  }
})

// Round 15: more Node libraries from npm that users meet, chosen because they wrap a socket failure in their own
// words rather than handing Node's `connect ECONNREFUSED` straight through: ORMs and query builders over pg
// (Sequelize's SequelizeConnectionRefusedError and ConnectionAcquireTimeoutError, knex's pool `Timeout acquiring a
// connection`, TypeORM), pg's own Pool (`timeout exceeded when trying to connect`), Mongoose
// (MongooseServerSelectionError), node-redis, MQTT.js, amqplib, nats.js, ssh2 (`Timed out while waiting for
// handshake`), basic-ftp, Nodemailer (`Greeting never received`), the DataStax cassandra-driver (`All host(s) tried
// for query failed`), the Elasticsearch client (ConnectionError) and memjs (`MemJS: Server … failed after …`).
// Like npm-clients, nothing is installed into the project: run.mjs first calls this script with `--prepare DIR`
// outside the namespace, and npm's ordinary client installs the pinned versions below into DIR (a temp dir run.mjs
// removes); each snippet runs with DIR as its working directory. The install runs with --ignore-scripts: ssh2's
// optional native crypto binding and its cpu-features dependency would build with node-gyp, which fetches Node's
// headers from nodejs.org (outside the npm registry); ssh2 falls back to its JavaScript crypto without them.
// memjs splits a server at its first colon (`[::1]:PORT` becomes the host `[`, as kafkajs does): no IPv6 literal scenario.
// Each snippet leaves the error unhandled, as a script that does not catch it would (a rejected promise, or an
// 'error' event with no listener for ssh2 and node-redis, which report failures that way).
//
// Left out, each for its reason: bullmq (its connection errors are ioredis's, which npm-clients holds);
// express, koa and hapi failing to bind (they hand Node's `listen EADDRINUSE` through unchanged, which the
// node family holds); Prisma (its engines download from outside the npm registry).
// None of these libraries ships a message catalogue, so after the C/de_DE check each runs in C only.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const PACKAGES = {
  sequelize: '6.37.8', pg: '8.23.1', knex: '3.3.0', typeorm: '1.1.3', mongoose: '9.12.2', redis: '6.4.0', mqtt: '5.16.0',
  amqplib: '2.3.1', nats: '2.29.3', ssh2: '1.17.0', 'basic-ftp': '6.2.6', nodemailer: '10.6.1', 'cassandra-driver': '4.10.0',
  '@elastic/elasticsearch': '9.5.1', memjs: '1.3.2',
}

if (process.argv[2] === '--prepare') {
  execFileSync('npm', ['install', '--prefix', process.argv[3], '--no-audit', '--no-fund', '--no-save', '--ignore-scripts', '--loglevel=error',
    ...Object.entries(PACKAGES).map(([name, v]) => `${name}@${v}`)], { stdio: ['ignore', 2, 2] })
  process.exit(0)
}

const { family, captureClient, scenario, SCENARIOS, GREETED_SCENARIOS } = await import('./lib.mjs')
const dir = process.env.CAPTURE_PREP
const J = JSON.stringify
const nodeV = 'Node ' + process.version
const ver = name => JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version
const pkgV = (...names) => `${names.map(n => `${n} ${ver(n)}`).join(' + ')} (npm) on ${nodeV}`
const pick = names => names.map(scenario)
const CONNECT = pick(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'dns', 'dns-no-resolver'])
const TCP = [...CONNECT, ...pick(['reset', 'hang-up'])]
const toHttp = what => ({ ...scenario('tls-to-plain'), name: 'to-http', what: `${what} (plain) to a plain HTTP server` })
const tlsToPlain = what => ({ ...scenario('tls-to-plain'), what: `${what} with TLS to a plain HTTP server` })
const plainToTls = what => ({ ...scenario('plain-to-tls'), what: `${what} (plain) to a TLS server` })
/** A protocol where the client speaks first (pg, MongoDB, AMQP, MQTT, CQL). */
const CLIENT_FIRST = what => [...TCP, toHttp(what), tlsToPlain(what), plainToTls(what)]
/** A protocol where the server speaks first (NATS' INFO, FTP, SMTP): no request for the reset or hang-up to follow. */
const SERVER_FIRST = what => [...CONNECT, ...GREETED_SCENARIOS, { ...scenario('ssh-banner'), what: `${what} to a server that greets with an SSH banner` }, toHttp(what)]
const tls = t => t.scenario === 'tls-to-plain'
const b = h => (h.includes(':') ? `[${h}]` : h)
const env = { NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' }
const cjs = code => ['node', ['-e', code], { cwd: dir, env }]
const pgConn = t => `host: ${J(t.host)}, port: ${t.port}, user: 'app', password: 'x', database: 'app'`
const pgSsl = t => (tls(t) ? '{ rejectUnauthorized: false }' : 'false')

const clients = [
  { program: 'node-sequelize', pkgs: ['sequelize', 'pg'],
    how: "new Sequelize('app', 'app', 'x', { dialect: 'postgres', host, port, pool: { acquire: 3000 }, dialectOptions: { connectionTimeoutMillis: 3000 }, logging: false }).authenticate() unhandled",
    cmd: t => cjs(`const { Sequelize } = require('sequelize')\nconst s = new Sequelize('app', 'app', 'x', { dialect: 'postgres', host: ${J(t.host)}, port: ${t.port}, logging: false, pool: { acquire: 3000 }, dialectOptions: { connectionTimeoutMillis: 3000, ssl: ${pgSsl(t)} } })\ns.authenticate().then(() => s.close())`),
    scenarios: CLIENT_FIRST('Sequelize (pg)') },
  { program: 'node-knex', pkgs: ['knex', 'pg'],
    how: "knex({ client: 'pg', connection: { host, port, user: 'app', … }, acquireConnectionTimeout: 3000 }).raw('select 1') unhandled",
    cmd: t => cjs(`const db = require('knex')({ client: 'pg', connection: { ${pgConn(t)}, ssl: ${pgSsl(t)} }, acquireConnectionTimeout: 3000 })\ndb.raw('select 1').then(() => db.destroy())`),
    scenarios: CLIENT_FIRST('knex (pg)') },
  { program: 'node-typeorm', pkgs: ['typeorm', 'pg'],
    how: "new DataSource({ type: 'postgres', host, port, username: 'app', …, connectTimeoutMS: 3000 }).initialize() unhandled",
    cmd: t => cjs(`const { DataSource } = require('typeorm')\nnew DataSource({ type: 'postgres', host: ${J(t.host)}, port: ${t.port}, username: 'app', password: 'x', database: 'app', connectTimeoutMS: 3000, ssl: ${pgSsl(t)} }).initialize().then(d => d.destroy())`),
    scenarios: CLIENT_FIRST('TypeORM (pg)') },
  { program: 'node-pg-pool', pkgs: ['pg', 'pg-pool'],
    how: "new pg.Pool({ host, port, user: 'app', connectionTimeoutMillis: 3000 }).query('select 1') unhandled",
    cmd: t => cjs(`const { Pool } = require('pg')\nconst p = new Pool({ ${pgConn(t)}, connectionTimeoutMillis: 3000 })\np.query('select 1').then(() => p.end())`),
    scenarios: pick(['refused-ipv4', 'timeout', 'reset', 'hang-up']) },
  { program: 'node-mongoose', pkgs: ['mongoose'],
    how: "mongoose.connect('mongodb://HOST:PORT/app', { serverSelectionTimeoutMS: 3000, connectTimeoutMS: 3000 }) unhandled",
    cmd: t => cjs(`const mongoose = require('mongoose')\nmongoose.connect(${J(`mongodb://${t.hostPort}/app${tls(t) ? '?tls=true&tlsInsecure=true' : ''}`)}, { serverSelectionTimeoutMS: 3000, connectTimeoutMS: 3000 }).then(() => mongoose.disconnect())`),
    scenarios: CLIENT_FIRST('Mongoose') },
  { program: 'node-redis', pkgs: ['redis'],
    how: "createClient({ socket: { host, port, connectTimeout: 3000, reconnectStrategy: false } }).connect() with no 'error' listener",
    cmd: t => cjs(`const { createClient } = require('redis')\nconst c = createClient({ socket: { host: ${J(t.host)}, port: ${t.port}, connectTimeout: 3000, reconnectStrategy: false${tls(t) ? ', tls: true, rejectUnauthorized: false' : ''} } })\nc.connect().then(() => c.ping()).then(() => c.quit())`),
    scenarios: CLIENT_FIRST('node-redis') },
  { program: 'node-mqtt', pkgs: ['mqtt'],
    how: "await mqtt.connectAsync('mqtt://HOST:PORT', { connectTimeout: 3000, reconnectPeriod: 0 }) unhandled",
    cmd: t => cjs(`require('mqtt').connectAsync(${J(`${tls(t) ? 'mqtts' : 'mqtt'}://${t.hostPort}`)}, { connectTimeout: 3000, reconnectPeriod: 0, rejectUnauthorized: false }).then(c => c.end())`),
    scenarios: CLIENT_FIRST('MQTT.js') },
  { program: 'node-amqplib', pkgs: ['amqplib'],
    how: "await amqplib.connect('amqp://HOST:PORT', { timeout: 3000 }) unhandled",
    cmd: t => cjs(`require('amqplib').connect(${J(`${tls(t) ? 'amqps' : 'amqp'}://${t.hostPort}`)}, { timeout: 3000, rejectUnauthorized: false }).then(c => c.close())`),
    scenarios: CLIENT_FIRST('amqplib') },
  { program: 'node-nats', pkgs: ['nats'],
    how: "await connect({ servers: 'HOST:PORT', timeout: 3000, reconnect: false }) unhandled",
    cmd: t => cjs(`require('nats').connect({ servers: ${J(t.hostPort)}, timeout: 3000, reconnect: false }).then(nc => nc.close())`),
    scenarios: SERVER_FIRST('nats.js') },
  { program: 'node-ssh2', pkgs: ['ssh2'],
    how: "new Client().connect({ host, port, username: 'app', password: 'x', readyTimeout: 3000 }) with no 'error' listener",
    cmd: t => cjs(`const { Client } = require('ssh2')\nconst c = new Client()\nc.on('ready', () => c.end()).connect({ host: ${J(t.host)}, port: ${t.port}, username: 'app', password: 'x', readyTimeout: 3000 })`),
    scenarios: [...TCP, ...GREETED_SCENARIOS, toHttp('ssh2'), plainToTls('ssh2')] },
  { program: 'node-basic-ftp', pkgs: ['basic-ftp'],
    how: "await new ftp.Client(3000).access({ host, port, user: 'app', password: 'x' }) unhandled",
    cmd: t => cjs(`const ftp = require('basic-ftp')\nconst c = new ftp.Client(3000)\nc.access({ host: ${J(t.host)}, port: ${t.port}, user: 'app', password: 'x' }).then(() => c.close())`),
    scenarios: SERVER_FIRST('basic-ftp') },
  { program: 'node-nodemailer', pkgs: ['nodemailer'],
    how: 'nodemailer.createTransport({ host, port, secure: false, connectionTimeout: 3000, greetingTimeout: 3000, socketTimeout: 3000 }).verify() unhandled (secure: true for TLS)',
    cmd: t => cjs(`require('nodemailer').createTransport({ host: ${J(t.host)}, port: ${t.port}, secure: ${tls(t)}, connectionTimeout: 3000, greetingTimeout: 3000, socketTimeout: 3000, tls: { rejectUnauthorized: false } }).verify()`),
    scenarios: [...SERVER_FIRST('Nodemailer'), tlsToPlain('Nodemailer')] },
  { program: 'node-cassandra-driver', pkgs: ['cassandra-driver'],
    how: "new cassandra.Client({ contactPoints: [host], protocolOptions: { port }, localDataCenter: 'dc1', socketOptions: { connectTimeout: 3000, readTimeout: 3000 } }).connect() unhandled",
    cmd: t => cjs(`const cassandra = require('cassandra-driver')\nnew cassandra.Client({ contactPoints: [${J(t.host)}], protocolOptions: { port: ${t.port} }, localDataCenter: 'dc1', socketOptions: { connectTimeout: 3000, readTimeout: 3000 }${tls(t) ? ', sslOptions: { rejectUnauthorized: false }' : ''} }).connect().then(() => process.exit(0))`),
    scenarios: CLIENT_FIRST('cassandra-driver') },
  { program: 'node-elasticsearch', pkgs: ['@elastic/elasticsearch'],
    how: 'await new Client({ node: url, requestTimeout: 3000, maxRetries: 0 }).info() unhandled',
    cmd: t => cjs(`const { Client } = require('@elastic/elasticsearch')\nnew Client({ node: ${J(`${tls(t) ? 'https' : 'http'}://${t.hostPort}/`)}, requestTimeout: 3000, maxRetries: 0, tls: { rejectUnauthorized: false } }).info().then(r => console.log(r))`),
    scenarios: [...SCENARIOS, { ...toHttp('@elastic/elasticsearch'), what: '@elastic/elasticsearch to a plain HTTP server that is not Elasticsearch (200, text/plain)' }] },
  { program: 'node-memjs', pkgs: ['memjs'],
    how: "memjs.Client.create('HOST:PORT', { retries: 0, timeout: 3, conntimeout: 3 }).get('k') unhandled (memjs logs each server failure itself)",
    cmd: t => cjs(`const memjs = require('memjs')\nconst c = memjs.Client.create(${J(t.hostPort)}, { retries: 0, timeout: 3, conntimeout: 3 })\nc.get('k').then(() => c.close())`),
    skip: ['refused-ipv6'], scenarios: [...TCP, toHttp('memjs')] },
]

await family(async () => {
  for (const c of clients) {
    await captureClient({ program: c.program, ecosystem: 'node', version: pkgV(...c.pkgs), how: c.how, cmd: c.cmd, skip: c.skip }, c.scenarios)
  }
})

/**
 * The workshop dashboard: a page for a room. It lists the catalogue, runs one scenario at a time on request and
 * streams the run's events to every open page over a WebSocket, explains a pasted error, shows the ports with their
 * owners and, when asked about one listener, checks it (`localhost-lab check`'s verdict, risks and plain words). The
 * page never checks every listener by itself: each check connects to a program, so it happens on a click, one at a
 * time, and only for a listener this machine's kernel lists.
 *
 * It is itself a local service, so it does what the dns-rebinding scenario teaches: it binds 127.0.0.1 only, answers
 * only to its own names (Host 127.0.0.1:P, localhost:P, [::1]:P, else 403), accepts POSTs and WebSocket upgrades only
 * from its own pages (Origin), validates scenario ids against the catalogue and runs one scenario at a time.
 *
 * Presenter mode (`pace` in POST /api/run, ./step-control.ts): the run waits before each step, and only the page that
 * started it may let it go on. The page proves it is that page with the client token its WebSocket's `hello` gave it
 * (sent to that connection only); Next and Stop come over that WebSocket.
 *
 * WebSocket: `ws` directly, on the fastify server's `upgrade` event, not @fastify/websocket. We already depend on ws;
 * handling the upgrade ourselves puts the Host and Origin check before any handshake, in the same function as for
 * HTTP, and the socket is refused with a plain 403 before a WebSocket object ever exists.
 */
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import type { Duplex } from 'node:stream'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import type { RawData, WebSocket, WebSocketServer } from 'ws'
import { LabError, labErrorMessage } from '../core/errors.js'
import { didYouMean } from '../core/did-you-mean.js'
import { storyTime } from '../core/clock.js'
import type { LabEvent } from '../core/events.js'
import type { Scenario } from '../core/lab.js'
import { describeDone, describeObservation, ms, type Line } from '../render/format.js'
import { checkHostAndOrigin, guardHosts } from '../services/host-guard.js'
import { hostPort } from '../net/address.js'
import { demoCommand } from '../core/invocation.js'
import { checkRequestTarget } from './request-target.js'
import { sources as defaultSources, type Sources } from './sources.js'
import { createStepControl, PACES, type Pace, type StepControl } from './step-control.js'

export interface DashboardOptions {
  /** The port to listen on, on 127.0.0.1. Default 0: a free port the OS picks. */
  port?: number
  /**
   * The scenarios it offers and accepts. The caller composes it (the CLI passes demos/index.ts's catalogue): the
   * library does not import the lessons, which import the library.
   */
  catalogue: readonly Scenario[]
  /** Where the explain box and the ports view get their data. Default: ./sources.ts. */
  sources?: Partial<Sources>
  /** How much any one client, and all of them together, may hold. Each has its default below (`DASHBOARD_LIMITS`). */
  limits?: Partial<DashboardLimits>
  /**
   * Milliseconds a paced run waits for the page that started it to come back (a reconnect with its token) before it is
   * stopped and the slot is free again. Default 5,000: long enough for a dropped WebSocket to reconnect, short
   * enough that the room is not locked out by a closed laptop.
   */
  ownerGraceMs?: number
  /** Milliseconds before each step of a `slow` run. Default 4,000: time to read a step's lines aloud. */
  slowStepMs?: number
}

/**
 * A page on loopback still needs limits: any local process can connect, and the scenarios run in this very process,
 * so a socket flood that used up its file descriptors (about 20,000 half-open connections did) would break the runs
 * as well as the page.
 */
export interface DashboardLimits {
  /**
   * Connections open at once: pages, their WebSockets and API calls. One more is closed at once, unanswered. Default 64:
   * a browser opens at most 6 connections to a host, plus one WebSocket per tab; a room's projector and a few tabs fit.
   */
  maxConnections: number
  /**
   * Milliseconds a client has to send a request's headers. Default 10,000: a local page sends them at once, so waiting
   * Node's 60 s only helps a client that sends a byte at a time to hold a connection.
   */
  headersTimeout: number
  /** Milliseconds a client has to send a whole request, body included. Default 30,000. */
  requestTimeout: number
  /** Milliseconds an idle keep-alive connection stays open between requests. Default 5,000. */
  keepAliveTimeout: number
  /** Bytes of request line and headers; more gets 431. Default 8,192 (Node's is 16 KiB; the page sends about 1 KiB). */
  maxHeaderSize: number
  /** Bytes of a JSON body (explain, run); more gets 413. Default 65,536. */
  bodyLimit: number
}

export const DASHBOARD_LIMITS: Readonly<DashboardLimits> = {
  maxConnections: 64,
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  keepAliveTimeout: 5_000,
  maxHeaderSize: 8192,
  bodyLimit: 64 * 1024,
}

export interface Dashboard {
  /** `http://127.0.0.1:P/` */
  url: string
  address: string
  port: number
  /** The run in progress, if any. */
  running (): { run: number, id: string } | undefined
  /** Stop the run in progress (its cleanup runs), close every page's WebSocket, stop listening. Safe to call twice. */
  close (): Promise<void>
}

/** What the page receives over the WebSocket, one JSON object a message. */
export type DashboardMessage =
  /** `client`: this connection's token, for POST /api/run's `client` (it is sent to this connection only). */
  | { type: 'hello', client: string, slowStepMs: number, running: { run: number, id: string } | null, replay: DashboardMessage[] }
  | { type: 'run-started', run: number, id: string, title: string, pace?: Pace }
  /** `at`: the event's time on the story's clock (pauses left out, as in the terminal). */
  | { type: 'event', run: number, event: LabEvent, at: string, line?: Line }
  /** A paced run waits before step `n` (`autoMs`: a slow run goes on by itself after that long). */
  | { type: 'waiting', run: number, n: number, title: string, pace: Pace, autoMs?: number }
  /** The page that started a paced run went away (it is stopped after `graceMs`), or came back. */
  | { type: 'owner', run: number, present: boolean, graceMs: number }
  | { type: 'run-finished', run: number, id: string, ok: boolean }
  /** To one connection: what it asked for (Next, Stop, resume) was refused, and why. */
  | { type: 'denied', run: number | null, asked: string, error: 'LAB_ERR_BAD_ARGUMENT' | 'LAB_ERR_NOT_OWNER', message: string }

/** What a page may say over its WebSocket. */
type PageMessage =
  | { type: 'next', run: number, n: number }
  | { type: 'stop', run: number }
  | { type: 'resume', client: string }

export const DASHBOARD_OWNER_GRACE_MS = 5000
export const DASHBOARD_SLOW_STEP_MS = 4000

const STATIC: Record<string, string> = {
  '/': 'index.html',
  '/app.js': 'app.js',
  '/style.css': 'style.css',
  '/favicon.svg': 'favicon.svg',
}
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
}

/** Nothing but our own origin, for anything: the page works offline and loads no one else's code. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
}

/**
 * The static page lives in src/dashboard/public (no build step). Found from the package root, which is an ancestor of
 * this file both when it runs from src/ (tsx) and from dist/src/ (the built CLI).
 */
export function publicDir (): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = join(dir, 'src', 'dashboard', 'public')
    if (existsSync(join(candidate, 'index.html'))) return candidate
    const up = dirname(dir)
    if (up === dir) throw new Error('the dashboard page (src/dashboard/public) is missing from this installation')
    dir = up
  }
}

interface CurrentRun {
  run: number
  id: string
  controller: AbortController
  finished: Promise<void>
  /** Present for a paced run: its gate and its owner. */
  control?: StepControl
}

export async function startDashboard (opts: DashboardOptions): Promise<Dashboard> {
  const { catalogue } = opts
  const ids = catalogue.map((s) => s.id)
  const data: Sources = { ...defaultSources, ...opts.sources }
  const dir = publicDir()
  const files = new Map<string, { body: Buffer, type: string }>()
  for (const [route, name] of Object.entries(STATIC)) {
    files.set(route, { body: await readFile(join(dir, name)), type: TYPES[name.split('.').pop()!]! })
  }

  const { default: Fastify } = await import('fastify')
  const { WebSocketServer } = await import('ws')
  const { runScenario } = await import('../core/run.js')
  const limits: DashboardLimits = { ...DASHBOARD_LIMITS, ...opts.limits }
  // Node refuses a headers timeout longer than the request timeout; the shorter one bounds both anyway.
  const headersTimeout = Math.min(limits.headersTimeout, limits.requestTimeout)
  // forceCloseConnections: a browser's idle keep-alive sockets must not hold up close().
  const app: FastifyInstance = Fastify({
    logger: false,
    forceCloseConnections: true,
    bodyLimit: limits.bodyLimit,
    requestTimeout: limits.requestTimeout,
    keepAliveTimeout: limits.keepAliveTimeout,
    http: {
      headersTimeout,
      requestTimeout: limits.requestTimeout,
      maxHeaderSize: limits.maxHeaderSize,
      // Node looks for expired headers and requests only this often (30 s by default), so a timeout is only as
      // sharp as this interval.
      connectionsCheckingInterval: Math.min(1000, headersTimeout),
    },
  })
  // net.Server closes a connection past this count as soon as it is accepted, before reading a byte of it.
  app.server.maxConnections = limits.maxConnections
  const wss: WebSocketServer = new WebSocketServer({ noServer: true, maxPayload: 1024 })

  let runs = 0
  let current: CurrentRun | undefined
  /** Each open page's client token (a resumed page carries the token it had before). */
  const tokens = new Map<WebSocket, string>()
  const graceMs = opts.ownerGraceMs ?? DASHBOARD_OWNER_GRACE_MS
  const slowStepMs = opts.slowStepMs ?? DASHBOARD_SLOW_STEP_MS
  /** The messages of the latest run, for a page that opens (or reloads) during or after it. */
  let replay: DashboardMessage[] = []

  function broadcast (message: DashboardMessage): void {
    const text = JSON.stringify(message)
    for (const ws of wss.clients) if (ws.readyState === ws.OPEN) ws.send(text)
  }

  function record (message: DashboardMessage): void {
    replay.push(message)
    broadcast(message)
  }

  /** A page's token: 144 random bits, so that no other local program can guess its way into a held run. */
  function newToken (): string {
    return randomBytes(18).toString('base64url')
  }

  function send (ws: WebSocket, message: DashboardMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
  }

  /** Synchronous up to `current = entry`: two requests in a row cannot both find the slot free. */
  function startRun (scenario: Scenario, paced?: { pace: Pace, owner: string }): { run: number, id: string, pace?: Pace } {
    const run = ++runs
    const controller = new AbortController()
    replay = []
    record({ type: 'run-started', run, id: scenario.id, title: scenario.title, ...(paced ? { pace: paced.pace } : {}) })
    const entry: CurrentRun = { run, id: scenario.id, controller, finished: Promise.resolve() }
    if (paced !== undefined) {
      entry.control = createStepControl({
        ...paced, slowStepMs, graceMs,
        onWaiting: (n, title, autoMs) => record({ type: 'waiting', run, n, title, pace: paced.pace, ...(autoMs !== undefined ? { autoMs } : {}) }),
        onOwner: (present, grace) => record({ type: 'owner', run, present, graceMs: grace }),
        onAbandoned: () => controller.abort('the page that started it went away'),
      })
    }
    current = entry
    entry.finished = runScenario(scenario, function dashboardSink (event) {
      const message: DashboardMessage = { type: 'event', run, event, at: ms(storyTime(event)) }
      if (event.type === 'observe') message.line = describeObservation(event)
      else if (event.type === 'done') message.line = describeDone(event)
      record(message)
    }, { signal: controller.signal, ...(entry.control ? { beforeStep: entry.control.beforeStep } : {}) }).then((done) => done.ok, () => false).then((ok) => {
      entry.control?.close()
      // Free the slot before saying so: a page that starts the next run on this message must not be told "busy".
      current = undefined
      record({ type: 'run-finished', run, id: scenario.id, ok })
    })
    return { run, id: scenario.id, ...(paced ? { pace: paced.pace } : {}) }
  }

  /** Whether a page with this token is connected now. */
  function connected (token: string): boolean {
    for (const [ws, t] of tokens) if (t === token && ws.readyState === ws.OPEN) return true
    return false
  }

  /** Next, Stop and resume: only the owner of the paced run in progress may say them. */
  function socketOnMessage (ws: WebSocket, data: RawData): void {
    let m: PageMessage
    try {
      m = JSON.parse(String(data)) as PageMessage
    } catch {
      return
    }
    if (m === null || typeof m !== 'object') return
    const run = current
    const control = run?.control
    // Another page's run: LAB_ERR_NOT_OWNER; no such run (or not one that waits): LAB_ERR_BAD_ARGUMENT.
    const deny = (asked: string, message: string, error: 'LAB_ERR_BAD_ARGUMENT' | 'LAB_ERR_NOT_OWNER' = 'LAB_ERR_BAD_ARGUMENT'): void =>
      send(ws, { type: 'denied', run: run?.run ?? null, asked, error, message })
    if (m.type === 'resume') {
      if (typeof m.client !== 'string' || control === undefined || m.client !== control.owner) {
        return deny('resume', 'no run held by that page is waiting for it; start one with the switch on', control === undefined ? 'LAB_ERR_BAD_ARGUMENT' : 'LAB_ERR_NOT_OWNER')
      }
      // The token is the page (a reload's new connection may arrive before the old one has closed): the run moves to
      // this connection, and the old one, if still open, can no longer move it.
      for (const [other, token] of tokens) if (token === m.client) tokens.set(other, newToken())
      tokens.set(ws, m.client)
      control.ownerBack()
      return
    }
    if (m.type !== 'next' && m.type !== 'stop') return
    if (run === undefined || control === undefined || m.run !== run.run) {
      return deny(m.type, run === undefined ? 'no run is in progress' : `run ${run.run} (${run.id}) is not one that waits for Next`)
    }
    if (tokens.get(ws) !== control.owner) {
      return deny(m.type, `run ${run.run} (${run.id}) belongs to the page that started it; only that page can press Next or stop it`, 'LAB_ERR_NOT_OWNER')
    }
    if (m.type === 'stop') run.controller.abort('stopped from the page')
    // A Next for a step the run no longer waits at (a double press, a click and a key at once) does nothing.
    else if (typeof m.n === 'number') control.next(m.n)
  }

  function socketOnClose (ws: WebSocket): void {
    const token = tokens.get(ws)
    tokens.delete(ws)
    const control = current?.control
    if (control !== undefined && token === control.owner && !connected(token)) control.ownerLeft()
  }

  app.addHook('onRequest', async function requestTargetOnRequest (req, reply) {
    const verdict = checkRequestTarget(req.raw, req.socket.localPort ?? dashboard.port)
    if (!verdict.ok) return reply.code(verdict.status).header('connection', 'close').send({ error: verdict.code, message: verdict.message })
  })
  guardHosts(app, { requireOrigin: (req) => req.method !== 'GET' && req.method !== 'HEAD' })
  app.addHook('onSend', async function securityHeaders (_req, reply, payload) {
    reply.headers(SECURITY_HEADERS)
    return payload
  })

  for (const [route, file] of files) {
    app.get(route, async function staticFile (_req, reply) {
      return reply.type(file.type).send(file.body)
    })
  }

  app.get('/api/scenarios', async function listScenarios () {
    return catalogue.map(({ id, title, symptom, codes }) => ({ id, title, symptom, codes, command: demoCommand(id) }))
  })

  app.get('/api/ports', async function listPorts () {
    return { self: { address: dashboard.address, port: dashboard.port }, ports: await data.listPorts() }
  })

  app.post('/api/explain', async function explainError (req, reply) {
    const text = (req.body as { text?: unknown } | null)?.text
    if (typeof text !== 'string' || text.trim() === '' || text.length > 20000) {
      return reply.code(400).send({ error: 'LAB_ERR_BAD_ARGUMENT', message: 'send { "text": "<the error you saw>" }, at most 20000 characters' })
    }
    return data.explainText(text)
  })

  app.post('/api/run', async function runRequested (req, reply) {
    const body = req.body as { id?: unknown, pace?: unknown, client?: unknown } | null
    const id = body?.id
    if (typeof id !== 'string' || id.length > 64) {
      return reply.code(400).send({ error: 'LAB_ERR_BAD_ARGUMENT', message: 'send { "id": "<scenario id>" }; the ids are at /api/scenarios' })
    }
    const pace = body?.pace
    if (pace !== undefined && !PACES.includes(pace as Pace)) {
      return reply.code(400).send({ error: 'LAB_ERR_BAD_ARGUMENT', message: `"pace" is ${PACES.map((p) => `"${p}"`).join(' or ')}, or absent for a run at full speed` })
    }
    const client = body?.client
    if (pace !== undefined && (typeof client !== 'string' || !connected(client))) {
      return reply.code(400).send({ error: 'LAB_ERR_BAD_ARGUMENT', message: 'a paced run belongs to a page: send "client", the token your open WebSocket\'s hello gave you' })
    }
    const scenario = catalogue.find((s) => s.id === id)
    if (scenario === undefined) {
      return reply.code(400).send({ error: 'LAB_ERR_UNKNOWN_SCENARIO', message: `unknown scenario '${id.slice(0, 64)}'.${didYouMean(id, ids)} The ids are at /api/scenarios.` })
    }
    if (current !== undefined) {
      return reply.code(409).send({
        error: 'LAB_ERR_BUSY',
        message: labErrorMessage('LAB_ERR_BUSY', { id: current.id, run: current.run }),
        running: { run: current.run, id: current.id },
      })
    }
    return reply.code(202).send(startRun(scenario, pace !== undefined ? { pace: pace as Pace, owner: client as string } : undefined))
  })

  /** The listener being checked now: one check at a time, since each one connects to a listener for up to 2.5 s. */
  let checking: string | undefined

  app.post('/api/check', async function checkRequested (req, reply) {
    const body = req.body as { address?: unknown, port?: unknown } | null
    const address = body?.address
    const port = body?.port
    if (typeof address !== 'string' || address.length === 0 || address.length > 64 || typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      return reply.code(400).send({ error: 'LAB_ERR_BAD_ARGUMENT', message: 'send { "address": "<address>", "port": <port> } of a listener, as /api/ports lists them' })
    }
    const at = hostPort(address, port)
    if (checking !== undefined) {
      return reply.code(409).send({ error: 'LAB_ERR_BUSY', message: labErrorMessage('LAB_ERR_BUSY', { checking }) })
    }
    checking = at
    try {
      const result = await data.checkListener(address, port)
      if (result === undefined) {
        return reply.code(404).send({
          error: 'LAB_ERR_BAD_TARGET',
          message: labErrorMessage('LAB_ERR_BAD_TARGET', { target: at, problem: 'no listener of this machine is there now; the dashboard checks only the listeners /api/ports lists', accepted: 'an address and port from /api/ports' }),
        })
      }
      return result
    } catch (err) {
      if (err instanceof LabError) return reply.code(400).send({ error: err.code, message: err.message })
      throw err
    } finally {
      checking = undefined
    }
  })

  app.server.on('upgrade', function serverOnUpgrade (req: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on('error', () => {})
    const target = checkRequestTarget(req, req.socket.localPort ?? dashboard.port)
    if (!target.ok) return refuseUpgrade(socket, target.status, { error: target.code, message: target.message })
    const path = new URL(req.url ?? '/', 'http://dashboard').pathname
    const verdict = checkHostAndOrigin(req.headers, (req.socket.localPort ?? dashboard.port), { requireOrigin: true })
    if (!verdict.ok) return refuseUpgrade(socket, verdict.status, { error: verdict.code, message: verdict.message })
    if (path !== '/ws') return refuseUpgrade(socket, 404, { error: 'LAB_ERR_BAD_ARGUMENT', message: 'the WebSocket is at /ws' })
    wss.handleUpgrade(req, socket, head, function upgraded (ws: WebSocket) {
      ws.on('error', () => {})
      const client = newToken()
      tokens.set(ws, client)
      ws.on('message', (data) => socketOnMessage(ws, data))
      ws.on('close', () => socketOnClose(ws))
      const running = current ? { run: current.run, id: current.id } : null
      ws.send(JSON.stringify({ type: 'hello', client, slowStepMs, running, replay } satisfies DashboardMessage))
    })
  })

  try {
    await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 })
  } catch (err) {
    wss.close()
    await app.close().catch(() => {})
    const e = err as NodeJS.ErrnoException
    const port = opts.port ?? 0
    throw new LabError('LAB_ERR_LISTEN_FAILED', { at: `127.0.0.1:${port}`, code: e.code ?? e.message, option: 'port', osPicked: port === 0 })
  }
  const a = app.server.address() as AddressInfo

  let closing: Promise<void> | undefined
  const dashboard: Dashboard = {
    url: `http://${hostPort(a.address, a.port)}/`,
    address: a.address,
    port: a.port,
    running: () => current ? { run: current.run, id: current.id } : undefined,
    close () {
      closing ??= (async () => {
        const run = current
        run?.controller.abort('the dashboard is closing')
        await run?.finished
        await closeClients(wss)
        await new Promise<void>((resolve) => wss.close(() => resolve()))
        await app.close()
      })()
      return closing
    },
  }
  return dashboard
}

/**
 * Say goodbye (1001 "going away") so every page gets the last events and knows the dashboard stopped rather than broke;
 * a page that does not answer within a second is cut off.
 */
async function closeClients (wss: WebSocketServer): Promise<void> {
  const clients = [...wss.clients]
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    Promise.all(clients.map((ws) => new Promise((resolve) => {
      ws.once('close', resolve)
      ws.close(1001, 'the dashboard is closing')
    }))),
    new Promise((resolve) => { timer = setTimeout(resolve, 1000) }),
  ])
  clearTimeout(timer)
  for (const ws of clients) ws.terminate()
}

const REASONS = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' } as const

function refuseUpgrade (socket: Duplex, status: keyof typeof REASONS, body: { error: string, message: string }): void {
  const text = JSON.stringify(body)
  socket.end(`HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`)
}

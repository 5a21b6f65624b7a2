/**
 * An HTTP service in a process of its own (a real second pid): what a dev server left running in another terminal
 * looks like to the system. It answers every request with its pid, and tells the lab its port over IPC.
 */
import type { Lab } from '../core/lab.js'
import type { Family } from '../core/events.js'
import type { LabChild } from './child.js'
import { familyOf, hostPort, now, since } from '../net/address.js'
import { spawnNodeScript } from './script.js'

const source = `'use strict'
const http = require('node:http')
const [host = '127.0.0.1', port = '0'] = process.argv.slice(2)
const server = http.createServer(function onRequest (req, res) {
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify({ service: 'http-process', pid: process.pid }))
})
server.on('error', (err) => process.send({ error: { code: err.code, syscall: err.syscall, message: err.message } }, () => process.exit(1)))
server.listen({ host, port: Number(port) }, () => {
  const a = server.address()
  process.send({ address: a.address, port: a.port })
})
// When the parent goes away, so does this process: a lab never leaves one behind.
process.on('disconnect', () => process.exit(0))
`

export interface HttpProcessOptions {
  /** A label for the narration. Default `http-process`; the file is `<name>.cjs`. */
  name?: string
  /** Default `127.0.0.1`. */
  host?: string
  /** Default 0. */
  port?: number
}

export interface HttpProcess {
  name: string
  child: LabChild
  pid: number
  address: string
  port: number
  family: Family
  url: string
  /** Send a signal (default SIGTERM), wait for the exit, emit `closed`. Returns how it ended. */
  stop (signal?: NodeJS.Signals): Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

type Hello = { address: string, port: number } | { error: { code?: string, syscall?: string, message: string } }

export async function spawnHttpProcess (lab: Lab, opts: HttpProcessOptions = {}): Promise<HttpProcess> {
  const name = opts.name ?? 'http-process'
  const host = opts.host ?? '127.0.0.1'
  const t0 = now()
  const child = await spawnNodeScript(lab, name, source, { args: [host, String(opts.port ?? 0)] })
  const label = `${name} (pid ${child.pid})`
  const hello = await child.message<Hello>()
  if ('error' in hello) {
    const obs = { kind: 'listen-error', service: 'process', name: label, address: host, port: opts.port ?? 0, family: familyOf(host) ?? 'IPv4', message: hello.error.message, elapsedMs: since(t0) } as const
    lab.observe({ ...obs, ...(hello.error.code ? { code: hello.error.code } : {}), ...(hello.error.syscall ? { syscall: hello.error.syscall } : {}) })
    throw new Error(hello.error.message)
  }
  const family = familyOf(hello.address) ?? 'IPv4'
  lab.observe({ kind: 'listening', service: 'process', name: label, address: hello.address, port: hello.port, family, elapsedMs: since(t0) })
  return {
    name: label,
    child,
    pid: child.pid,
    address: hello.address,
    port: hello.port,
    family,
    url: `http://${hostPort(hello.address, hello.port)}`,
    async stop (signal: NodeJS.Signals = 'SIGTERM') {
      const t1 = now()
      const exit = await child.kill(signal)
      lab.observe({ kind: 'closed', service: 'process', name: label, address: hello.address, port: hello.port, family, elapsedMs: since(t1) })
      return exit
    },
  }
}

/**
 * Which binds collide, tried for real inside a network namespace of our own (Linux, `unshare -n`): there a listener may
 * take 0.0.0.0 or :: without touching the machine's own network. The namespace has its own loopback and its own ports,
 * and disappears with the child process.
 */
import { readlink } from 'node:fs/promises'
import type { Lab } from '../core/lab.js'
import { familyOf } from '../net/address.js'
import { spawnNodeScript } from '../process/script.js'

const source = `'use strict'
const net = require('node:net')
const { execFileSync } = require('node:child_process')
const { readlinkSync } = require('node:fs')
const { performance } = require('node:perf_hooks')
function listen (host, port) {
  const t0 = performance.now()
  const elapsed = () => Math.round((performance.now() - t0) * 1000) / 1000
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', (err) => resolve({ error: { code: err.code, syscall: err.syscall, message: err.message }, elapsedMs: elapsed() }))
    server.listen({ host, port }, () => resolve({ server, port: server.address().port, elapsedMs: elapsed() }))
  })
}
;(async () => {
  // A new namespace starts with its loopback down.
  let lo = 'up'
  try { execFileSync('ip', ['link', 'set', 'lo', 'up'], { stdio: 'ignore' }) } catch (err) { lo = 'down (' + err.message.split('\\n')[0] + ')' }
  const results = []
  for (const [holder, second] of JSON.parse(process.argv[2])) {
    const held = await listen(holder, 0)
    if (held.error) { results.push({ holder, second, holderError: held.error }); continue }
    const tried = await listen(second, held.port)
    results.push({ holder, second, port: held.port, holderMs: held.elapsedMs, ok: !tried.error, error: tried.error, elapsedMs: tried.elapsedMs })
    if (tried.server) tried.server.close()
    held.server.close()
  }
  process.send({ netns: readlinkSync('/proc/self/ns/net'), lo, results }, () => process.exit(0))
})()
`

export interface BindConflict {
  /** The address that listened first, on a port the namespace's kernel picked. */
  holder: string
  /** The address that then tried the same port. */
  second: string
  port: number
  ok: boolean
  code?: string
  syscall?: string
  message?: string
}

export type NetnsBinds =
  | { ran: true, netns: string, ours: string, lo: string, results: BindConflict[] }
  | { ran: false, reason: string }

interface Report {
  netns: string
  lo: string
  results: Array<{ holder: string, second: string, port?: number, holderMs?: number, ok?: boolean, elapsedMs?: number, error?: { code?: string, syscall?: string, message: string }, holderError?: { message: string } }>
}

/**
 * For each [holder, second] pair: listen on holder (port 0), then try the same port on second. Emits a `listening`
 * observation for each holder and a `listening` or `listen-error` for each second try.
 */
export async function bindConflictsInNewNetns (lab: Lab, pairs: Array<[string, string]>): Promise<NetnsBinds> {
  if (process.platform !== 'linux') return { ran: false, reason: `network namespaces are a Linux feature (this is ${process.platform})` }
  // As root, a plain network namespace; otherwise an unprivileged user namespace maps us to root inside it.
  const wrap = process.getuid?.() === 0 ? ['unshare', '-n'] : ['unshare', '-r', '-n']
  let report: Report
  try {
    const child = await spawnNodeScript(lab, 'bind-conflicts', source, { args: [JSON.stringify(pairs)], wrap })
    report = await child.message<Report>()
  } catch (err) {
    const e = err as NodeJS.ErrnoException
    const reason = e.code === 'ENOENT' ? 'the unshare command is not installed' : `\`${wrap.join(' ')}\` did not work here: ${e.message.replace(/^child \d+ exited \([^)]*\) before sending a message: /, '')}`
    return { ran: false, reason }
  }
  const ours = await readlink('/proc/self/ns/net').catch(() => '?')
  const where = `(namespace ${report.netns})`
  const results: BindConflict[] = []
  for (const r of report.results) {
    if (r.port === undefined) return { ran: false, reason: `could not listen on ${r.holder} in the namespace: ${r.holderError?.message ?? 'unknown error'}` }
    lab.observe({ kind: 'listening', service: 'tcp', name: `first listener ${where}`, address: r.holder, port: r.port, family: familyOf(r.holder) ?? 'IPv4', elapsedMs: r.holderMs ?? 0 })
    const family = familyOf(r.second) ?? 'IPv4'
    if (r.ok) {
      lab.observe({ kind: 'listening', service: 'tcp', name: `second listener ${where}`, address: r.second, port: r.port, family, elapsedMs: r.elapsedMs ?? 0 })
      results.push({ holder: r.holder, second: r.second, port: r.port, ok: true })
      continue
    }
    const e = r.error!
    const conflict: BindConflict = { holder: r.holder, second: r.second, port: r.port, ok: false, message: e.message }
    if (e.code !== undefined) conflict.code = e.code
    if (e.syscall !== undefined) conflict.syscall = e.syscall
    lab.observe({ kind: 'listen-error', service: 'tcp', name: `second listener ${where}`, address: r.second, port: r.port, family, message: e.message, elapsedMs: r.elapsedMs ?? 0, ...(e.code ? { code: e.code } : {}), ...(e.syscall ? { syscall: e.syscall } : {}) })
    results.push(conflict)
  }
  return { ran: true, netns: report.netns, ours, lo: report.lo, results }
}

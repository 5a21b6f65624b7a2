/**
 * Which binds collide, tried for real inside a private network namespace (Linux): the child program
 * ../process/children/bind-conflicts.ts, started in a namespace made for it alone (`unshare -n`, or `unshare -r -n`
 * for an ordinary user; see ./namespace.ts). There a listener may take 0.0.0.0 or :: without touching the machine's
 * own network. The namespace has its own loopback and its own ports, and disappears with the child process.
 */
import { readlink } from 'node:fs/promises'
import { basename } from 'node:path'
import { isLabError } from '../core/errors.js'
import type { Lab } from '../core/lab.js'
import { startProgram } from '../process/child.js'
import { enterCommand } from './namespace.js'

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

/**
 * For each [holder, second] pair: listen on holder (port 0), then try the same port on second. Emits a `listening`
 * observation for each holder and a `listening` or `listen-error` for each second try.
 */
export async function bindConflictsInNewNetns (lab: Lab, pairs: Array<[string, string]>): Promise<NetnsBinds> {
  if (process.platform !== 'linux') return { ran: false, reason: `network namespaces are a Linux feature (this is ${process.platform})` }
  let program
  try {
    program = await startProgram(lab, 'bind-conflicts', { spec: pairs, netns: 'private' })
  } catch (err) {
    if (isLabError(err) && err.code === 'LAB_ERR_TOOL_MISSING') return { ran: false, reason: 'the unshare command is not installed' }
    throw err
  }
  const report = await program.hello.catch(() => undefined)
  if (report === undefined) {
    const how = (await enterCommand('private')).map((part) => basename(part)).join(' ')
    return { ran: false, reason: `\`${how}\` did not work here: ${program.lastWords() || 'it exited without a word'}` }
  }
  const ours = await readlink('/proc/self/ns/net').catch(() => '?')
  const where = `(namespace ${report.netns})`
  const who = { service: 'tcp', pid: program.pid } as const
  const results: BindConflict[] = []
  for (const r of report.results) {
    if (r.port === undefined) return { ran: false, reason: `could not listen on ${r.holder} in the namespace: ${r.holderError?.message ?? 'unknown error'}` }
    lab.announce({ ...who, state: 'listening', name: `first listener ${where}`, at: { address: r.holder, port: r.port }, elapsedMs: r.holderMs ?? 0 })
    const second = { ...who, name: `second listener ${where}`, elapsedMs: r.elapsedMs ?? 0 }
    if (r.ok) {
      lab.announce({ ...second, state: 'listening', at: { address: r.second, port: r.port } })
      results.push({ holder: r.holder, second: r.second, port: r.port, ok: true })
      continue
    }
    const e = r.error!
    const conflict: BindConflict = { holder: r.holder, second: r.second, port: r.port, ok: false, message: e.message }
    if (e.code !== undefined) conflict.code = e.code
    if (e.syscall !== undefined) conflict.syscall = e.syscall
    lab.announce({ ...second, state: 'listen-error', tried: { host: r.second, port: r.port }, error: e })
    results.push(conflict)
  }
  return { ran: true, netns: report.netns, ours, lo: report.lo, results }
}

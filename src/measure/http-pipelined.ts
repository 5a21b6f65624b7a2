/**
 * HTTP requests per second from a client that is not the bottleneck: a lean pipelining client of our own in a process
 * of its own (./http-pipelined-child.ts), so the figure is what the loopback and the server can do. Next to it, the same
 * server measured with fetch or node:http from the caller's own thread (./http.ts) shows what those clients cost.
 *
 * Beware: pipelining is not what browsers or fetch do; it keeps the server busy without waiting for each answer, as
 * load generators (wrk, autocannon) do. On a machine whose cores are busy with other work the child competes for a
 * core with the server, and the figure drops for both.
 */
import { LabError } from '../core/errors.js'
import type { ChildOptions, LabChild } from '../process/child.js'
import { measureChildCommand } from './child-command.js'
import type { ThroughputResult } from './tcp.js'

export interface PipelinedSpec {
  url: string
  /** Requests counted. */
  requests: number
  /** Uncounted requests first: V8 optimizes the server's and the client's code over the first thousands. */
  warmup: number
  /** Kept-alive connections. */
  connections: number
  /** Requests in flight on each connection. */
  pipelining: number
  /**
   * `own` (default): raw sockets and ./http1-responses.ts, a few µs of CPU per request. `undici`: undici's Pool, for
   * comparison: its CPU per request is about what a fastify server needs, so it measures itself as much as the server.
   */
  client?: 'own' | 'undici'
}

export interface PipelinedAnswer extends ThroughputResult {
  /** Distinct client ports the server saw. */
  connections: number
  /** Answers that were not 2xx. */
  failed: number
  /** The client process. */
  pid: number
  /**
   * CPU time the client process used per counted request (user + system). Well under the wall time per request
   * (1e6 / perSecond µs): the client waited for the server, so the server is what was measured.
   */
  cpuMicrosPerRequest: number
}

/** Who starts and owns the client process: a Lab (`lab.spawn`, killed at the end), or `{ spawn: startChild }`. */
export interface Spawner {
  spawn (command: string, args: string[], opts?: ChildOptions): Promise<LabChild>
}

/** `spec.requests` GETs of `spec.url` from the pipelined client in its own process: requests per second. */
export async function pipelinedThroughput (owner: Spawner, spec: PipelinedSpec, signal?: AbortSignal): Promise<PipelinedAnswer> {
  const node = measureChildCommand('http-pipelined')
  const child = await owner.spawn(node[0]!, [...node.slice(1), JSON.stringify(spec)], { ipc: true })
  try {
    return await answerOf(child, spec.url, signal)
  } finally {
    await child.exited
  }
}

/** What the client's process says next (its hello, an answer), or a LabError saying why it said nothing. */
async function answerOf<T extends object = PipelinedAnswer> (child: LabChild, measuring: string, signal?: AbortSignal): Promise<T> {
  const stop = (): void => { child.process.kill('SIGKILL') }
  signal?.addEventListener('abort', stop, { once: true })
  try {
    const answer = await child.message<T | { error: string }>()
    if ('error' in answer) throw new LabError('LAB_ERR_CHECK_FAILED', { measuring, got: answer.error })
    return answer
  } catch (err) {
    signal?.throwIfAborted()
    if (err instanceof LabError) throw err
    const said = child.output().stderr.trim().split('\n').at(-1) ?? ''
    throw new LabError('LAB_ERR_CHECK_FAILED', { measuring, got: `the client process ended first${said ? `: ${said}` : ''}` })
  } finally {
    signal?.removeEventListener('abort', stop)
  }
}

/** The peer's hello: its pid and its echo listener. */
export interface LoopbackPeerHello {
  pid: number
  echo: { address: string, port: number }
}

/**
 * A second process that stays: a TCP echo on 127.0.0.1 (for a round trip between two processes) and the pipelined
 * client, run on request. Starting a Node process costs a few hundred ms on a busy machine; a lesson that needs both
 * starts one. It runs until its owner kills it (a Lab does at the end); it also exits when its owner goes away.
 */
export interface LoopbackPeer extends LoopbackPeerHello {
  /** Like `pipelinedThroughput`, from this process: one measurement at a time. */
  pipelined (spec: PipelinedSpec, signal?: AbortSignal): Promise<PipelinedAnswer>
}

export async function startLoopbackPeer (owner: Spawner, signal?: AbortSignal): Promise<LoopbackPeer> {
  const node = measureChildCommand('http-pipelined')
  const child = await owner.spawn(node[0]!, [...node.slice(1), '--peer'], { ipc: true })
  const hello = await answerOf<LoopbackPeerHello>(child, 'the loopback peer\'s echo', signal)
  return {
    ...hello,
    pipelined (spec, measuring = signal) {
      child.process.send(spec)
      return answerOf(child, spec.url, measuring)
    },
  }
}

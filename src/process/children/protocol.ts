/**
 * What a parent and a child service process say to each other over IPC. The child never uses a fixed port: it
 * listens on port 0 and reports what the OS gave it.
 */
import type { Family } from '../../core/events.js'
import type { MisbehaviourName } from '../../services/behaviours/misbehave.js'

/** What the child serves. It is passed as JSON in argv. */
export interface ChildServiceSpec {
  /** The loopback address to bind. Default `127.0.0.1`. */
  host?: string
  /** The listen backlog of every listener (Node turns 0 into 511). Default: Node's (511). */
  backlog?: number
  /**
   * An HTTP service (node:http). `ok` answers every request with 200 and a small JSON body; `hold` takes each request
   * and never responds (reported as `in-flight`). With `websocket`, WebSocket upgrades on the same port are accepted
   * (ws); `ok` echoes messages, `hold` reports the first one and never answers.
   */
  http?: { respond: 'ok' | 'hold', websocket?: boolean }
  /** Raw TCP listeners, one per entry, each with a misbehaviour. `pauseOnConnect` leaves client bytes unread. */
  tcp?: Array<{ name: string, behaviour: MisbehaviourName, pauseOnConnect?: boolean }>
}

export interface ChildListener {
  name: string
  kind: 'http' | 'tcp'
  address: string
  port: number
  family: Family
}

export type ChildMessage =
  | { type: 'listening', pid: number, listeners: ChildListener[] }
  /**
   * The child holds a request: an HTTP request it will not answer, a WebSocket message it will not answer, TCP bytes
   * it read (`bytes`), or a TCP connection it accepted but does not read (`bytes` absent).
   */
  | { type: 'in-flight', listener: string, kind: 'http' | 'ws' | 'tcp', bytes?: number, remotePort?: number }

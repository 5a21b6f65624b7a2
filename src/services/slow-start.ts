/**
 * A service that is slow to start, on purpose: it listens only after `listenAfterMs`, and is ready (its `/health`
 * answers 200 instead of 503) only `readyAfterMs` after that. Both delays are the premise of a lesson, run on the
 * lab's own timers (cleared if the scenario ends first). The moment it becomes ready is a `fact` event.
 */
import type { Lab } from '../core/lab.js'
import { storyTime } from '../core/clock.js'
import { later } from '../core/promise.js'
import type { HttpService } from './http.js'

export interface SlowStartOptions {
  /** The port to listen on (the clients already know it). */
  port: number
  /** Default `127.0.0.1`. */
  host?: string
  name?: string
  /** How long before it listens. */
  listenAfterMs: number
  /** How long after listening before `/health` answers 200. Default 0: ready as soon as it listens. */
  readyAfterMs?: number
  /** Also accept WebSocket upgrades on the port. Default false. */
  websocket?: boolean
}

export interface SlowStart {
  /** Resolves once it listens (rejects if the listen fails, e.g. the port was taken meanwhile). */
  listening: Promise<HttpService>
  /** Resolves with the time of the "ready" event on the story's clock (`storyTime`: prompts left out). */
  ready: Promise<number>
}

export function startSlowly (lab: Lab, opts: SlowStartOptions): SlowStart {
  const name = opts.name ?? 'slow service'
  const warmup = opts.readyAfterMs ?? 0
  let isReady = warmup === 0
  let markReady: (t: number) => void = () => {}
  const ready = new Promise<number>((resolve) => { markReady = resolve })
  const listening = later(lab, opts.listenAfterMs, async () => {
    const service = await lab.http({ port: opts.port, host: opts.host ?? '127.0.0.1', name, websocket: opts.websocket ?? false, ready: () => isReady })
    if (isReady) {
      markReady(lab.listeningAt(service)!)
    } else {
      lab.after(warmup, () => {
        isReady = true
        markReady(storyTime(lab.fact('service-ready', `${name} is ready`, true)))
      })
    }
    return service
  })
  return { listening, ready }
}

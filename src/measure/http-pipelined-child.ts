/**
 * The pipelined HTTP client's own process (./http-pipelined.ts starts it). undici's Pool keeps `connections` kept-alive
 * connections with up to `pipelining` requests in flight on each, so the server always has work waiting and this
 * client, on a core of its own, is not what limits the figure. Told what to do in argv (JSON), it answers once over
 * IPC and exits; it also exits when its parent goes away.
 *
 * Usage: node http-pipelined-child.js '<PipelinedSpec as JSON>'   (with an IPC channel)
 */
import { performance } from 'node:perf_hooks'
import { Pool } from 'undici'
import type { PipelinedAnswer, PipelinedSpec } from './http-pipelined.js'

async function main (): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as PipelinedSpec
  const url = new URL(spec.url)
  const pool = new Pool(url.origin, { connections: spec.connections, pipelining: spec.pipelining })
  const ports = new Set<number>()
  let failed = 0
  /**
   * One GET through `dispatch`, the layer under `pool.request()`: no body stream and no promise per chunk, so the
   * client does as little per request as it can.
   */
  function one (): Promise<void> {
    return new Promise((resolve, reject) => {
      let status = 0
      let body = ''
      pool.dispatch({ origin: url.origin, path: url.pathname, method: 'GET' }, {
        onRequestStart () {},
        onResponseStart (_controller, statusCode) { status = statusCode },
        onResponseData (_controller, chunk) { body += chunk.toString('latin1') },
        onResponseEnd () {
          if (status < 200 || status > 299) failed++
          // The lab's HTTP service names the client's port: how the connections are counted, not assumed.
          const port = /"client":\{[^}]*"port":(\d+)/.exec(body)?.[1]
          if (port !== undefined) ports.add(Number(port))
          resolve()
        },
        onResponseError (_controller, err) { reject(err) },
      })
    })
  }
  async function run (total: number): Promise<number> {
    let left = total
    const inFlight = spec.connections * spec.pipelining
    const t0 = performance.now()
    await Promise.all(Array.from({ length: inFlight }, async () => {
      while (left > 0) {
        left--
        await one()
      }
    }))
    return performance.now() - t0
  }
  await run(spec.warmup)
  ports.clear()
  failed = 0
  const cpu0 = process.cpuUsage()
  const elapsedMs = await run(spec.requests)
  const cpu = process.cpuUsage(cpu0)
  await pool.close()
  const answer: PipelinedAnswer = {
    count: spec.requests, elapsedMs, perSecond: spec.requests / (elapsedMs / 1000), connections: ports.size, failed, pid: process.pid,
    cpuMicrosPerRequest: (cpu.user + cpu.system) / spec.requests,
  }
  process.send!(answer, () => process.exit(0))
}

process.on('disconnect', () => process.exit(0))
main().catch((err: NodeJS.ErrnoException) => {
  process.send?.({ error: err.code ?? err.message }, () => process.exit(1))
})

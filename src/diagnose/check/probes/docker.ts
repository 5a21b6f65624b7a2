/**
 * The Docker Engine API on a TCP port (dockerd -H tcp://…, Docker Desktop's "expose daemon on tcp://localhost:2375").
 * `GET /_ping` answers `OK` with an `Api-Version` header; `GET /version` names the engine. Both are reads. The API
 * has no authentication of its own on plain TCP: whoever reaches it can start a container that mounts / as root.
 */
import { httpGet } from './http.js'
import { quote } from './quote.js'

export interface DockerAnswer {
  protocol: 'docker-api'
  product: string
  version?: string
  auth: 'none' | 'unknown'
  evidence: string[]
}

export const DOCKER_API = {
  ping: '/_ping',
  version: '/version',
  source: 'https://docs.docker.com/reference/api/engine/version/v1.43/#tag/System/operation/SystemPing',
} as const

export async function probeDocker (host: string, port: number, opts: { tls?: boolean, timeoutMs: number, signal?: AbortSignal | undefined }): Promise<DockerAnswer | undefined> {
  const started = Date.now()
  const ping = await httpGet({ host, port, path: DOCKER_API.ping, tls: opts.tls, timeoutMs: opts.timeoutMs, signal: opts.signal })
  const apiVersion = ping.headers['api-version']
  if (ping.status !== 200 || ping.body.trim() !== 'OK' || apiVersion === undefined) return undefined
  const answer: DockerAnswer = { protocol: 'docker-api', product: 'Docker Engine API', auth: opts.tls ? 'unknown' : 'none', evidence: [`GET /_ping -> 200 OK, Api-Version: ${quote(apiVersion)}`] }
  const version = await httpGet({ host, port, path: DOCKER_API.version, tls: opts.tls, timeoutMs: Math.max(1, opts.timeoutMs - (Date.now() - started)), signal: opts.signal })
  try {
    const v = JSON.parse(version.body) as { Version?: unknown }
    if (typeof v.Version === 'string') {
      answer.version = quote(v.Version)
      answer.evidence.push(`GET /version -> Version: ${answer.version}`)
    }
  } catch {
    // /version did not answer JSON in time: /_ping already said what it is.
  }
  return answer
}

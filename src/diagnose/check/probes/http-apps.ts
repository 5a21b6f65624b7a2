/**
 * Programs recognised by their HTTP answers: local AI servers, notebooks, metrics exporters and dev servers. Each entry
 * is one read-only request (or the answer to `GET /` already in hand) and what in the answer names the program, with
 * the source that shows the program answers so.
 */
import type { HttpAnswer, HttpRequest } from './http.js'
import { quote } from './quote.js'

export interface AppMatch {
  product: string
  version?: string
  /** For programs with an API that should need credentials: did it answer without them? */
  auth?: 'none' | 'required' | 'unknown'
  evidence: string[]
}

/** Ask one more request of the same listener (same address, port, TLS, deadline). */
export type Ask = (path: string) => Promise<HttpAnswer>

export interface AppSignature {
  product: string
  /** The request that recognises it; `/` reuses the answer to the first request. */
  path: string
  match (answer: HttpAnswer, ask: Ask): Promise<Omit<AppMatch, 'product'> | undefined>
  source: string
}

function json (answer: HttpAnswer): Record<string, unknown> | undefined {
  if (answer.status !== 200) return undefined
  try {
    const v: unknown = JSON.parse(answer.body)
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : undefined
  } catch {
    return undefined
  }
}

export const HTTP_APPS: readonly AppSignature[] = [
  {
    product: 'Ollama',
    path: '/',
    async match (answer, ask) {
      if (answer.status !== 200 || answer.body.trim() !== 'Ollama is running') return undefined
      const found: Omit<AppMatch, 'product'> = { auth: 'none', evidence: ['GET / -> "Ollama is running"'] }
      const v = json(await ask('/api/version'))?.version
      if (typeof v === 'string') {
        found.version = quote(v)
        found.evidence.push(`GET /api/version -> version: ${found.version}`)
      }
      return found
    },
    source: 'ollama/ollama server/routes.go @ 24fbbbbc12bd0c42aa4b2c0d7db9facd51f9ec92 (GET / "Ollama is running", GET /api/version)',
  },
  {
    product: 'Next.js',
    path: '/',
    async match (answer) {
      return /^Next\.js$/i.test(answer.headers['x-powered-by'] ?? '') ? { evidence: ['X-Powered-By: Next.js'] } : undefined
    },
    source: "vercel/next.js packages/next/src/server/send-payload.ts @ 963a1a1d4925fc963f243c7edf9aa37d338aa6e7 (res.setHeader('X-Powered-By', 'Next.js'))",
  },
  {
    product: 'Vite',
    path: '/@vite/client',
    async match (answer) {
      // A single-page app's fallback answers every path with its HTML; Vite's client is JavaScript.
      return answer.status === 200 && /javascript/i.test(answer.headers['content-type'] ?? '') ? { evidence: ['GET /@vite/client -> 200 JavaScript (Vite\'s HMR client)'] } : undefined
    },
    source: 'vitejs/vite packages/vite/src/node/constants.ts @ f8598deb541edbe4c67978c287fe2936cb38f814 (CLIENT_PUBLIC_PATH = `/@vite/client`)',
  },
  {
    product: 'webpack-dev-server',
    path: '/webpack-dev-server',
    async match (answer) {
      return answer.status === 200 && answer.body.startsWith('<!DOCTYPE html><html><head><meta charset="utf-8"/>') && /webpack/i.test(answer.body)
        ? { evidence: ['GET /webpack-dev-server -> 200, its assets page'] }
        : undefined
    },
    source: 'webpack/webpack-dev-server lib/Server.js @ d73213ab04b9cae38364a0c68dfc3bdfd8df227f (app.get("/webpack-dev-server"))',
  },
  {
    product: 'Jupyter Server',
    path: '/api',
    async match (answer, ask) {
      const body = json(answer)
      if (!body || typeof body.version !== 'string' || Object.keys(body).length !== 1) return undefined
      const version = quote(body.version)
      const found: Omit<AppMatch, 'product'> = { version, auth: 'unknown', evidence: [`GET /api -> version: ${version}`] }
      // /api/status is @web.authenticated: it answers only a client with the token (or a server started without one).
      const status = await ask('/api/status')
      const s = json(status)
      if (s && 'kernels' in s && 'started' in s) {
        found.auth = 'none'
        found.evidence.push('GET /api/status -> 200 without a token')
      } else if (status.status === 403 || status.status === 401) {
        found.auth = 'required'
        found.evidence.push(`GET /api/status -> ${status.status} (a token is required)`)
      }
      return found
    },
    source: 'jupyter-server/jupyter_server jupyter_server/base/handlers.py @ 15100ee0e8ed0c2a329c8edc6926b8d96ba67f5b (APIVersionHandler, unauthenticated) and jupyter_server/services/api/handlers.py @ 0112e400152aeaead53e8c847471e7a2ad601388 (APIStatusHandler, @web.authenticated)',
  },
  {
    product: 'Prometheus metrics',
    path: '/metrics',
    async match (answer) {
      return answer.status === 200 && /^# (?:HELP|TYPE) \S+/m.test(answer.body) ? { evidence: ['GET /metrics -> Prometheus text format (# HELP / # TYPE lines)'] } : undefined
    },
    source: 'https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format',
  },
]

/** The first program whose signature matches, asking at most one request per signature (plus its follow-ups). */
export async function recogniseApp (root: HttpAnswer, ask: Ask, budgetLeft: () => number): Promise<AppMatch | undefined> {
  for (const sig of HTTP_APPS) {
    if (budgetLeft() <= 0) return undefined
    const answer = sig.path === '/' ? root : await ask(sig.path)
    const m = await sig.match(answer, ask)
    if (m) return { product: sig.product, ...m }
  }
  return undefined
}

export type { HttpRequest }

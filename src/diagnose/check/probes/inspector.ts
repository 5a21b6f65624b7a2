/**
 * Debuggers that speak the Chrome DevTools Protocol over HTTP + WebSocket: Node's inspector (`node --inspect`) and
 * Chromium-based browsers started with `--remote-debugging-port`. Both answer `GET /json/version` with a JSON object
 * whose `Browser` names them. Whoever reaches either can run code: JavaScript in the Node process, or in any page and
 * the browser itself. Only the version is asked for; the debugger's WebSocket is never opened.
 */
import type { Protocol } from '../types.js'
import { httpGet, type HttpAnswer } from './http.js'
import { quote } from './quote.js'

export interface DevtoolsMatch {
  protocol: Extract<Protocol, 'node-inspector' | 'chrome-devtools'>
  product: string
  version?: string
  evidence: string[]
}

/** How each debugger's /json/version answer looks, from its own source or documentation. */
export const DEVTOOLS_ANSWERS = [
  {
    protocol: 'node-inspector',
    product: 'Node.js inspector',
    // SendVersionResponse: `"Browser": "node.js/" NODE_VERSION`, `"Protocol-Version": "1.1"`.
    browser: /^node\.js\/v?(\S+)$/,
    source: 'nodejs/node src/inspector_socket_server.cc @ c206b9d27238ed0648f0d7633c7b5a81cb72d472 (SendVersionResponse)',
  },
  {
    protocol: 'chrome-devtools',
    product: 'Chrome DevTools',
    // "GET /json/version: Browser version metadata" with Browser, Protocol-Version, User-Agent, V8-Version,
    // WebKit-Version, webSocketDebuggerUrl.
    browser: /^(?:Headless)?(?:Chrome|Chromium|Edg|Opera|Brave|Electron)[^/]*\/(\S+)$|^[A-Za-z]+\/(\S+)$/,
    source: 'https://chromedevtools.github.io/devtools-protocol/#endpoints',
  },
] as const

function recordOf (text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text)
    // Old Node versions answered an array of one object.
    const value = Array.isArray(parsed) ? parsed[0] : parsed
    return value !== null && typeof value === 'object' ? value as Record<string, unknown> : undefined
  } catch {
    return undefined
  }
}

/** Read a /json/version answer; undefined when it is not a debugger's. */
export function matchDevtools (answer: HttpAnswer): DevtoolsMatch | undefined {
  if (answer.status !== 200) return undefined
  const json = recordOf(answer.body)
  const browser = json?.Browser
  if (typeof browser !== 'string' || typeof json?.['Protocol-Version'] !== 'string') return undefined
  const evidence = [`GET /json/version -> Browser: ${quote(browser)}`]
  const node = DEVTOOLS_ANSWERS[0].browser.exec(browser)
  if (node) return { protocol: 'node-inspector', product: DEVTOOLS_ANSWERS[0].product, version: quote(node[1]!), evidence }
  const m = DEVTOOLS_ANSWERS[1].browser.exec(browser)
  if (!m) return undefined
  for (const key of ['User-Agent', 'V8-Version', 'webSocketDebuggerUrl'] as const) {
    if (typeof json?.[key] === 'string') evidence.push(`GET /json/version -> ${key}: ${quote(json[key])}`)
  }
  const [name] = browser.split('/')
  const ua = typeof json?.['User-Agent'] === 'string' ? json['User-Agent'] : ''
  const product = `${quote(name!)}${/Headless/.test(ua) && !/Headless/.test(name!) ? ' (headless)' : ''}`
  return { protocol: 'chrome-devtools', product, version: quote(m[1] ?? m[2]!), evidence }
}

export async function probeDevtools (host: string, port: number, opts: { tls?: boolean, timeoutMs: number, signal?: AbortSignal | undefined }): Promise<DevtoolsMatch | undefined> {
  const answer = await httpGet({ host, port, path: '/json/version', tls: opts.tls, timeoutMs: opts.timeoutMs, signal: opts.signal })
  return matchDevtools(answer)
}

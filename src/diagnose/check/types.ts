/**
 * What `check` learns about one listener, shared by the probes (fingerprint.ts, risks.ts) and the command. Declared
 * once here: the command, its renderers and the dashboard import these names and add none of their own.
 */

export type Protocol = 'http' | 'https' | 'tls' | 'websocket' | 'ssh' | 'redis' | 'postgres' | 'mysql' | 'mongodb' |
  'node-inspector' | 'chrome-devtools' | 'docker-api' | 'smtp' | 'ftp' | 'vnc' | 'unknown'

export interface Service {
  protocol: Protocol
  /** 'redis', 'nginx', 'Node.js inspector', 'Chromium', 'SimpleHTTP/0.6 Python/3.11', 'Vite' … */
  product?: string
  version?: string
  /** What was seen, as short quoted facts ("PING -> +PONG", "Server: nginx/1.22.1", "GET /json/version -> Browser: HeadlessChrome/120"). */
  evidence: string[]
  /** For databases and admin APIs: did it answer without credentials? */
  auth?: 'none' | 'required' | 'unknown'
  /** Facts the web-risk checks found (only for HTTP/WebSocket services). */
  web?: { foreignHostAnswered?: boolean, corsAnyOrigin?: boolean, websocketAnyOrigin?: boolean }
  /** Probes that ran out of time or were refused, and why; never throws. */
  notes: string[]
}

export type RiskId = 'network-exposure' | 'code-execution' | 'no-auth' | 'dns-rebinding' | 'cors-any-origin' | 'websocket-any-origin'

export interface Risk { id: RiskId, severity: 'high' | 'medium' | 'low', evidence: string, fix: string }

export type Verdict = 'danger' | 'review' | 'ok'

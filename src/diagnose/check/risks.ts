/**
 * The risks a service's own answers show, each with the evidence that shows it and the fix: code execution through a
 * debugger or browser-control protocol, a database or admin API that answered without credentials, and the three
 * ways a web page reaches a local HTTP service (DNS rebinding, CORS for any origin, a WebSocket for any origin).
 * Where it listens (`network-exposure`), who runs it and the verdict are the command's (verdict.ts).
 *
 * The rules are data: which services they apply to, what someone who reaches the service can do, and how to close it,
 * with the documentation that says so.
 */
import type { Protocol, Risk, RiskId, Service } from './types.js'

interface Rule {
  id: RiskId
  severity: Risk['severity']
  /** Does this rule apply to the service? */
  applies (s: Service): boolean
  /** One sentence: what was seen, then what someone who reaches it can do. */
  evidence (s: Service): string
  fix: string
  source: string
}

const said = (s: Service, pattern: RegExp): string => {
  const line = s.evidence.find((e) => pattern.test(e))
  return line !== undefined ? ` (${line})` : ''
}
const isAuthless = (protocol: Protocol) => (s: Service): boolean => s.protocol === protocol && s.auth === 'none'

export const RISK_RULES: readonly Rule[] = [
  {
    id: 'code-execution',
    severity: 'high',
    applies: (s) => s.protocol === 'node-inspector',
    evidence: (s) => `a Node.js debugger (the inspector) answers here${said(s, /json\/version/)}: whoever connects to it can run any code inside that Node process, with its user's rights`,
    fix: 'Do not leave --inspect on outside a debugging session; never run it as root or on 0.0.0.0. Use --inspect=127.0.0.1:0 for a random port, and stop the process when done.',
    source: 'https://nodejs.org/en/learn/getting-started/security-best-practices',
  },
  {
    id: 'code-execution',
    severity: 'high',
    applies: (s) => s.protocol === 'chrome-devtools',
    evidence: (s) => `a browser's remote debugging port (Chrome DevTools Protocol) answers here${said(s, /Browser:/)}: whoever connects to it controls the browser, reads every open page, cookie and stored password of its profile, and runs script in them`,
    fix: 'Start the browser without --remote-debugging-port, or with a throw-away --user-data-dir and only while automation runs; close it afterwards.',
    source: 'https://chromedevtools.github.io/devtools-protocol/#remote',
  },
  {
    id: 'code-execution',
    severity: 'high',
    applies: (s) => s.product === 'Jupyter Server' && s.auth === 'none',
    evidence: (s) => `a Jupyter server answers its API without a token${said(s, /api\/status/)}: whoever reaches it can start a kernel and run any code as its user`,
    fix: 'Keep Jupyter\'s token or password on (the default); do not start it with an empty --IdentityProvider.token / --NotebookApp.token.',
    source: 'https://jupyter-server.readthedocs.io/en/latest/operators/security.html',
  },
  {
    id: 'no-auth',
    severity: 'high',
    applies: isAuthless('redis'),
    evidence: (s) => `Redis answers commands without a password${said(s, /PING/)}: whoever connects can read and change every key, and CONFIG SET can make it write files`,
    fix: 'Set a password (requirepass, or ACL users) and keep protected-mode on; bind 127.0.0.1 only.',
    source: 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/',
  },
  {
    id: 'no-auth',
    severity: 'high',
    applies: isAuthless('postgres'),
    evidence: (s) => `PostgreSQL let user postgres in without a password${said(s, /AuthenticationOk/)}: whoever connects is the database superuser, who can read and change everything and run programs as the server's user (COPY … PROGRAM)`,
    fix: 'Replace `trust` in pg_hba.conf with scram-sha-256 and give the postgres role a password; reload the server.',
    source: 'https://www.postgresql.org/docs/current/auth-pg-hba-conf.html',
  },
  {
    id: 'no-auth',
    severity: 'high',
    applies: isAuthless('mongodb'),
    evidence: (s) => `MongoDB lists its databases without credentials${said(s, /listDatabases/)}: whoever connects can read and change all data`,
    fix: 'Enable access control (security.authorization: enabled) and create an admin user; bind 127.0.0.1 only.',
    source: 'https://www.mongodb.com/docs/manual/tutorial/configure-scram-client-authentication/',
  },
  {
    id: 'no-auth',
    severity: 'high',
    applies: isAuthless('docker-api'),
    evidence: (s) => `the Docker Engine API answers on TCP without TLS or credentials${said(s, /_ping/)}: whoever connects can start a container that mounts the host's / and so act as root on this machine`,
    fix: 'Do not expose the daemon on tcp:// (remove -H tcp://… or Docker Desktop\'s "Expose daemon on tcp://localhost:2375"); use the Unix socket, or TLS with client certificates.',
    source: 'https://docs.docker.com/engine/security/protect-access/',
  },
  {
    id: 'no-auth',
    severity: 'medium',
    applies: (s) => s.product === 'Ollama' && s.auth === 'none',
    evidence: (s) => `Ollama's API answers without credentials${said(s, /Ollama is running/)}: whoever reaches it can use, pull and delete models`,
    fix: 'Keep OLLAMA_HOST on 127.0.0.1 (the default) and OLLAMA_ORIGINS unset; put an authenticating proxy in front if others need it.',
    source: 'https://github.com/ollama/ollama/blob/main/docs/faq.md',
  },
  {
    id: 'dns-rebinding',
    severity: 'medium',
    applies: (s) => s.web?.foreignHostAnswered === true,
    evidence: (s) => `it answered a request whose Host was a foreign name as it answers its own${said(s, /Host: rebind-check\.invalid/)}: a web page can rebind its own name to 127.0.0.1 and read this service from the user's browser`,
    fix: 'Answer only requests whose Host is this service\'s own name (127.0.0.1:PORT, localhost:PORT, [::1]:PORT) and refuse others with 403 (Vite: server.allowedHosts, webpack-dev-server: allowedHosts).',
    source: 'https://en.wikipedia.org/wiki/DNS_rebinding',
  },
  {
    id: 'cors-any-origin',
    severity: 'medium',
    applies: (s) => s.web?.corsAnyOrigin === true,
    evidence: (s) => `it allows cross-origin reads from any site${said(s, /Access-Control-Allow-Origin/)}: any web page the user opens can read its answers`,
    fix: 'Send Access-Control-Allow-Origin only for the origins that need it, never `*` or the request\'s Origin echoed back, and never with credentials for them.',
    source: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS',
  },
  {
    id: 'websocket-any-origin',
    severity: 'medium',
    applies: (s) => s.web?.websocketAnyOrigin === true,
    evidence: (s) => `it accepted a WebSocket from a foreign site${said(s, /WebSocket upgrade/)}: any web page the user opens can connect to it and talk to it (cross-site WebSocket hijacking)`,
    fix: 'Check the Origin header of every upgrade and refuse (403) origins that are not your own pages (ws: verifyClient, or check req.headers.origin in the upgrade handler).',
    source: 'https://www.rfc-editor.org/rfc/rfc6455#section-10.2',
  },
]

/** The risks the service's own answers show, worst first. */
export function serviceRisks (service: Service): Risk[] {
  const order: Record<Risk['severity'], number> = { high: 0, medium: 1, low: 2 }
  const risks: Risk[] = []
  for (const rule of RISK_RULES) {
    if (!rule.applies(service)) continue
    if (risks.some((r) => r.id === rule.id)) continue
    risks.push({ id: rule.id, severity: rule.severity, evidence: rule.evidence(service), fix: rule.fix })
  }
  return risks.sort((a, b) => order[a.severity] - order[b.severity])
}

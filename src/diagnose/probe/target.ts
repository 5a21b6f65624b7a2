/**
 * What the user typed after `probe`: `3000`, `:3000`, `localhost:3000`, `127.0.0.1:62893`, `[::1]:3000` or a URL
 * (`http://localhost:3000/api`, `postgres://u@localhost:5432/db`). A pure parser: it returns a Target or a LabError
 * naming the problem and the accepted forms; it never resolves or connects.
 */
import { isIPv4, isIPv6 } from '../../net/address.js'
import { LabError } from '../../core/errors.js'

export interface Target {
  /** The text as given (trimmed). */
  input: string
  /** A name (`localhost`) or a literal address, without brackets (`::1`). */
  host: string
  port: number
  form: 'port' | 'host:port' | 'url'
  /** True when the host is a name to resolve, false for a literal address. */
  isName: boolean
  /** For a URL: its scheme, e.g. `http`. */
  scheme?: string
  /** True when the port came from the scheme's default (http → 80), not from the text. */
  defaultPort?: boolean
}

export const ACCEPTED_FORMS = '3000, :3000, localhost:3000, 127.0.0.1:3000, [::1]:3000, http://localhost:3000/path'

/** Default ports of schemes people paste from connection strings and logs. */
const schemePorts: Record<string, number> = {
  http: 80, https: 443, ws: 80, wss: 443, ftp: 21, ssh: 22, postgres: 5432, postgresql: 5432, mysql: 3306,
  mariadb: 3306, redis: 6379, rediss: 6379, mongodb: 27017, amqp: 5672, amqps: 5671, mqtt: 1883, nats: 4222,
}

const hostnamePattern = /^(?=.{1,253}\.?$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i

function bad (input: string, problem: string, code: 'LAB_ERR_BAD_TARGET' | 'LAB_ERR_BAD_PORT' = 'LAB_ERR_BAD_TARGET'): LabError {
  return new LabError(code, { target: input, problem, accepted: ACCEPTED_FORMS })
}

/** A port as typed: digits only, 1 to 65535. */
export function parsePort (text: string, input: string): number | LabError {
  if (text === '') return bad(input, 'the port is missing after the colon', 'LAB_ERR_BAD_PORT')
  if (!/^\d+$/.test(text)) return bad(input, `'${text}' is not a port number (digits only, 1-65535)`, 'LAB_ERR_BAD_PORT')
  const port = Number(text)
  if (port === 0) return bad(input, 'port 0 cannot be connected to (it means "any free port" when a server listens; use the port it printed)', 'LAB_ERR_BAD_PORT')
  if (port > 65535) return bad(input, `port ${text.replace(/^0+(?=\d)/, '')} is out of range (TCP ports are 1-65535)`, 'LAB_ERR_BAD_PORT')
  return port
}

function checkHost (host: string, input: string): { host: string, isName: boolean } | LabError {
  if (host === '') return bad(input, 'the host is empty')
  if (host.startsWith('[')) {
    if (!host.endsWith(']')) return bad(input, `'${host}' opens a bracket it does not close`)
    const inner = host.slice(1, -1)
    if (!isIPv6(inner)) return bad(input, `'${inner}' is not an IPv6 address`)
    return { host: inner, isName: false }
  }
  if (isIPv4(host)) return { host, isName: false }
  if (isIPv6(host)) return bad(input, `put an IPv6 address in brackets, e.g. [${host}]:3000`)
  if (/^[\d.]+$/.test(host)) return bad(input, `'${host}' is not a valid IPv4 address`)
  if (!hostnamePattern.test(host)) return bad(input, `'${host}' is not a host name or address`)
  return { host: host.toLowerCase(), isName: true }
}

function fromUrl (input: string): Target | LabError {
  // Parsed by hand rather than with `new URL`, so that `http://localhost:70000` gets a port error instead of "Invalid URL".
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]]*\]?|[^:/?#]*)(?::([^/?#]*))?(?:[/?#].*)?$/i.exec(input)
  if (!m) return bad(input, 'not a URL this can read')
  const scheme = m[1]!.toLowerCase()
  const host = checkHost(m[2]!, input)
  if (host instanceof LabError) return host
  if (m[3] === undefined) {
    const port = schemePorts[scheme]
    if (port === undefined) return bad(input, `the URL has no port and '${scheme}:' has no default port I know; add one`, 'LAB_ERR_BAD_PORT')
    return { input, ...host, port, form: 'url', scheme, defaultPort: true }
  }
  const port = parsePort(m[3], input)
  if (port instanceof LabError) return port
  return { input, ...host, port, form: 'url', scheme }
}

/** Parse `<host:port | :port | port | URL>`. Returns the target, or a LabError (LAB_ERR_BAD_TARGET / LAB_ERR_BAD_PORT). */
export function parseTarget (raw: string): Target | LabError {
  const input = raw.trim()
  if (input === '') return bad(raw, 'it is empty')
  if (/[\s\u0000-\u001f\u007f]/.test(input)) return bad(input, 'it contains spaces or control characters')
  if (input.includes('://')) return fromUrl(input)
  if (/^\d+$/.test(input)) {
    const port = parsePort(input, input)
    return port instanceof LabError ? port : { input, host: 'localhost', port, form: 'port', isName: true }
  }
  if (input.startsWith(':') && !input.startsWith('::')) {
    const port = parsePort(input.slice(1), input)
    return port instanceof LabError ? port : { input, host: 'localhost', port, form: 'port', isName: true }
  }
  if (input.startsWith('[')) {
    const close = input.indexOf(']')
    if (close < 0) return bad(input, `'${input}' opens a bracket it does not close`)
    const rest = input.slice(close + 1)
    if (rest === '') return bad(input, 'there is no port; add one, e.g. [::1]:3000')
    if (!rest.startsWith(':')) return bad(input, `expected ':' and a port after ']' but found '${rest}'`)
    const host = checkHost(input.slice(0, close + 1), input)
    if (host instanceof LabError) return host
    const port = parsePort(rest.slice(1), input)
    return port instanceof LabError ? port : { input, ...host, port, form: 'host:port' }
  }
  if (isIPv6(input)) return bad(input, `an IPv6 address needs brackets and a port, e.g. [${input.replace(/:\d+$/, '')}]:3000`)
  const colon = input.lastIndexOf(':')
  if (colon < 0) return bad(input, `there is no port; add one, e.g. ${/^[\d.]+$/.test(input) || hostnamePattern.test(input) ? input : 'localhost'}:3000`)
  if (input.indexOf(':') !== colon) return bad(input, 'too many colons (an IPv6 address needs brackets: [::1]:3000)')
  const host = checkHost(input.slice(0, colon), input)
  if (host instanceof LabError) return host
  const port = parsePort(input.slice(colon + 1), input)
  return port instanceof LabError ? port : { input, ...host, port, form: 'host:port' }
}

/**
 * nginx from the system, as a reverse proxy of the lab's own: a config written to a temporary directory, run in the
 * foreground as one process (`daemon off; master_process off`) with `nginx -p <dir> -c <dir>/nginx.conf -e <log>`, so
 * it reads and writes nothing outside that directory (not even the default error log, which nginx opens before it
 * reads any config), on a port found free a moment before, on 127.0.0.1 only. The lab owns the process and the
 * directory: killed and removed at the end, whatever happens.
 *
 * Its error log is the proxy's own account of what went wrong upstream: `connect() failed (111: Connection refused)
 * while connecting to upstream`, `upstream timed out (110: Connection timed out)`, `upstream prematurely closed
 * connection`. The lesson reads it next to what the client got (502, 504, a cut response).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Lab } from '../core/lab.js'
import { LabError } from '../core/errors.js'
import { now, since } from '../core/clock.js'
import { waitForPort } from '../clients/wait-for.js'
import { freePort } from '../net/free-port.js'
import { hostPort } from '../net/address.js'
import type { Exit } from './child.js'
import { installedFrom, run, which } from './tool.js'

export interface NginxLocation {
  /** The location's prefix, e.g. `/api/`; the upstream gets the request's path as it came, prefix and all. */
  path: string
  upstream: { host: string, port: number }
  /** `proxy_read_timeout`: how long nginx waits for the upstream's answer. Default nginx's own (60 s). */
  readTimeoutMs?: number
  /**
   * Pass WebSocket upgrades on: `proxy_http_version 1.1` and `Upgrade` / `Connection: upgrade` set again. Without it
   * nginx speaks HTTP/1.0 to the upstream and drops both headers (hop-by-hop), so the upstream sees a plain GET
   * (https://nginx.org/en/docs/http/websocket.html). Default false, as in nginx.
   */
  websocket?: boolean
}

export interface NginxOptions {
  /** For the narration. Default `nginx`. */
  name?: string
  locations: NginxLocation[]
}

export interface Nginx {
  name: string
  pid: number
  address: string
  port: number
  url: string
  /** `nginx/1.22.1`, from `nginx -v`. */
  version: string
  /** Where this nginx comes from, for facts' sources: its path and, on Debian, its package and version. */
  source: string
  /** The config it runs, as written. */
  config: string
  /**
   * The error log so far. nginx writes a line before it answers the client (the 502, the 504, the cut response), so
   * once the client has its answer, the line is there.
   */
  errorLog (): Promise<NginxLogLine[]>
  /** Stop it (SIGTERM: nginx's fast shutdown), emit `closed`. */
  stop (): Promise<Exit>
}

/** One line of nginx's error log: `2026/12/01 14:19:42 [error] 19200#19200: *2 connect() failed (...) while ..., client: ...`. */
export interface NginxLogLine {
  level: string
  /** What went wrong, before the `, client: ...` context: `connect() failed (111: Connection refused) while connecting to upstream`. */
  message: string
  /** The request line nginx was serving, e.g. `GET /api/hello HTTP/1.1`. */
  request?: string
  /** The upstream URL it tried, e.g. `http://127.0.0.1:41234/api/hello`. */
  upstream?: string
  /** The whole line, date and all. */
  line: string
}

const LOG_LINE = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[(\w+)\] \d+#\d+: (?:\*\d+ )?(.*?)(?:, client: .*)?$/

export function parseNginxLog (text: string): NginxLogLine[] {
  return text.split('\n').filter(Boolean).map((line) => {
    const m = LOG_LINE.exec(line)
    const entry: NginxLogLine = { level: m?.[1] ?? '?', message: m?.[2] ?? line, line }
    const request = /request: "([^"]*)"/.exec(line)?.[1]
    const upstream = /upstream: "([^"]*)"/.exec(line)?.[1]
    if (request !== undefined) entry.request = request
    if (upstream !== undefined) entry.upstream = upstream
    return entry
  })
}

function configFor (dir: string, port: number, locations: NginxLocation[]): string {
  const location = (l: NginxLocation): string => [
    `    location ${l.path} {`,
    `      proxy_pass http://${hostPort(l.upstream.host, l.upstream.port)};`,
    ...(l.readTimeoutMs === undefined ? [] : [`      proxy_read_timeout ${Math.max(1, Math.round(l.readTimeoutMs))}ms;`]),
    ...(l.websocket ? ['      proxy_http_version 1.1;', '      proxy_set_header Upgrade $http_upgrade;', '      proxy_set_header Connection "upgrade";'] : []),
    '    }',
  ].join('\n')
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${join(dir, t)};`).join('\n')
  return `daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log off;
${temp}
  server {
    listen ${hostPort('127.0.0.1', port)};
${locations.map(location).join('\n')}
  }
}
`
}

/** Start nginx in front of the given upstreams; undefined when nginx is not installed here. */
export async function startNginx (lab: Lab, opts: NginxOptions): Promise<Nginx | undefined> {
  const binary = await which('nginx')
  if (binary === undefined) return undefined
  const name = opts.name ?? 'nginx'
  // Asked now, awaited once nginx listens: dpkg's search runs while nginx starts.
  const from = installedFrom(binary)
  const said = await run(binary, ['-v'], { allowFail: true })
  const version = /nginx\/[\w.]+/.exec(`${said.stderr}${said.stdout}`)?.[0] ?? 'nginx'

  const dir = await mkdtemp(join(tmpdir(), 'localhost-lab-nginx-'))
  lab.defer(() => rm(dir, { recursive: true, force: true }))
  const port = await freePort()
  const config = configFor(dir, port, opts.locations)
  const confPath = join(dir, 'nginx.conf')
  const logPath = join(dir, 'error.log')
  await writeFile(confPath, config)
  const t0 = now()
  const child = await lab.spawn(binary, ['-p', dir, '-c', confPath, '-e', logPath])
  const ready = await Promise.race([
    waitForPort({ host: '127.0.0.1', port, deadlineMs: 5000, signal: lab.signal }),
    child.exited.then(() => undefined),
  ])
  if (ready === undefined || !ready.ok) {
    await child.kill('SIGKILL')
    const log = await readFile(logPath, 'utf8').catch(() => '')
    throw new LabError('LAB_ERR_TOOL_FAILED', { command: `${binary} -p ${dir} -c ${confPath}`, said: (log.trim().split('\n').at(-1) ?? child.output().stderr.trim()).slice(0, 200) })
  }
  const at = { address: '127.0.0.1', port }
  const label = `${name} (pid ${child.pid})`
  lab.announce({ service: 'process', name: label, state: 'listening', at, elapsedMs: since(t0), pid: child.pid })

  const errorLog = async (): Promise<NginxLogLine[]> => parseNginxLog(await readFile(logPath, 'utf8').catch(() => ''))
  const source = `${version}, ${await from}`
  return {
    name: label, pid: child.pid, address: at.address, port, url: `http://${hostPort(at.address, port)}`, version, source, config, errorLog,
    async stop () {
      const t1 = now()
      const exit = await child.kill('SIGTERM')
      lab.announce({ service: 'process', name: label, state: 'closed', at, elapsedMs: since(t1), pid: child.pid })
      return exit
    },
  }
}

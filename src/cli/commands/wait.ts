import { EXIT_FAILED, EXIT_OK, LabError, type NotReadyReason } from '../../core/errors.js'
import type { Outcome } from '../../core/events.js'
import { defineCommand } from '../define-command.js'
import { stderr, stdout } from '../output.js'

/** One thing to wait for: a TCP connect to host:port, or a GET of a URL. */
type WaitTarget =
  | { kind: 'tcp', label: string, host: string, port: number }
  | { kind: 'http', label: string, url: string }

/** The default `--timeout`: the waiters' own default deadline (clients/wait-for.ts). */
const DEFAULT_TIMEOUT_MS = 10_000

export const command = defineCommand({
  name: 'wait',
  summary: 'wait until every target answers (TCP, or an HTTP status), for `&&` chains',
  positionals: { usage: '<target...>' },
  description: `Wait until each target answers, then exit 0: a TCP connect succeeds, or, with --http or for an http:// target, a
GET answers 2xx (or the --status you name). Every target is tried at once, each with backoff (25 ms, doubling up to
1000 ms, with jitter) or every --interval ms, until --timeout. Any host you name is tried, as wait-on does
(compose's db:5432); a name is resolved the way Node does. If one does not answer in time: exit 1 and one line per
target that did not, saying why (refused, timed out, the status it gave instead, a name that does not resolve).

Target forms (as probe reads them):
  3000 or :3000            localhost, port 3000
  db:5432                  a name and a port
  127.0.0.1:5432           an IPv4 address and a port (tcp:127.0.0.1:5432, as wait-on spells it, too)
  [::1]:3000               an IPv6 address (in brackets) and a port
  http://localhost:3000/x  a URL: http(s) is asked over HTTP, any other scheme (postgres://...) over TCP`,
  args: {
    timeout: { type: 'number', placeholder: 'ms', unit: 'milliseconds', min: 1, default: DEFAULT_TIMEOUT_MS, description: 'give up on a target this long after its first attempt' },
    http: { type: 'string', placeholder: 'path', description: 'ask host:port targets over HTTP: GET http://<host:port><path>', defaultHelp: 'a TCP connect; http:// targets over HTTP' },
    status: { type: 'number', placeholder: 'code', min: 100, max: 599, description: 'the HTTP status that means ready', defaultHelp: 'any 2xx' },
    interval: { type: 'number', placeholder: 'ms', unit: 'milliseconds', min: 1, description: 'try again every this many ms, a fixed interval', defaultHelp: 'backoff from 25 ms to 1000 ms' },
  },
  notes: `It prints one line per target when all have answered. It connects only to the targets you name.
Exit codes: 0 every target answered, 1 one or more did not (one line each on stderr), 2 bad usage, 130 Ctrl-C.`,
  examples: [
    'localhost-lab wait 127.0.0.1:5432 --timeout 30000 && npm test',
    'localhost-lab wait db:5432 cache:6379 --timeout 60000',
    'localhost-lab wait 127.0.0.1:3000 --http /health --status 204',
    'localhost-lab wait http://localhost:5173/ --interval 250',
  ],
  async check ({ values, positionals }) {
    const [{ parseTarget, ACCEPTED_FORMS }, { hostPort }, { redactArgv }] = await Promise.all([
      import('../../diagnose/probe/target.js'), import('../../net/address.js'), import('../../diagnose/redact.js'),
    ])
    if (positionals.length === 0) throw new LabError('LAB_ERR_BAD_TARGET', { nothingToWaitFor: true, accepted: ACCEPTED_FORMS })
    const path = values.http === undefined ? undefined : values.http.startsWith('/') ? values.http : `/${values.http}`
    const targets = positionals.map((text): WaitTarget => {
      // wait-on's own spelling of a TCP target, so that a script written for it runs unchanged.
      const target = parseTarget(text.replace(/^tcp:(?!\/\/)/i, ''))
      if (target instanceof LabError) throw target
      const at = hostPort(target.host, target.port)
      const asHttp = (url: string, problem: string): WaitTarget => {
        // A path with spaces or a bad escape: better one line now than a failed fetch on every attempt until --timeout.
        if (!URL.canParse(url)) throw new LabError('LAB_ERR_BAD_TARGET', { target: text, problem, accepted: ACCEPTED_FORMS })
        return { kind: 'http', label: `GET ${url}`, url }
      }
      if (target.scheme === 'http' || target.scheme === 'https') {
        if (/^[a-z]+:\/\/[^/?#]*@/i.test(target.input)) {
          throw new LabError('LAB_ERR_BAD_TARGET', { target: redactArgv([target.input])[0]!, problem: 'fetch refuses a URL with user:password@ in it; wait for its host:port instead', accepted: ACCEPTED_FORMS })
        }
        return asHttp(target.input, 'it is not a URL fetch can request')
      }
      if (path !== undefined) return asHttp(`http://${at}${path}`, `--http '${path}' does not make a URL with it`)
      return { kind: 'tcp', label: at, host: target.host, port: target.port }
    })
    if (values.status !== undefined && !targets.some((t) => t.kind === 'http')) {
      throw new LabError('LAB_ERR_BAD_ARGUMENT', { statusWithoutHttp: values.status })
    }
    return { ...values, targets }
  },
  async run ({ targets, timeout, status, interval }) {
    const [{ interruptible }, { waitForHttp, waitForPort }, { oneLine }] = await Promise.all([
      import('../signals.js'), import('../../clients/wait-for.js'), import('../../render/escape.js'),
    ])
    return interruptible(async (signal) => {
      // --interval is the same loop with a factor of 1 and no jitter: every pause the same length.
      const pace = interval === undefined ? {} : { initialDelayMs: interval, maxDelayMs: interval, factor: 1, jitter: 0 }
      const options = { deadlineMs: timeout, signal, ...pace }
      const expected = status ?? '2xx'
      const results = await Promise.all(targets.map((t) => t.kind === 'tcp'
        ? waitForPort({ ...options, host: t.host, port: t.port })
        : waitForHttp(t.url, { ...options, path: '', status: expected })))
      if (signal.aborted) return EXIT_FAILED
      const failed = results.flatMap((r, i) => r.ok ? [] : [new LabError('LAB_ERR_NOT_READY', {
        target: targets[i]!.label, deadlineMs: r.deadlineMs, attempts: r.attempts.length, why: whyNot(r.attempts, String(expected)),
      })])
      if (failed.length === 0) {
        stdout.write(results.map((r) => `${oneLine(r.message)}\n`).join(''))
        return EXIT_OK
      }
      stderr.write(failed.map((err) => `localhost-lab: ${oneLine(err.message)}\n`).join(''))
      return EXIT_FAILED
    })
  },
})

const timedOut = (o: Outcome): boolean => o.code === 'ETIMEDOUT' || o.errorName === 'TimeoutError'

/**
 * Why a target was not ready, from its attempts' Outcomes (codes, never message text). The last attempt speaks, unless
 * it timed out after an earlier one said more: the waiter cuts the final attempt to what is left of the deadline,
 * so a port that refused for 30 s would otherwise be reported as "timed out after 4 ms".
 */
function whyNot (attempts: readonly Outcome[], expected: string): NotReadyReason {
  const last = [...attempts].reverse().find((o) => !timedOut(o)) ?? attempts.at(-1)!
  if (last.status !== undefined) return { status: last.status, expected }
  if (last.code === 'ECONNREFUSED') return { refused: true }
  if (timedOut(last)) return { timedOutAfterMs: Math.round(Math.max(...attempts.map((o) => o.elapsedMs))) }
  if (last.code === 'ENOTFOUND' || last.code === 'EAI_AGAIN' || last.code === 'EAI_NONAME') return { notFound: last.target.host, code: last.code }
  // fetch says `fetch failed` and puts the reason in its cause (`bad port`, a certificate error).
  return { code: last.code ?? last.errorName ?? 'failed', said: [last.message, ...(last.causes ?? []).map((c) => c.message)].filter(Boolean).join(': ') }
}

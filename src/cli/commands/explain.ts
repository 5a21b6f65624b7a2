/**
 * `localhost-lab explain "<error text>"` (or piped on stdin): the ranked causes of a pasted error, the scenario that
 * reproduces each, the address and port the text names. Loads no server library (fastify, ws, pino): it should start
 * as fast as node itself. `--probe` loads the network code only when asked.
 */
import { LabError } from '../../core/errors.js'
import { hostPort } from '../../net/address.js'
import { explain, type ExplainResult } from '../../diagnose/explain/explain.js'
import { LogReader, type Finding, type LogSummary } from '../../diagnose/explain/log.js'
import { colorsEnabled, createColors, type Colors } from '../../render/colors.js'
import { escapeControls, escapeStrings } from '../../render/escape.js'
import { wrap as wrapText } from '../../render/wrap.js'
import { count } from '../../render/format.js'
import { defineCommand } from '../define-command.js'
import { demoCommand } from '../../core/invocation.js'
import { stdout, writeJson } from '../output.js'
import { interruptible } from '../signals.js'

/**
 * A new failure found while the log still flows is printed this long after it was found, unless EOF comes first:
 * `echo … | localhost-lab explain` then prints one answer, not an update and the same answer again.
 */
const UPDATE_DELAY_MS = 50
/** The longest input line a headline shows. */
const HEADLINE_MAX = 160

export const command = defineCommand({
  name: 'explain',
  summary: 'explain an error text: ranked causes, the scenario that reproduces each, the address and port it names',
  positionals: { usage: '"<error text>"' },
  description: `Recognises connection errors from Node (net, fetch/undici, ws), browsers, curl, Python, Java, Go, Rust, .NET and
Windows, PostgreSQL, MySQL, Redis, MongoDB, nginx, Docker and dev-server proxies (Vite, webpack, Next). Prints the
likely causes, ranked, each with why, the fix and \`${demoCommand('<id>')}\` to watch it happen on real sockets; the address
and port found in the text; and what would tell the causes apart when the text alone cannot.

With no argument, reads the text from stdin (when stdin is not a terminal): \`<command> 2>&1 | localhost-lab explain\`.
A log is read line by line as it arrives, whole, however long: each failure is printed as soon as it is recognised
(with the line it was found on), repeats are counted, and at the end several failures are summarised in order, with
their causal order when one explains the other. Ctrl-C prints what was found so far.
A text that starts with a dash is read as text when it cannot be an option (\`"- error: …"\`); otherwise put \`--\` before it.`,
  args: {
    json: {
      type: 'boolean',
      description: 'print JSON: {"candidates": [{"kind", "scenario", "confidence", "why", "fix", "command", ...}], "address", "port", "recognised", ...}; from stdin, one {"type": "update", ...} per new failure, then {"type": "final", ..., "line", "failures"}',
      defaultHelp: 'human text',
    },
    probe: {
      type: 'boolean',
      description: 'also connect, now, to the address and port found, if they are on this machine (localhost, 127.x, ::1), and report open / refused / timed out per address',
    },
    top: { type: 'number', placeholder: 'n', min: 1, max: 16, default: 3, description: 'how many candidates to print, 1-16', defaultHelp: '3; --json always has all of them' },
  },
  notes: 'Exit codes: 0 recognised, 1 not recognised (the answer is `unknown`), 2 bad usage.',
  examples: [
    'localhost-lab explain "connect ECONNREFUSED ::1:5173"',
    'localhost-lab explain "curl: (7) Failed to connect to localhost port 3000 after 0 ms: Couldn\'t connect to server" --probe',
    'npm run dev 2>&1 | localhost-lab explain',
    'localhost-lab explain --json "listen EADDRINUSE: address already in use :::3000" | jq -r \'.candidates[0].kind\'',
  ],
  async run ({ values, positionals }) {
    const top = values.top
    const text = positionalText(positionals)
    if (text === undefined) return await interruptible((signal) => explainLog({ json: values.json, probe: values.probe, top }, signal))
    const result = explain(text)
    const probe = values.probe ? await probeFound(result) : undefined
    if (values.json) {
      writeJson(probe ? { ...result, probe } : result)
    } else {
      const c = createColors(colorsEnabled(stdout))
      stdout.write(render(result, firstLine(text), top, c))
      if (probe) stdout.write(await renderProbe(probe, c))
    }
    return result.recognised ? 0 : 1
  },
})

/** The text given as arguments; undefined when it is to be read from stdin (none given, or `-`). */
function positionalText (positionals: string[]): string | undefined {
  if (positionals.length > 0 && !(positionals.length === 1 && positionals[0] === '-')) return positionals.join(' ')
  if (process.stdin.isTTY && positionals.length === 0) {
    throw new LabError('LAB_ERR_BAD_ARGUMENT', { nothingToExplain: true })
  }
  return undefined
}

type Probe = Awaited<ReturnType<typeof import('../../diagnose/explain/explain-probe.js').probeFound>>

async function probeFound (result: ExplainResult): Promise<Probe> {
  return (await import('../../diagnose/explain/explain-probe.js')).probeFound(result.address, result.port)
}

interface LogOptions { json: boolean, probe: boolean, top: number }

/**
 * stdin as a log, answered while it flows: each new failure printed UPDATE_DELAY_MS after it was found (unless EOF
 * came first), then the final answer at EOF or on Ctrl-C (`signal`).
 */
async function explainLog (opts: LogOptions, signal: AbortSignal): Promise<number> {
  const c = createColors(colorsEnabled(stdout))
  const printed = new Set<Finding>()
  let due: Finding[] = []
  let timer: NodeJS.Timeout | undefined
  function printDue (): void {
    timer = undefined
    for (const f of due) {
      printed.add(f)
      if (opts.json) writeJson({ type: 'update', ...findingJson(f) })
      else stdout.write(render(f.result, findingHeadline(f), opts.top, c))
    }
    due = []
  }
  const reader = new LogReader({
    onFailure (finding) {
      due.push(finding)
      timer ??= setTimeout(printDue, UPDATE_DELAY_MS)
    },
  })
  await readStdin(reader, signal)
  const summary = reader.end()
  // What was due (and what EOF itself found) is said by the final answer.
  clearTimeout(timer)
  const interrupted = signal.aborted
  if (!summary.sawText && !interrupted) throw new LabError('LAB_ERR_BAD_ARGUMENT', { nothingToExplain: true })
  // The answer is about the first failure; a server's announcement of where it listens is only the answer when nothing failed.
  const main = summary.failures.find((f) => f.kind !== 'announcement') ?? summary.failures[0]
  const result = main?.result ?? summary.tail ?? explain('')
  const probe = opts.probe ? await probeFound(result) : undefined
  if (opts.json) {
    writeJson({
      type: 'final',
      ...result,
      line: main?.line ?? null,
      text: main?.text ?? null,
      lines: summary.lines,
      failures: summary.failures.map(findingJson),
      notKept: summary.notKept,
      causes: summary.causes,
      ...(interrupted ? { interrupted: true } : {}),
      ...(probe ? { probe } : {}),
    })
  } else {
    stdout.write(renderLogEnd(summary, printed, interrupted, opts.top, c))
    if (probe) stdout.write(await renderProbe(probe, c))
  }
  return main !== undefined ? 0 : 1
}

/** Feed stdin to `reader` until EOF or `signal` (Ctrl-C); then let go of stdin, so that a writer still running cannot keep us. */
async function readStdin (reader: LogReader, signal: AbortSignal): Promise<void> {
  const input = process.stdin
  await new Promise<void>((resolve, reject) => {
    function stdinOnData (chunk: Buffer | string): void {
      reader.push(chunk)
    }
    function done (): void {
      input.removeListener('data', stdinOnData)
      input.removeListener('end', done)
      input.removeListener('error', stdinOnError)
      signal.removeEventListener('abort', done)
      resolve()
    }
    function stdinOnError (err: Error): void {
      done()
      reject(err)
    }
    if (signal.aborted) return done()
    input.on('data', stdinOnData)
    input.once('end', done)
    input.once('error', stdinOnError)
    signal.addEventListener('abort', done, { once: true })
  })
  if (signal.aborted) input.destroy()
}

function findingJson (f: Finding): Record<string, unknown> {
  return { ...f.result, kind: f.kind, line: f.line, text: f.text, count: f.count, firstLine: f.firstLine, lastLine: f.lastLine }
}

function findingHeadline (f: Finding): string {
  const text = f.text.trim()
  return `line ${f.line}: ${text.length > HEADLINE_MAX ? `${text.slice(0, HEADLINE_MAX - 3)}...` : text}`
}

/** What the end of a log adds to the updates already printed: the failures not printed yet, and the summary of several. */
function renderLogEnd (summary: LogSummary, printed: ReadonlySet<Finding>, interrupted: boolean, top: number, c: Colors): string {
  const out: string[] = []
  if (summary.failures.length === 0) {
    if (interrupted) return `${c.dim('explain:')} nothing recognised yet in ${lineCount(summary.lines)}\n`
    return render(summary.tail ?? explain(''), `nothing recognised in ${lineCount(summary.lines)}`, top, c)
  }
  for (const f of summary.failures) if (!printed.has(f)) out.push(render(f.result, findingHeadline(f), top, c))
  if (summary.failures.length > 1 || summary.notKept > 0) {
    const list = [`${c.bold(`${summary.failures.length} distinct failures`)} in ${lineCount(summary.lines)}${interrupted ? ' (interrupted)' : ''}, in order of first appearance:`]
    for (const f of escapeStrings(summary.failures)) {
      const where = endpoint(f.result.address, f.result.port)
      const repeats = f.count > 1 ? ` (${f.count} times, last on line ${f.lastLine})` : ''
      list.push(`  line ${f.line}: ${c.cyan(f.kind)}${where === '' ? '' : ` at ${where}`}${repeats}`)
    }
    if (summary.notKept > 0) list.push(c.dim(`  (and ${summary.notKept} more findings of other failures, not kept)`))
    out.push(list.join('\n'), '')
    for (const sentence of summary.causes) out.push(wrap(sentence, 0), '')
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`
}

function lineCount (n: number): string {
  return n === 1 ? '1 line' : `${count(n)} lines`
}

function width (): number {
  const cols = stdout.columns
  return Math.max(60, Math.min(cols && cols > 0 ? cols : 100, 120))
}

/** Word-wrap `text` for a block that starts at column `indent`, to the terminal's width. */
function wrap (text: string, indent: number): string {
  return wrapText(text, indent, width())
}

function firstLine (text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => /error|refused|fail|EADDR|ECONN|E[A-Z]{4,}|timed? ?out|reset|hang/i.test(l)) ??
    text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? ''
  return line.length > 100 ? `${line.slice(0, 97)}...` : line
}

function endpoint (address: string | null, port: number | null): string {
  if (address === null) return port === null ? '' : `port ${port}`
  return port === null ? address : hostPort(address, port)
}

/** The answer block for one result, under `headline` (the line it was found on, or the first error-looking line). */
function render (result: ExplainResult, headline: string, top: number, c: Colors): string {
  // The input, and whatever of it the result quotes (host, evidence), is text from outside: escaped before our colors.
  const r = escapeStrings(result)
  const out: string[] = []
  const head = escapeControls(headline)
  if (head !== '') out.push(`${c.dim('explain:')} ${head}`, '')
  if (r.address !== null || r.port !== null) {
    const parts = [c.bold(endpoint(r.address, r.port))]
    if (r.family) parts.push(`(${r.family})`)
    if (r.host !== null && r.host !== r.address) parts.push(`from the name ${r.host}`)
    const others = r.endpoints.filter((e) => e.address !== r.address || e.port !== r.port).map((e) => endpoint(e.address, e.port))
    if (others.length > 0) parts.push(`; also named: ${others.slice(0, 4).join(', ')}`)
    out.push(`Found ${parts.join(' ')}`, '')
  } else if (r.recognised) {
    out.push('The text names no address or port.', '')
  }
  r.candidates.slice(0, top).forEach((cand, i) => {
    const n = `${i + 1}.`
    const label = cand.kind === 'unknown' ? c.yellow(cand.kind) : i === 0 ? c.bold(c.cyan(cand.kind)) : c.cyan(cand.kind)
    out.push(`${n} ${label}  ${c.dim(`confidence ${cand.confidence.toFixed(2)}`)}  ${cand.title}`)
    out.push(`   why  ${wrap(cand.why, 8)}`)
    out.push(`   fix  ${wrap(cand.fix, 8)}`)
    out.push(`   see  ${c.green(cand.command)}`)
    // The evidence that counted, with what it means (`"[Errno 111]": 111 is ECONNREFUSED on Linux`), then the rules.
    const read = cand.because.slice(0, 3).map((e) => `${JSON.stringify(e.text)}${e.means.endsWith('wording') ? '' : ` (${e.means})`}`)
    const rules = cand.evidence.filter((e) => !cand.because.some((b) => b.text === e)).slice(0, Math.max(0, 3 - read.length)).map((e) => JSON.stringify(e))
    if (read.length + rules.length > 0) out.push(`   ${c.dim(`evidence: ${wrap([...read, ...rules].join(', '), 13)}`)}`)
    out.push('')
  })
  if (r.candidates.length > top) out.push(c.dim(`(${r.candidates.length - top} more with lower confidence: --top ${Math.min(16, r.candidates.length)} or --json)`), '')
  if (r.tellApart.length > 0) {
    out.push(r.tellApart.length > 1 || r.candidates.length > 1 ? 'What tells them apart:' : 'To be sure:')
    for (const t of r.tellApart.slice(0, top)) out.push(`  - ${wrap(t, 4)}`)
    out.push('')
  }
  return `${out.join('\n')}`
}

async function renderProbe (probe: Probe, c: Colors): Promise<string> {
  const out = ['', 'Probe (now):']
  for (const reason of probe.notProbed) out.push(`  ${c.dim(`not probed: ${reason}`)}`)
  if (probe.report) out.push((await import('../../render/probe.js')).renderProbe(probe.report, c))
  return `${out.join('\n')}\n`
}

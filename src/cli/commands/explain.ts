/**
 * `localhost-lab explain "<error text>"` (or piped on stdin): the ranked causes of a pasted error, the scenario that
 * reproduces each, the address and port the text names. Loads no server library (fastify, ws, pino): it should start
 * as fast as node itself. `--probe` loads the network code only when asked.
 */
import { LabError } from '../../core/errors.js'
import { hostPort } from '../../net/address.js'
import { explain, type ExplainResult } from '../../diagnose/explain/explain.js'
import { colorsEnabled, createColors, type Colors } from '../../render/colors.js'
import { escapeStrings } from '../../render/escape.js'
import { wrap as wrapText } from '../../render/wrap.js'
import { defineCommand } from '../define-command.js'
import { demoCommand } from '../../core/invocation.js'
import { stdout, writeJson } from '../output.js'

/** stdin beyond this is dropped from the front: the error is at the end of a log, and explain reads the tail anyway. */
const MAX_STDIN = 4 * 1024 * 1024

export const command = defineCommand({
  name: 'explain',
  summary: 'explain an error text: ranked causes, the scenario that reproduces each, the address and port it names',
  positionals: { usage: '"<error text>"' },
  description: `Recognises connection errors from Node (net, fetch/undici, ws), browsers, curl, Python, Java, Go, Rust, .NET and
Windows, PostgreSQL, MySQL, Redis, MongoDB, nginx, Docker and dev-server proxies (Vite, webpack, Next). Prints the
likely causes, ranked, each with why, the fix and \`${demoCommand('<id>')}\` to watch it happen on real sockets; the address
and port found in the text; and what would tell the causes apart when the text alone cannot.

With no argument, reads the text from stdin (when stdin is not a terminal): \`<command> 2>&1 | localhost-lab explain\`.
Put \`--\` before a text that starts with a dash.`,
  args: {
    json: {
      type: 'boolean',
      description: 'print one JSON object: {"candidates":[{"kind","scenario","confidence","why","fix","command",...}], "address","port","family","host","endpoints","tellApart","recognised"}',
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
    const text = await inputText(positionals)
    const result = explain(text)
    const probe = values.probe
      ? await (await import('../../diagnose/explain/explain-probe.js')).probeFound(result.address, result.port)
      : undefined

    if (values.json) {
      writeJson(probe ? { ...result, probe } : result)
    } else {
      const c = createColors(colorsEnabled(stdout))
      stdout.write(render(result, text, top, c))
      if (probe) stdout.write(await renderProbe(probe, c))
    }
    return result.recognised ? 0 : 1
  },
})

async function inputText (positionals: string[]): Promise<string> {
  if (positionals.length > 0 && !(positionals.length === 1 && positionals[0] === '-')) return positionals.join(' ')
  if (process.stdin.isTTY && positionals.length === 0) {
    throw new LabError('LAB_ERR_BAD_ARGUMENT', { nothingToExplain: true })
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of process.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
    chunks.push(b)
    size += b.length
    while (size - chunks[0]!.length >= MAX_STDIN) size -= chunks.shift()!.length
  }
  const text = Buffer.concat(chunks).toString('utf8')
  // `: | localhost-lab explain` (zero bytes) or only blank lines: nothing was given, as on a terminal with no text.
  if (text.trim() === '') throw new LabError('LAB_ERR_BAD_ARGUMENT', { nothingToExplain: true })
  return text
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

function render (result: ExplainResult, text: string, top: number, c: Colors): string {
  // The input, and whatever of it the result quotes (host, evidence), is text from outside: escaped before our colors.
  const r = escapeStrings(result)
  const out: string[] = []
  const head = escapeStrings(firstLine(text))
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
    if (cand.evidence.length > 0) out.push(`   ${c.dim(`evidence: ${cand.evidence.slice(0, 3).map((e) => JSON.stringify(e)).join(', ')}`)}`)
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

async function renderProbe (probe: Awaited<ReturnType<typeof import('../../diagnose/explain/explain-probe.js').probeFound>>, c: Colors): Promise<string> {
  const out = ['', 'Probe (now):']
  for (const reason of probe.notProbed) out.push(`  ${c.dim(`not probed: ${reason}`)}`)
  if (probe.report) out.push((await import('../../render/probe.js')).renderProbe(probe.report, c))
  return `${out.join('\n')}\n`
}

/**
 * The dashboard's data sources, behind one small adapter: the explain box, the ports view and its Check button. The
 * page and the server only know these shapes; what fills them can change without touching either.
 *
 * `explainText` is the `explain` command's own analysis (src/diagnose/explain.ts); `listPorts` is the `ports`
 * command's (src/diagnose/listeners.ts); both are read-only and connect to nothing. `checkListener` is the `check`
 * command's (src/diagnose/check/check.ts) for one listener, and the only one that connects: to that listener, on this
 * machine, and only when the page asks for it.
 */
import type { CheckedListener } from '../diagnose/check/check.js'
import { listListeners, type Listener } from '../diagnose/ports/listeners.js'
import { canonicalAddress, hostPort } from '../net/address.js'

export interface Candidate {
  /** What kind of problem, e.g. `refused`, `port-in-use`. */
  kind: string
  /** The scenario that reproduces it (an id in the catalogue). */
  scenario: string
  /** 0..1 */
  confidence: number
  why: string
  fix: string
  /** The command that runs the scenario where the user is (cli/invocation.ts), e.g. `npm run demo:refused` in the repository. */
  command: string
}

export interface ExplainResult {
  candidates: Candidate[]
  /** Set when there is something to say besides the candidates (e.g. that explain is not available). */
  note?: string
  /** The address and port found in the text, when there was one. */
  address?: string
  port?: number
}

export async function explainText (text: string): Promise<ExplainResult> {
  const { explain } = await import('../diagnose/explain/explain.js')
  const r = explain(text)
  const out: ExplainResult = { candidates: r.candidates }
  if (r.tellApart.length > 0) out.note = r.tellApart.join(' ')
  if (r.address !== null) out.address = r.address
  if (r.port !== null) out.port = r.port
  return out
}

/** One row of the ports view: the `ports` command's own listener record (src/diagnose/listeners.ts). */
export type PortRow = Listener

/** Every listening TCP socket on this machine (this network namespace), by port, as `localhost-lab ports` sees it. */
export async function listPorts (): Promise<PortRow[]> {
  const { listeners } = await listListeners()
  return [...listeners].sort((a, b) => a.port - b.port || a.address.localeCompare(b.address))
}

/** What the page shows after a Check click: the `check --json` record, its plain words, and check's notes. */
export interface CheckResult {
  listener: CheckedListener
  /** For the non-developer first: what it is, who can reach it, the verdict, the worst risk and its fix. */
  plain: string[]
  notes: string[]
}

/**
 * Check one listener of this machine: `address` and `port` as /api/ports lists them. Undefined when this machine has
 * no listener there now (nothing is probed then): the page can only ask about what the kernel lists.
 */
export async function checkListener (address: string, port: number): Promise<CheckResult | undefined> {
  const { listeners } = await listListeners({ port })
  const wanted = canonicalAddress(address)
  if (!listeners.some((l) => canonicalAddress(l.address) === wanted)) return undefined
  const [{ check, checkJson, localTarget }, { parseTarget }, { plainWords }] = await Promise.all([
    import('../diagnose/check/check.js'), import('../diagnose/probe/target.js'), import('../render/check.js'),
  ])
  const target = parseTarget(hostPort(wanted, port))
  if (target instanceof Error) return undefined
  // localTarget refuses an address that is not this machine's, even one the table listed (a belt to the braces).
  const report = await check({ target: await localTarget(target) })
  const row = report.listeners.find((l) => canonicalAddress(l.address) === wanted)
  if (row === undefined) return undefined
  const contract = checkJson({ ...report, listeners: [row] }).listeners[0]!
  return { listener: contract, plain: plainWords(row), notes: report.notes }
}

export interface Sources {
  explainText: (text: string) => Promise<ExplainResult>
  listPorts: () => Promise<PortRow[]>
  checkListener: (address: string, port: number) => Promise<CheckResult | undefined>
}

export const sources: Sources = { explainText, listPorts, checkListener }

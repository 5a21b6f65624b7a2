/**
 * The dashboard's two data sources, behind one small adapter: the explain box and the ports view. The page and the
 * server only know these shapes; what fills them can change without touching either.
 *
 * `explainText` is the `explain` command's own analysis (src/diagnose/explain.ts); `listPorts` is the `ports`
 * command's (src/diagnose/listeners.ts). Read-only: it connects to nothing.
 */
import { listListeners, type Listener } from '../diagnose/ports/listeners.js'

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

export interface Sources {
  explainText: (text: string) => Promise<ExplainResult>
  listPorts: () => Promise<PortRow[]>
}

export const sources: Sources = { explainText, listPorts }

/**
 * Issue 15's speed rows for `npm run bench`: `ports` with many listeners against lsof and ss, where loopback-speed's
 * time goes against wrk, and what `demo ephemeral` costs. `speedRows(cli)` returns the rows (bench/run.ts prints them
 * in its one table); run alone, `node dist/bench/speed.js [ports|loopback|ephemeral]` prints them itself.
 */
import { fileURLToPath } from 'node:url'
import { table } from './lib.js'
import { portsRows } from './ports-many.js'

export interface SpeedRow { what: string, figure: string, baseline?: string, ratio?: string, target?: string, met?: string }

const sections: Record<string, (cli: string) => Promise<SpeedRow[]>> = {
  ports: async (cli) => await portsRows(cli),
}

/** Every section's rows, one section after the other (never at the same time: they would measure each other). */
export async function speedRows (cli: string, only?: string[]): Promise<SpeedRow[]> {
  const rows: SpeedRow[] = []
  for (const [name, section] of Object.entries(sections)) {
    if (only === undefined || only.includes(name)) rows.push(...await section(cli))
  }
  return rows
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2)
  const unknown = only.filter((n) => !(n in sections))
  if (unknown.length > 0) {
    process.stderr.write(`unknown section '${unknown[0]}': choose from ${Object.keys(sections).join(', ')}\n`)
    process.exit(2)
  }
  const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url))
  const rows = await speedRows(cli, only.length > 0 ? only : undefined)
  process.stdout.write(`${table(rows.map((r) => ({ what: r.what, figure: r.figure, baseline: r.baseline ?? '', ratio: r.ratio ?? '', target: r.target ?? '', met: r.met ?? '' })))}\n`)
}

/**
 * A small Node program run as a real child process, from a file of its own, so that the system shows it as
 * `node /tmp/localhost-lab-XXXX/<name>.cjs` (a readable command line, where `node -e` would show the whole source).
 * The file lives in a temporary folder the lab removes at the end; the child is the lab's (killed at the end).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Lab } from '../core/lab.js'
import type { LabChild } from './child.js'

export interface ScriptOptions {
  /** Arguments for the script (`process.argv.slice(2)`). */
  args?: string[]
  /** Run it through this command first, e.g. `['unshare', '-n']`: then node is that command's last argument. */
  wrap?: string[]
  /** Open an IPC channel (`process.send`). Default true. */
  ipc?: boolean
}

export async function spawnNodeScript (lab: Lab, name: string, source: string, opts: ScriptOptions = {}): Promise<LabChild> {
  const dir = await mkdtemp(join(tmpdir(), 'localhost-lab-'))
  lab.defer(() => rm(dir, { recursive: true, force: true }))
  const file = join(dir, `${name}.cjs`)
  await writeFile(file, source)
  const node = [process.execPath, file, ...(opts.args ?? [])]
  const [command, ...args] = opts.wrap ? [...opts.wrap, ...node] : node
  return lab.spawn(command!, args, { ipc: opts.ipc ?? true })
}

/** Helpers for the namespace scenarios' tests: what of ours the kernel still has (namespaces, child processes). */
import { readFile, readdir } from 'node:fs/promises'
import { labNamespaces, ownerPid } from '../src/netns/namespace.js'

/** Network namespaces this process created and still has. */
export async function ourNamespaces (): Promise<string[]> {
  return (await labNamespaces()).filter((n) => ownerPid(n) === process.pid)
}

/**
 * Live child processes of this process (from /proc/<pid>/stat: the 4th field is the parent pid), except esbuild: tsx
 * starts it to compile TypeScript the first time a file is loaded, and it belongs to the test runner, not to the lab.
 */
export async function ourChildren (): Promise<Array<{ pid: number, command: string }>> {
  const found: Array<{ pid: number, command: string }> = []
  for (const d of await readdir('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const stat = await readFile(`/proc/${d}/stat`, 'utf8')
      // The command name is in parentheses and may contain spaces: read the fields after the last ')'.
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (Number(after[1]) !== process.pid || after[0] === 'Z') continue
      const command = (await readFile(`/proc/${d}/cmdline`, 'utf8')).split('\0').join(' ').trim()
      if (/(^|\/)esbuild( |$)/.test(command)) continue
      found.push({ pid: Number(d), command })
    } catch {
      // It exited while we looked.
    }
  }
  return found
}

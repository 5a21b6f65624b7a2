/** Helpers for the namespace scenarios' tests: what of ours the kernel still has (namespaces, child processes). */
import { spawn, spawnSync } from 'node:child_process'
import { readFile, readdir } from 'node:fs/promises'
import { labNamespaces, ownerPid } from '../src/netns/namespace.js'
import { which } from '../src/process/tool.js'
import { CLI } from './helpers.js'

const NOBODY = 65534

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

/**
 * Why uid `uid` cannot read these files (the lab's agent runs as that user in privileged-port), or undefined when it
 * can. A checkout inside a private home directory is the usual reason.
 */
export async function unreadableFor (uid: number, paths: string[]): Promise<string | undefined> {
  const setpriv = await which('setpriv')
  if (setpriv === undefined) return 'setpriv is not installed'
  const script = `for (const p of ${JSON.stringify(paths)}) require('fs').accessSync(p, require('fs').constants.R_OK)`
  // tap adds its process-info loader to NODE_OPTIONS of every child; as another user it could not write its report.
  const r = spawnSync('env', ['-u', 'NODE_OPTIONS', setpriv, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', process.execPath, '-e', script], { encoding: 'utf8' })
  return r.status === 0 ? undefined : `uid ${uid} cannot read the lab's files: ${(r.stderr ?? '').trim().split('\n').find((l) => l.includes('EACCES')) ?? r.stderr.trim().split('\n').at(-1)}`
}

/** Run a command to its end (no colors), with what it wrote. */
export function runCommand (args: string[]): Promise<{ code: number | null, stdout: string, stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(args[0]!, args.slice(1), { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/**
 * The command prefix that runs node as an ordinary user (uid 65534 when the tests run as root; just node when they
 * do not), or why we cannot: the built CLI must be readable by that user.
 */
export async function asOrdinaryUser (): Promise<string[] | string> {
  if (process.getuid?.() !== 0) return [process.execPath]
  const why = await unreadableFor(NOBODY, [CLI])
  if (why !== undefined) return why
  // tap adds its process-info loader to NODE_OPTIONS of every child; as nobody it could not write its report.
  return ['env', '-u', 'NODE_OPTIONS', (await which('setpriv'))!, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath]
}

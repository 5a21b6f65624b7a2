/**
 * The CLI as functions, without side effects at import: `parseCommandLine(argv)` decides what a command line asks for
 * (and rejects bad usage) without doing it; `main(argv)` does it; `runCli(argv)` is what the `localhost-lab` bin runs.
 * Exit codes: 0 ok, 1 failed or a problem found, 2 usage, 130 Ctrl-C, 143 SIGTERM.
 * Set LOCALHOST_LAB_DEBUG=1 to see stacks of internal errors.
 */
import { EXIT_FAILED, EXIT_USAGE, LabError } from '../core/errors.js'
import { oneLine } from '../render/escape.js'
import type { TextOut } from '../render/console.js'
import { finalExitCode, stderr as stderrOut, stdout } from './output.js'
import type { Command } from './define-command.js'

/** Every command, one lazily loaded module each. A new command is one line here. */
export const commands: Record<string, () => Promise<{ command: Command }>> = {
  list: () => import('./commands/list.js'),
  demo: () => import('./commands/demo.js'),
  explain: () => import('./commands/explain.js'),
  probe: () => import('./commands/probe.js'),
  ports: () => import('./commands/ports.js'),
  check: () => import('./commands/check.js'),
  wait: () => import('./commands/wait.js'),
  serve: () => import('./commands/serve.js'),
  dashboard: () => import('./commands/dashboard.js'),
}

/** What a command line asks for. Nothing has been written or started yet. */
export type Invocation =
  | { kind: 'usage', text: string, exitCode: number }
  | { kind: 'help', name: string, text: string }
  | { kind: 'version', text: string }
  /** The command line, checked; `run` does what it asks. */
  | { kind: 'run', name: string, run: () => Promise<number> }

function lookup (name: string): (() => Promise<{ command: Command }>) | undefined {
  // Own keys only: `constructor` or `__proto__` typed as a command must not reach Object.prototype.
  return Object.hasOwn(commands, name) ? commands[name] : undefined
}

async function usage (): Promise<string> {
  const lines = ['localhost-lab: real loopback services, real failures, explained with measured facts.', '', 'Usage: localhost-lab <command> [options]', '', 'Commands:']
  for (const [name, load] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${(await load()).command.summary}`)
  lines.push('', 'Run `localhost-lab <command> --help` for its options and examples.', 'Exit codes: 0 ok, 1 failed or a problem found, 2 bad usage, 130 interrupted (Ctrl-C), 143 terminated.')
  return lines.join('\n')
}

async function version (): Promise<string> {
  const { readFile } = await import('node:fs/promises')
  // dist/src/cli/app.js when built, src/cli/app.ts under tsx: the first package.json up the tree is ours.
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(await readFile(new URL(up, import.meta.url), 'utf8')) as { name?: string, version: string }
      if (pkg.name === 'localhost-lab') return pkg.version
    } catch {}
  }
  return 'unknown'
}

/**
 * Decide what `argv` asks for without doing it: no output, no sockets, no processes. Throws a LabError (exit code 2)
 * for bad usage: every command's arguments are parsed and checked here, by its declaration.
 */
export async function parseCommandLine (argv: readonly string[]): Promise<Invocation> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const about = rest[0]
    const load = about === undefined ? undefined : lookup(about)
    if (name === 'help' && load !== undefined) return { kind: 'help', name: about!, text: (await load()).command.help }
    return { kind: 'usage', text: await usage(), exitCode: name === undefined ? EXIT_USAGE : 0 }
  }
  if (name === '--version' || name === '-v') return { kind: 'version', text: await version() }
  const load = lookup(name)
  if (!load) {
    throw new LabError('LAB_ERR_UNKNOWN_COMMAND', { name, known: Object.keys(commands) })
  }
  const { command } = await load()
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', name, text: command.help }
  return { kind: 'run', name, run: await command.prepare(rest) }
}

/** Run a command line. Writes help and version to stdout; errors are thrown (see `report`). */
export async function main (argv: readonly string[]): Promise<number> {
  const inv = await parseCommandLine(argv)
  switch (inv.kind) {
    case 'usage':
      stdout.write(`${inv.text}\n`)
      return inv.exitCode
    case 'help':
    case 'version':
      stdout.write(`${inv.text}\n`)
      return 0
    case 'run':
      return inv.run()
  }
}

/** One line on stderr for any error; the exit code it deserves. Never a stack trace unless LOCALHOST_LAB_DEBUG. */
export function report (err: unknown, stderr: TextOut = stderrOut): number {
  if (err instanceof LabError) {
    stderr.write(`localhost-lab: ${oneLine(err.message)}\n`)
    return err.exitCode
  }
  const message = err instanceof Error ? err.message : String(err)
  stderr.write(`localhost-lab: internal error: ${oneLine(message.split('\n')[0] ?? '')} (set LOCALHOST_LAB_DEBUG=1 for details)\n`)
  if (process.env.LOCALHOST_LAB_DEBUG) stderr.write(`${(err as Error)?.stack ?? ''}\n`)
  return EXIT_FAILED
}

/** The bin: run, set the exit code, let the process end when everything of ours is closed. */
export function runCli (argv: readonly string[]): void {
  main(argv).then((code) => { process.exitCode = finalExitCode(code) }, (err: unknown) => { process.exitCode = finalExitCode(report(err)) })
}

#!/usr/bin/env node
/**
 * The CLI: thin. It finds the command, loads only that command's module, and turns our errors into one line and an
 * exit code (0 ok, 1 failed or a problem found, 2 usage). Set LOCALHOST_LAB_DEBUG=1 to see stacks of internal errors.
 */
import { EXIT_FAILED, EXIT_USAGE, LabError, didYouMean } from '../errors.js'
import type { Command } from './args.js'

const commands: Record<string, () => Promise<{ command: Command }>> = {
  list: () => import('./commands/list.js'),
  demo: () => import('./commands/demo.js'),
  explain: () => import('./commands/explain.js'),
  dashboard: () => import('./commands/dashboard.js'),
  probe: () => import('./commands/probe.js'),
  ports: () => import('./commands/ports.js'),
  serve: () => import('./commands/serve.js'),
}

async function usage (): Promise<string> {
  const lines = ['localhost-lab: real loopback services, real failures, explained with measured facts.', '', 'Usage: localhost-lab <command> [options]', '', 'Commands:']
  for (const [name, load] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${(await load()).command.summary}`)
  lines.push('', 'Run `localhost-lab <command> --help` for its options and examples.', 'Exit codes: 0 ok, 1 failed or a problem found, 2 bad usage, 130 interrupted (Ctrl-C), 143 terminated.')
  return lines.join('\n')
}

export async function main (argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const about = rest[0]
    if (name === 'help' && about !== undefined && commands[about]) {
      process.stdout.write(`${(await commands[about]!()).command.help}\n`)
      return 0
    }
    process.stdout.write(`${await usage()}\n`)
    return name === undefined ? EXIT_USAGE : 0
  }
  if (name === '--version' || name === '-v') {
    const { createRequire } = await import('node:module')
    process.stdout.write(`${(createRequire(import.meta.url)('../../../package.json') as { version: string }).version}\n`)
    return 0
  }
  const load = commands[name]
  if (!load) {
    const what = name.startsWith('-') ? `unknown option '${name}'` : `unknown command '${name}'`
    throw new LabError('LAB_ERR_UNKNOWN_COMMAND', `${what}.${didYouMean(name, Object.keys(commands))} Run \`localhost-lab --help\`.`)
  }
  const { command } = await load()
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.help}\n`)
    return 0
  }
  return command.run(rest)
}

function report (err: unknown): number {
  if (err instanceof LabError) {
    process.stderr.write(`localhost-lab: ${err.message}\n`)
    return err.exitCode
  }
  const message = err instanceof Error ? err.message : String(err)
  process.stderr.write(`localhost-lab: internal error: ${message.split('\n')[0]} (set LOCALHOST_LAB_DEBUG=1 for details)\n`)
  if (process.env.LOCALHOST_LAB_DEBUG) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`)
  return EXIT_FAILED
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
}, (err: unknown) => {
  process.exitCode = report(err)
})


import { EXIT_FAILED, LabError } from '../../core/errors.js'
import type { DoneEvent, Sink } from '../../core/events.js'
import type { Scenario } from '../../core/lab.js'
import { parse, type Command } from '../args.js'

interface DemoInvocation {
  json: boolean
  step: boolean
  transcript: string | undefined
  chosen: Scenario[]
}

export const command: Command = {
  summary: 'run a scenario (or --all) and narrate it with measured facts',
  help: `Usage: localhost-lab demo <id> [--json] [--step] [--transcript <file.md>]
       localhost-lab demo --all [--json] [--step] [--transcript <file.md>]

Run a scenario on real loopback sockets and explain what happened.

Options:
  --all                  run every scenario in the catalogue, one after another (default: off)
  --json                 one JSON event a line (NDJSON) instead of the narration (default: off)
  --step                 pause before each step until Enter is pressed, for presenting; only when stdin and
                         stdout are terminals, otherwise the run does not pause (default: off)
  --transcript <file.md> also write a markdown handout of the run: steps, narration, the errors exactly as
                         each client printed them, timings, why and fix (default: none)

Exit codes: 0 reproduced (or skipped, with the reason), 1 not reproduced, 2 bad usage,
130 interrupted by Ctrl-C, 143 terminated. A second Ctrl-C exits at once.

Examples:
  localhost-lab demo ephemeral
  localhost-lab demo refused --json | jq -c 'select(.type=="observe")'
  localhost-lab demo --all
  localhost-lab demo ephemeral --step
  localhost-lab demo ephemeral --transcript handout.md`,
  async parse (args): Promise<DemoInvocation> {
    const { values, positionals } = parse('demo', args, {
      all: { type: 'boolean' }, json: { type: 'boolean' }, step: { type: 'boolean' }, transcript: { type: 'string' },
    })
    const { catalogue, findScenario, scenarioIds } = await import('../../../demos/index.js')
    if (values.all ? positionals.length > 0 : positionals.length !== 1) {
      throw new LabError('LAB_ERR_BAD_ARGUMENT', { scenarios: positionals.length, all: values.all === true, known: scenarioIds })
    }
    const chosen = values.all ? [...catalogue] : [findScenario(positionals[0]!)]
    if (chosen[0] === undefined) {
      const id = positionals[0]!
      throw new LabError('LAB_ERR_UNKNOWN_SCENARIO', { id, known: scenarioIds })
    }
    return {
      json: values.json === true,
      step: values.step === true,
      transcript: typeof values.transcript === 'string' ? values.transcript : undefined,
      chosen: chosen as Scenario[],
    }
  },
  async run (args) {
    const { json, step, transcript, chosen } = await command.parse!(args) as DemoInvocation

    const render: Sink = json
      ? await (await import('../../render/json.js')).jsonRenderer()
      : (await import('../../render/console.js')).consoleRenderer()
    let sink = render
    if (transcript !== undefined) {
      const { openTranscript } = await import('../transcript-file.js')
      const handout = openTranscript(transcript)
      sink = (e) => { render(e); handout(e) }
    }
    const { runScenario } = await import('../../core/run.js')
    const { interruptible } = await import('../signals.js')
    const { canStep, createStepGate } = await import('../step-gate.js')
    const gate = step && canStep() ? createStepGate(process.stdin, process.stderr.isTTY ? process.stderr : process.stdout) : undefined
    if (step && gate === undefined) process.stderr.write('localhost-lab: --step needs a terminal on stdin and stdout; running without pauses\n')

    return interruptible(async (signal) => {
      const results: DoneEvent[] = []
      try {
        for (const scenario of chosen) {
          if (signal.aborted) break
          results.push(await runScenario(scenario, sink, gate ? { signal, beforeStep: gate.beforeStep } : { signal }))
        }
      } finally {
        gate?.close()
      }
      return results.every((d) => d.ok) ? 0 : EXIT_FAILED
    })
  },
}

import { EXIT_FAILED, LabError } from '../../core/errors.js'
import type { DoneEvent, StreamSink } from '../../core/events.js'
import type { Scenario } from '../../core/lab.js'
import { loadCatalogue } from '../catalogue.js'
import { defineCommand } from '../define-command.js'
import { jsonLines, readerGone, stderr, stdout } from '../output.js'
import type { StepGate } from '../step-gate.js'

export const command = defineCommand({
  name: 'demo',
  summary: 'run a scenario (or --all) and narrate it with measured facts',
  positionals: { usage: '<id>' },
  alternatives: ['--all'],
  description: 'Run a scenario on real loopback sockets and explain what happened.',
  args: {
    all: { type: 'boolean', description: 'run every scenario in the catalogue, one after another, then a summary: each result, its codes and time' },
    json: { type: 'boolean', description: 'one JSON event a line (NDJSON) instead of the narration' },
    step: {
      type: 'boolean',
      description: 'pause before each step, for presenting: Enter, Space or → go on, ← shows the last step again, q stops; only when stdin and stdout are terminals, otherwise no pauses',
    },
    engine: {
      type: 'enum',
      placeholder: 'name',
      choices: ['auto', 'docker', 'podman', 'netns'],
      default: 'auto',
      description: 'container-localhost: auto (an engine that works, else netns), docker or podman (real containers), netns (the network-namespace version)',
    },
    transcript: {
      type: 'string',
      placeholder: 'file.md',
      description: 'also write a markdown handout of the run: steps, narration, the errors exactly as each client printed them, timings, why and fix',
    },
  },
  notes: `Exit codes: 0 reproduced (or skipped, with the reason), 1 not reproduced, 2 bad usage,
130 interrupted by Ctrl-C (or q under --step), 143 terminated. A second Ctrl-C exits at once.`,
  examples: [
    'localhost-lab demo ephemeral',
    "localhost-lab demo refused --json | jq -c 'select(.type==\"observe\")'",
    'localhost-lab demo --all',
    'localhost-lab demo ephemeral --step',
    'localhost-lab demo ephemeral --transcript handout.md',
  ],
  async check ({ values, positionals }) {
    const { catalogue, findScenario, scenarioIds } = await loadCatalogue()
    if (values.all ? positionals.length > 0 : positionals.length !== 1) {
      throw new LabError('LAB_ERR_BAD_ARGUMENT', { scenarios: positionals.length, all: values.all, known: scenarioIds })
    }
    let chosen: readonly Scenario[] = catalogue
    if (!values.all) {
      const id = positionals[0]!
      const scenario = findScenario(id)
      if (scenario === undefined) throw new LabError('LAB_ERR_UNKNOWN_SCENARIO', { id, known: scenarioIds })
      chosen = [scenario]
    }
    return { ...values, chosen }
  },
  async run ({ json, step, transcript, chosen, all, engine }) {
    await (await import('../../process/sweep.js')).sweepAtStart()
    const render: StreamSink = json
      ? await (await import('../../render/json.js')).jsonRenderer(jsonLines())
      : (await import('../../render/console.js')).consoleRenderer({ stream: stdout })
    let sink: StreamSink = render
    if (transcript !== undefined) {
      const { openTranscript } = await import('../transcript-file.js')
      const handout = openTranscript(transcript)
      sink = (e) => { render(e); if (e.type !== 'summary') handout(e) }
    }
    const { runScenario } = await import('../../core/run.js')
    const { interruptible } = await import('../signals.js')
    let gate: StepGate | undefined
    // Only under --step: step-gate.ts loads node:readline (0.6 ms of a fresh Node 22), which a run without pauses never uses.
    const stepping = step ? await import('../step-gate.js') : undefined
    if (stepping?.canStep()) {
      // ← shows a step again from what the console showed; a JSON stream must not carry an event twice.
      const recorder = json ? undefined : (await import('../step-replay.js')).createStepRecorder(render)
      if (recorder !== undefined) {
        const shown = sink
        sink = (e) => { recorder.record(e); shown(e) }
      }
      gate = stepping.createStepGate(process.stdin, process.stderr.isTTY ? process.stderr : process.stdout, recorder ? { replay: recorder.replay } : {})
    }
    if (step && gate === undefined) stderr.write('localhost-lab: --step needs a terminal on stdin and stdout; running without pauses\n')

    return interruptible(async (signal) => {
      const results: DoneEvent[] = []
      try {
        for (const scenario of chosen) {
          if (signal.aborted) break
          results.push(await runScenario(scenario, sink, { signal, options: { engine }, ...(gate && { beforeStep: gate.beforeStep }) }))
        }
      } finally {
        gate?.close()
      }
      // Once the reader of our output has gone there is no one to show the table to.
      if (all === true && !readerGone().aborted) {
        const { summarizeRun } = await import('../../core/summary.js')
        sink(summarizeRun(chosen.map((s) => s.id), results))
      }
      return results.every((d) => d.ok) ? 0 : EXIT_FAILED
    })
  },
})

/**
 * Runs one scenario: start event, the story, cleanup, done event. Whatever happens (success, a failed check, a thrown
 * error, an interrupt), everything the Lab handed out is released before `done` is emitted.
 */
import { LabError } from './errors.js'
import type { DoneEvent, Sink } from './events.js'
import { Lab, SkipScenario, type LabOptions, type Scenario } from './lab.js'

export interface RunOptions {
  /** Abort the run (e.g. on SIGINT). The scenario stops, cleanup runs, `done.interrupted` is set. */
  signal?: AbortSignal
  /** Awaited before each step (`demo --step`); see `LabOptions.beforeStep`. Default: none. */
  beforeStep?: LabOptions['beforeStep']
  /** Values for the scenario's declared options; see `LabOptions.options`. Default: each option's default. */
  options?: LabOptions['options']
}

export async function runScenario (scenario: Scenario, sink: Sink, opts: RunOptions = {}): Promise<DoneEvent> {
  const controller = new AbortController()
  const outer = opts.signal
  const onOuterAbort = (): void => controller.abort(outer?.reason)
  if (outer?.aborted) controller.abort(outer.reason)
  else outer?.addEventListener('abort', onOuterAbort, { once: true })

  const lab = new Lab(scenario, sink, controller.signal, {
    ...(opts.beforeStep && { beforeStep: opts.beforeStep }),
    ...(opts.options && { options: opts.options }),
  })
  lab.emit({
    type: 'start', title: scenario.title, symptom: scenario.symptom, codes: scenario.codes,
    node: process.version, platform: process.platform,
  })

  let skipped: string | undefined
  let error: DoneEvent['error']
  let interrupted: string | undefined

  const aborted = new Promise<'aborted'>((resolve) => {
    if (controller.signal.aborted) resolve('aborted')
    else controller.signal.addEventListener('abort', () => resolve('aborted'), { once: true })
  })
  try {
    // An interrupt must not wait for a story that is stuck in something we cannot cancel: race it.
    const story = scenario.run(lab)
    story.catch(() => {})
    const result = await Promise.race([story.then(() => 'finished' as const), aborted])
    if (result === 'aborted') interrupted = reasonText(controller.signal.reason)
  } catch (err) {
    if (controller.signal.aborted) interrupted = reasonText(controller.signal.reason)
    else if (err instanceof SkipScenario) skipped = err.reason
    else if (err instanceof LabError) error = { code: err.code, message: err.message }
    else error = { code: 'LAB_ERR_SCENARIO_THREW', message: err instanceof Error ? err.message : String(err) }
  } finally {
    lab.endStory()
    // Under --step, the last step's events still wait for the presenter (an abort opens every gate at once).
    await lab.flush()
    outer?.removeEventListener('abort', onOuterAbort)
    if (!controller.signal.aborted) controller.abort(new Error('scenario finished'))
    await lab.dispose()
  }

  const missing = skipped !== undefined ? [] : scenario.codes.filter((c) => !lab.observed.includes(c))
  const done: Omit<DoneEvent, 'scenario' | 't'> = {
    type: 'done',
    ok: error === undefined && interrupted === undefined && missing.length === 0,
    observed: [...lab.observed],
    missing,
    durationMs: lab.elapsed(),
  }
  if (skipped !== undefined) done.skipped = skipped
  if (error !== undefined) done.error = error
  if (interrupted !== undefined) done.interrupted = interrupted
  return lab.emit(done) as DoneEvent
}

function reasonText (reason: unknown): string {
  if (typeof reason === 'string') return reason
  if (reason instanceof Error) return reason.message
  return 'interrupted'
}

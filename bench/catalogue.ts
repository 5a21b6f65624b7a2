/**
 * The catalogue in one fresh process, as `localhost-lab demo --all` runs it, minus the scenarios named after
 * `--exclude` (the bench leaves out the ones that build network namespaces). Exit 0 when every one reproduced.
 * `--times` also prints where the wall time went, one line per scenario on stderr (`<id> <ms> <ok|NOT OK>`, its
 * longest step named), so a slow catalogue says which lesson to look at.
 */
import { parseArgs } from 'node:util'
import { catalogue } from '../demos/index.js'
import { consoleRenderer } from '../src/render/console.js'
import { runScenario } from '../src/core/run.js'
import type { LabEvent } from '../src/core/events.js'

const { values } = parseArgs({ options: { exclude: { type: 'string', default: '' }, times: { type: 'boolean', default: false } } })
const excluded = new Set(values.exclude!.split(',').filter(Boolean))
const render = consoleRenderer()
let ok = true
for (const scenario of catalogue) {
  if (excluded.has(scenario.id)) continue
  // Steps by their events' own clock (`t`, ms since the scenario began): the step that ran longest.
  let step: { title: string, t: number } | undefined
  let longest = { title: '', ms: 0 }
  const sink = (e: LabEvent): void => {
    render(e)
    if (e.type !== 'step' && e.type !== 'done') return
    if (step !== undefined && e.t - step.t > longest.ms) longest = { title: step.title, ms: e.t - step.t }
    step = e.type === 'step' ? { title: e.title, t: e.t } : undefined
  }
  const done = await runScenario(scenario, sink)
  ok = done.ok && ok
  if (values.times) process.stderr.write(`${scenario.id} ${Math.round(done.durationMs)} ${done.ok ? 'ok' : 'NOT OK'}, longest step ${Math.round(longest.ms)} ms: ${longest.title}\n`)
}
process.exitCode = ok ? 0 : 1

/**
 * The catalogue in one fresh process, as `localhost-lab demo --all` runs it, minus the scenarios named after
 * `--exclude` (the bench leaves out the ones that build network namespaces). Exit 0 when every one reproduced.
 */
import { parseArgs } from 'node:util'
import { catalogue } from '../demos/index.js'
import { consoleRenderer } from '../src/render/console.js'
import { runScenario } from '../src/core/run.js'

const { values } = parseArgs({ options: { exclude: { type: 'string', default: '' } } })
const excluded = new Set(values.exclude!.split(',').filter(Boolean))
const sink = consoleRenderer()
let ok = true
for (const scenario of catalogue) {
  if (excluded.has(scenario.id)) continue
  ok = (await runScenario(scenario, sink)).ok && ok
}
process.exitCode = ok ? 0 : 1

/** The catalogue: every scenario, in the order a workshop presents them. Add a scenario here and it is everywhere. */
import type { Scenario } from '../src/lab.js'
import ephemeral from './ephemeral.js'
import loopbackSpeed from './loopback-speed.js'

export const catalogue: readonly Scenario[] = [
  ephemeral,
  loopbackSpeed,
]

export const scenarioIds: readonly string[] = catalogue.map((s) => s.id)

export function findScenario (id: string): Scenario | undefined {
  return catalogue.find((s) => s.id === id)
}

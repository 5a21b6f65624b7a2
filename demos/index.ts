/** The catalogue: every scenario, in the order a workshop presents them. Add a scenario here and it is everywhere. */
import type { Scenario } from '../src/core/lab.js'
import ephemeral from './ephemeral.js'
import refused from './refused.js'
import portInUse from './port-in-use.js'
import startupRace from './startup-race.js'
import crash from './crash.js'
import hung from './hung.js'
import proxy from './proxy.js'
import protocolMismatch from './protocol-mismatch.js'
import localhostIpv6 from './localhost-ipv6.js'
import dns from './dns.js'
import containerLocalhost from './container-localhost.js'
import wrongInterface from './wrong-interface.js'
import zeroAddress from './zero-address.js'
import privilegedPort from './privileged-port.js'
import portExhaustion from './port-exhaustion.js'
import dnsRebinding from './dns-rebinding.js'
import websocketHandshake from './websocket-handshake.js'
import isItDangerous from './is-it-dangerous.js'
import loopbackSpeed from './loopback-speed.js'
import loopbackOnly from './loopback-only.js'

export const catalogue: readonly Scenario[] = [
  ephemeral,
  refused,
  portInUse,
  startupRace,
  crash,
  hung,
  protocolMismatch,
  proxy,
  localhostIpv6,
  dns,
  containerLocalhost,
  wrongInterface,
  zeroAddress,
  privilegedPort,
  portExhaustion,
  dnsRebinding,
  websocketHandshake,
  isItDangerous,
  loopbackSpeed,
  loopbackOnly,
]

export const scenarioIds: readonly string[] = catalogue.map((s) => s.id)

export function findScenario (id: string): Scenario | undefined {
  return catalogue.find((s) => s.id === id)
}

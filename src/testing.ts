/**
 * 'localhost-lab/testing': services that fail on purpose, for your own tests. Each reproduces a real failure on
 * loopback (a server that hangs, resets, closes mid-request, starts slowly, or lives in a process you can kill).
 */
export * as misbehave from './services/behaviours/misbehave.js'
export { startZoo, type Zoo, type ZooEntry, type ZooBehaviour, type ZooConnection } from './services/zoo.js'
export { serveScenario, type ServeOptions } from './services/zoo-scenario.js'
export { startSlowly, type SlowStart, type SlowStartOptions } from './services/slow-start.js'
export { startForwarder, type ForwarderService, type ForwarderOptions } from './services/forwarder.js'
export { checkHostAndOrigin, guardHosts, type GuardVerdict, type GuardOptions } from './services/host-guard.js'
export { startChildService, type ChildService, type ChildServiceListener, type ChildServiceSpec, type InFlight, type Killed } from './process/child-service.js'
export { spawnHttpProcess, type HttpProcess, type HttpProcessOptions } from './process/http-process.js'

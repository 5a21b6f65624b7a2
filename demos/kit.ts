/**
 * The lessons' kit: everything a lesson in demos/ uses, in one import. It is not part of the package's exports (those
 * are src/index.ts and src/testing.ts): a lesson may reach any module of the lab, and this file says which.
 */

// The scenario contract and the numbers in the narration.
export { defineScenario, type Lab, type Scenario } from '../src/core/lab.js'
export type { Outcome } from '../src/core/events.js'
export { rejection } from '../src/core/promise.js'
export { count, ms } from '../src/render/format.js'
export { now, since } from '../src/core/clock.js'

// Addresses, ports and what this machine's resolver and kernel say.
export { hasLocalAddress, hostPort } from '../src/net/address.js'
export { freePort } from '../src/net/free-port.js'
// A closed or borrowed port another program was handed before we knocked: said, recorded, redone (bounded).
export { knockRefused, LISTEN_TAKEN, portRetakes, refused, takenBy, whileRefused, type PortRetakes } from '../src/net/port-taken.js'
export { ephemeralRange, inRange } from '../src/net/ephemeral-range.js'
export {
  canListenOn, hostsFilePath, hostsLines, lookupAll, nodeNetDefaults, resolverConfig, setResultOrder, synRetries,
} from '../src/net/resolver.js'
export { hostsLookup } from '../src/clients/lookup.js'
export { listListeners } from '../src/diagnose/ports/listeners.js'
export { closeAfterServerHangsUp, timeWaitOn } from '../src/diagnose/ports/time-wait.js'

// Services that misbehave on purpose, and services in processes of their own.
export * as misbehave from '../src/services/behaviours/misbehave.js'
export { startSlowly } from '../src/services/slow-start.js'
export { guardHosts } from '../src/services/host-guard.js'
export { selfSignedCertificate, type SelfSigned } from '../src/services/certificate.js'
export { startChildService, type InFlight } from '../src/process/child-service.js'
export { spawnHttpProcess } from '../src/process/http-process.js'

// Proxies in front of a service: a dev server's (http-proxy-3, as Vite does it) and nginx from the system.
export { createDevProxy, type DevProxy, type ProxyErrorLine } from '../src/services/dev-proxy.js'
export { startNginx, type Nginx, type NginxLogLine } from '../src/process/nginx.js'
// The command-line clients people paste errors from (curl, openssl s_client), with the installed package that spoke.
export { curlSays, opensslConnect, type ToolSaid } from '../src/clients/cli-tools.js'
// The WebSocket a page's script gets (WHATWG API, built into Node 22+): events only, never the status.
export { pageWebSocket } from '../src/clients/browser-websocket.js'

// Network namespaces: a second machine, a container, another interface.
export { namespacesUnavailable } from '../src/netns/detect.js'
export {
  cabledNamespaces, createNamespace, privateFiles, readPortRange, readSysctl, sysctlSource, writePortRange, writeSysctl,
} from '../src/netns/namespace.js'
export { startAgent } from '../src/netns/agent-client.js'
export { bindConflictsInNewNetns } from '../src/netns/bind-conflicts.js'
export { curlIn } from '../src/netns/curl.js'

// Measuring loopback (loopback-speed).
export {
  echoNoDelay, eventLoopTurns, httpRoundTrips, httpThroughput, loopbackInterface, mebibytes, megabytesPerSecond, ratio,
  startLoopbackPeer, tcpRoundTrips, tcpThroughput, wsRoundTrips, wsThroughput, type LatencySummary,
  counterChanges, readInterfaceCounters, transferInNamespace,
} from '../src/measure/index.js'

// What `localhost-lab check` finds out about one listener of this machine (is-it-dangerous), and a real program to check.
export { check, localTarget, type CheckReport } from '../src/diagnose/check/check.js'
export { parseTarget } from '../src/diagnose/probe/target.js'
export { FOREIGN_HOST, FOREIGN_ORIGIN } from '../src/diagnose/check/probes/web.js'
export { startProgram } from '../src/process/child.js'

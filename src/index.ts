/** localhost-lab's public API: what your own tests and scripts may import. */
export { Lab, defineScenario, SkipScenario, type Scenario } from './lab.js'
export { runScenario, type RunOptions } from './run.js'
export type * from './events.js'
export { LabError, isLabError, EXIT_OK, EXIT_FAILED, EXIT_USAGE, type LabErrorCode } from './errors.js'
export { tcpConnect, httpRequest, wsOpen } from './clients/attempt.js'
export type { TcpAttemptOptions, HttpAttemptOptions, WsAttemptOptions, TcpOutcome, WsOutcome } from './clients/attempt.js'
export { startHttp, type HttpService, type HttpServiceOptions } from './services/http.js'
export { startWs, type WsService, type WsServiceOptions } from './services/ws.js'
export { startTcp, type TcpService, type TcpServiceOptions } from './services/tcp.js'
export type { Service, ListenOptions } from './services/types.js'
export { ephemeralRange, inRange, type EphemeralRange } from './diagnose/ephemeral-range.js'
export { consoleRenderer } from './render/console.js'
export { jsonRenderer } from './render/json.js'
export { hostPort, familyOf, unwrapError } from './util/net.js'
export { startChild, type LabChild, type ChildOptions } from './util/child.js'
export { readProcNetTcp, tcpSocketsOf, ownersOf, listenersOnPort, type ProcSocket, type SocketOwner } from './diagnose/proc-net.js'
export { tcpExchange, type ExchangeOptions } from './clients/exchange.js'
export { startForwarder, type ForwarderService, type ForwarderOptions } from './services/forwarder.js'
export { namespacesUnavailable } from './netns/detect.js'
export {
  createNamespace, cabledNamespaces, vethPair, execIn, readSysctl, writeSysctl, readPortRange, writePortRange, sysctlSource, sweepLeftovers,
  labNamespaces, ownerPid,
  type Netns, type CabledNetns, type VethEnd, type VethLink,
} from './netns/namespace.js'
export { startAgent, Agent, type AgentOptions, type RemoteService } from './netns/agent-client.js'
export { curlIn, type CurlResult } from './netns/curl.js'

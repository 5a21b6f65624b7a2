/**
 * localhost-lab's public API: what your own scripts and tests import from 'localhost-lab'. Test helpers (misbehaving
 * services, child services, the zoo) are in 'localhost-lab/testing'; everything else is internal and may change.
 */

// The scenario contract: a scenario is one story told as events; runScenario runs it and cleans up whatever happens.
export { Lab, defineScenario, SkipScenario, type Scenario, type LabOptions } from './core/lab.js'
export { runScenario, type RunOptions } from './core/run.js'
export type * from './core/events.js'
export { LabError, isLabError, EXIT_OK, EXIT_FAILED, EXIT_USAGE, type LabErrorCode, type LabErrorParams } from './core/errors.js'

// Consumers of the one stream.
export { consoleRenderer } from './render/console.js'
export { jsonRenderer } from './render/json.js'
export { renderTranscript, transcriptRenderer } from './render/transcript.js'
export { startDashboard, type Dashboard, type DashboardOptions } from './dashboard/server.js'

// Attempts that never throw (each returns an Outcome), and the waiters built on them.
export { tcpConnect, httpRequest, wsOpen } from './clients/attempt.js'
export type { TcpAttemptOptions, HttpAttemptOptions, WsAttemptOptions, TcpOutcome, WsOutcome } from './clients/attempt.js'
export { nodeHttpRequest, type NodeHttpOptions } from './clients/node-http.js'
export { tcpExchange, type TcpExchangeOptions } from './clients/exchange.js'
export { waitForPort, waitForHttp, type WaitOptions, type WaitForPortOptions, type WaitForHttpOptions, type WaitResult } from './clients/wait-for.js'

// Services on loopback, port 0 unless told otherwise.
export { startHttp, type HttpService, type HttpServiceOptions } from './services/http.js'
export { startWs, type WsService, type WsServiceOptions } from './services/ws.js'
export { startTcp, type TcpService, type TcpServiceOptions } from './services/tcp.js'
export type { Service, ListenOptions } from './services/types.js'

// Addresses and ports.
export { familyOf, hostPort, isLoopback, type ServiceAddress } from './net/address.js'
export { unwrapError } from './net/unwrap-error.js'
export { freePort, type FreePortOptions } from './net/free-port.js'
export { ephemeralRange, type EphemeralRange } from './net/ephemeral-range.js'

// The diagnoses behind `explain`, `probe` and `ports`.
export { explain, type ExplainResult, type Candidate, type NamedEndpoint } from './diagnose/explain/explain.js'
export { KINDS, type Kind, type ScenarioId } from './diagnose/explain/signatures.js'
export { probeTarget, parseTarget, type ProbeReport, type ProbeOptions, type AddressProbe, type AddressState, type Target } from './diagnose/probe/probe.js'
export { listListeners, exposureOf, type Listener, type ListenersReport, type Exposure, type PortClass, type Owner } from './diagnose/ports/listeners.js'

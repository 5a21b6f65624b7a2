/** Measuring plumbing for the loopback-speed lesson and the bench: real sockets, bounded counts, plain summaries. */
export { percentile, median, summarize, round, mebibytes, megabytesPerSecond, ratio, type LatencySummary } from './stats.js'
export {
  tcpRoundTrips, tcpThroughput, eventLoopTurns, echoNoDelay,
  type RoundTripOptions, type RoundTripResult, type ThroughputResult,
} from './tcp.js'
export { httpRoundTrips, httpThroughput, type HttpRoundTripResult, type HttpClient } from './http.js'
export { pipelinedThroughput, startLoopbackPeer, type LoopbackPeer, type PipelinedSpec, type PipelinedAnswer } from './http-pipelined.js'
export { wsRoundTrips, wsThroughput } from './ws.js'
export { loopbackInterface, type LoopbackInterface } from './system.js'
export { counterChanges, parseNetstatIb, parseProcNetDev, readInterfaceCounters, type CounterChange, type CounterReading, type InterfaceCounters } from './interface-counters.js'
export { transferInNamespace, type TransferAnswer } from './loopback-transfer.js'

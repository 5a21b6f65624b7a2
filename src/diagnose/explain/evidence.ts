/**
 * The evidence explain reads in a text: codes, numbers with their platform, message phrases in any language, the
 * syscall and direction (bind vs connect), addresses, context words, the tool that printed it. Pure and bounded.
 */

/** Lines worth analysing in a long log: they name an error, a code, an address or a port (English), or are not ASCII. */
const INTERESTING = /error|fail|refus|reset|hang|time|closed|denied|in use|allocated|resolve|host|lookup|proxy|gateway|websocket|1006|start|load|ready|unavailable|errno|exception|panic|abnormal|EOF|SSL|TLS|HTTP|port|connect/i
/** Error codes (ECONNREFUSED ...) and address:port forms; case matters here. */
const CODES = /\bE[A-Z_]{4,}\b|\d:\d/
const NON_ASCII = /[^\x00-\x7f]/

/**
 * A cheap test, run on every line of a streamed log, that a line may carry evidence: false means explain would find
 * nothing in it on its own. May say true too often (the caller then analyses it), never false for a line with evidence.
 */
export function lineMayMatter (line: string): boolean {
  return INTERESTING.test(line) || CODES.test(line) || NON_ASCII.test(line)
}

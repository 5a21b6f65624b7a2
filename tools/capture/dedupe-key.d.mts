/** The capture's rule for "the same text": what changes from run to run (ports, pids, times) is masked. */
export function dedupeKey (text: string): string

/** What curl itself prints for a URL, run inside one of our namespaces: the exit code users paste into bug reports. */
import { curlSays } from '../clients/cli-tools.js'
import { execIn, type Netns } from './namespace.js'

export interface CurlResult {
  /** curl's exit code: 0 ok, 7 could not connect, 52 empty reply, 56 receive failure (e.g. a reset). */
  exitCode: number
  /** Its error line, e.g. `curl: (56) Recv failure: Connection reset by peer`, or the first bytes of the body. */
  said: string
}

/** undefined when curl is not installed. */
export async function curlIn (ns: Netns, url: string): Promise<CurlResult | undefined> {
  const r = await curlSays(url, [], (cmd, args, opts) => execIn(ns, cmd, args, opts))
  return r && { exitCode: r.exitCode, said: r.said }
}

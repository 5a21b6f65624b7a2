/** What curl itself prints for a URL, run inside one of our namespaces: the exit code users paste into bug reports. */
import { curlSays } from '../clients/cli-tools.js'
import { execIn, type Netns } from './namespace.js'

export interface CurlResult {
  /** curl's exit code: 0 ok, 6 could not resolve the host, 7 could not connect, 52 empty reply, 56 receive failure. */
  exitCode: number
  /** Its error line, e.g. `curl: (56) Recv failure: Connection reset by peer`, or the first bytes of the body. */
  said: string
}

/** undefined when curl is not installed. */
export async function curlIn (ns: Netns, url: string): Promise<CurlResult | undefined> {
  const r = await curlSays(url, [], (cmd, args, opts) => execIn(ns, cmd, args, opts))
  return r && { exitCode: r.exitCode, said: r.said }
}

/** curl run where this process stands (a program of ours inside a namespace: the agent). undefined when not installed. */
export async function curlHere (url: string): Promise<CurlResult | undefined> {
  const r = await curlSays(url)
  return r && { exitCode: r.exitCode, said: r.said }
}

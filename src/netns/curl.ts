/** What curl itself prints for a URL, run inside one of our namespaces: the exit code users paste into bug reports. */
import { execIn, type Netns } from './namespace.js'
import { which } from '../process/tool.js'

export interface CurlResult {
  /** curl's exit code: 0 ok, 7 could not connect, 52 empty reply, 56 receive failure (e.g. a reset). */
  exitCode: number
  /** Its error line, e.g. `curl: (56) Recv failure: Connection reset by peer`, or the first bytes of the body. */
  said: string
}

/** undefined when curl is not installed. */
export async function curlIn (ns: Netns, url: string): Promise<CurlResult | undefined> {
  const curl = await which('curl')
  if (curl === undefined) return undefined
  const r = await execIn(ns, curl, ['-sS', '--max-time', '3', url], { allowFail: true })
  const said = (r.exitCode === 0 ? r.stdout : r.stderr).trim().split('\n')[0] ?? ''
  return { exitCode: r.exitCode, said: said.slice(0, 200) }
}

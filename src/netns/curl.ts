/** What curl itself prints for a URL, run inside one of our namespaces: the exit code users paste into bug reports. */
import { execIn, type Netns } from './namespace.js'
import { run, which, type RunResult } from '../process/tool.js'

export interface CurlResult {
  /** curl's exit code: 0 ok, 6 could not resolve the host, 7 could not connect, 52 empty reply, 56 receive failure. */
  exitCode: number
  /** Its error line, e.g. `curl: (56) Recv failure: Connection reset by peer`, or the first bytes of the body. */
  said: string
}

const ARGS = ['-sS', '--max-time', '3']

function result (r: RunResult): CurlResult {
  const said = (r.exitCode === 0 ? r.stdout : r.stderr).trim().split('\n')[0] ?? ''
  return { exitCode: r.exitCode, said: said.slice(0, 200) }
}

/** undefined when curl is not installed. */
export async function curlIn (ns: Netns, url: string): Promise<CurlResult | undefined> {
  const curl = await which('curl')
  if (curl === undefined) return undefined
  return result(await execIn(ns, curl, [...ARGS, url], { allowFail: true }))
}

/** curl run where this process stands (a program of ours inside a namespace: the agent). undefined when not installed. */
export async function curlHere (url: string): Promise<CurlResult | undefined> {
  const curl = await which('curl')
  if (curl === undefined) return undefined
  return result(await run(curl, [...ARGS, url], { allowFail: true }))
}

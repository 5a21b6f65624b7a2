/**
 * A port that was free a moment ago: listen on port 0, read the number the OS gave, close. Nothing listens there
 * now, so a connect is refused, until any program on the machine happens to be given the same number.
 */
import type { Lab } from '../core/lab.js'

export async function borrowPort (lab: Lab, host = '127.0.0.1'): Promise<number> {
  const probe = await lab.tcp({ host, name: 'port finder' })
  await lab.close(probe)
  return probe.port
}

/** Facts about this machine's loopback interface, read from the OS (Linux: /sys/class/net). */
import { readFile } from 'node:fs/promises'

export interface LoopbackInterface {
  name: string
  /** The largest packet the interface carries, in bytes. */
  mtu: number
  source: string
}

/** The loopback interface and its MTU, or undefined where the OS does not tell us this way. */
export async function loopbackInterface (): Promise<LoopbackInterface | undefined> {
  const source = '/sys/class/net/lo/mtu'
  try {
    const mtu = Number((await readFile(source, 'utf8')).trim())
    return Number.isInteger(mtu) && mtu > 0 ? { name: 'lo', mtu, source } : undefined
  } catch {
    return undefined
  }
}

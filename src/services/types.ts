import type { AddressInfo } from 'node:net'
import type { ServiceKind } from '../core/events.js'
import { familyOf, hostPort, type ServiceAddress } from '../net/address.js'

/** A service of ours that is listening (where: `ServiceAddress`). `close()` stops it and ends every connection it still holds. */
export interface Service extends ServiceAddress {
  kind: ServiceKind
  name: string
  close (): Promise<void>
}

export interface ListenOptions {
  /** The address to bind. Default `127.0.0.1`. Only loopback addresses belong here outside a namespace of our own. */
  host?: string
  /** The port to ask for. Default 0: let the OS pick a free one from its ephemeral range. */
  port?: number
  /** A label for the narration. Default: the kind. */
  name?: string
}

/** Where a service ended up, from its server's `address()`: `{ kind, name, address, port, family, url }`. */
export function listeningAt (kind: 'http' | 'ws' | 'tcp', name: string, a: AddressInfo): Omit<Service, 'close'> {
  return { kind, name, address: a.address, port: a.port, family: familyOf(a.address) ?? 'IPv4', url: `${kind}://${hostPort(a.address, a.port)}` }
}

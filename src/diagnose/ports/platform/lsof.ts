/**
 * macOS (and BSD, and Linux when installed): `lsof -iTCP -sTCP:LISTEN -P -n`. One row per open file descriptor, so a
 * socket shared by several processes (or dup'ed fds) appears several times; DEVICE names the socket.
 *
 *   COMMAND     PID   USER   FD   TYPE             DEVICE SIZE/OFF NODE NAME
 *   ControlCe   512  alice    9u  IPv4 0x5c2b5a8a3b1f4e3d      0t0  TCP *:5000 (LISTEN)
 *   node      24632   root   19u  IPv4              38279      0t0  TCP 127.0.0.1:3000 (LISTEN)
 *
 * lsof cuts COMMAND to 9 characters unless told `+c 0`, and writes a space in a name as `\x20`.
 */
import { familyOf, parseHostPort } from '../../../net/address.js'
import { mergeOwners, type RawListener } from './types.js'

function unescape (text: string): string {
  return text.replace(/\\x([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
}

export function parseLsof (text: string): RawListener[] {
  const rows: RawListener[] = []
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/)
    const tcp = f.lastIndexOf('TCP')
    // ... TYPE DEVICE SIZE/OFF NODE NAME (LISTEN): TYPE sits four fields before NODE ("TCP").
    if (tcp < 5 || f[tcp + 2] !== '(LISTEN)') continue
    const type = f[tcp - 3]
    if (type !== 'IPv4' && type !== 'IPv6') continue
    const pid = Number(f[1])
    if (!Number.isInteger(pid) || pid <= 0) continue
    const local = parseHostPort(f[tcp + 1]!)
    if (!local) continue
    let address = local.host
    if (address === '*') address = type === 'IPv4' ? '0.0.0.0' : '::'
    const bare = address.split('%')[0]!
    // Without -n lsof prints names (`localhost:5000`); keep them, the family comes from TYPE.
    if (familyOf(bare) === undefined ? !/^[a-z0-9.-]+$/i.test(bare) : familyOf(bare) !== type) continue
    rows.push({ address, port: local.port, family: type, owners: [{ pid, command: unescape(f[0]!), user: f[2]! }] })
  }
  return mergeOwners(rows)
}

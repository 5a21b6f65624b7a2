/**
 * User names for the uids /proc reports, the way `ps` and `ls -l` print them: the name from /etc/passwd, or the
 * number when it has none there. Read once per process and only when a uid is asked for: `ports` prints a USER
 * column and must stay as quick as `node -e 0`.
 *
 * Beware: only /etc/passwd is read, not NSS (LDAP, systemd-homed, sssd): such users show as their number, as they
 * would in a container without the host's user database.
 */
import { readFileSync } from 'node:fs'

let names: Map<number, string> | undefined

/** `name:x:uid:gid:...` lines → uid → name; the first line for a uid wins, as getpwuid() takes it. */
export function parsePasswd (text: string): Map<number, string> {
  const byUid = new Map<number, string>()
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':')
    if (name === undefined || name === '' || name.startsWith('#') || uid === undefined || !/^\d+$/.test(uid)) continue
    if (!byUid.has(Number(uid))) byUid.set(Number(uid), name)
  }
  return byUid
}

/** The name of `uid`, or its number as text when /etc/passwd does not name it. */
export function userName (uid: number): string {
  if (names === undefined) {
    try {
      names = parsePasswd(readFileSync('/etc/passwd', 'utf8'))
    } catch {
      names = new Map()
    }
  }
  return names.get(uid) ?? String(uid)
}

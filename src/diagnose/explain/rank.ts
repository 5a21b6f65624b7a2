/**
 * From evidence to ranked kinds. Each kind scores its strongest piece of evidence, a little more for each independent
 * one; then a few rules that need the extracted address add what the text alone cannot tell apart (a refused ::1 after
 * `localhost` is most likely the IPv6 trap; a refused 127.0.0.1 may also be "not ready yet" or "in a container").
 */
import { CONTAINER_ID, type Announcement, type Found } from './addresses.js'
import { familyOf, isPrivateIPv4 } from '../../net/address.js'
import { COMPOSE_LOG_PREFIX, type Evidence, type Tool } from './evidence.js'
import { KINDS, PRECEDENCE, type Kind } from './signatures.js'

export interface Score {
  score: number
  /** What counted, in words: quoted from the text, or the rule that applied. */
  evidence: string[]
  /** The pieces of evidence that counted for this kind, strongest first. */
  because: Evidence[]
}

/** Each kind's score from the evidence: the strongest weight, plus 0.03 for each further distinct piece. */
export function scoreEvidence (evidence: readonly Evidence[]): Map<Kind, Score> {
  const scores = new Map<Kind, Score>()
  for (const k of KINDS) scores.set(k, { score: 0, evidence: [], because: [] })
  const byKind = new Map<Kind, Evidence[]>()
  for (const e of evidence) {
    const list = byKind.get(e.kind) ?? []
    // One piece per text, and one per code: two printed forms of one code (a name and its number) are not two findings.
    const same = list.findIndex((x) => x.text === e.text || (e.code !== undefined && x.code === e.code))
    if (same === -1) list.push(e)
    else if (e.weight > list[same]!.weight) list[same] = e
    byKind.set(e.kind, list)
  }
  for (const [kind, list] of byKind) {
    list.sort((a, b) => b.weight - a.weight || a.line - b.line)
    const s = scores.get(kind)!
    s.score = Math.min(1, list[0]!.weight + 0.03 * (list.length - 1))
    s.because = list.slice(0, 6)
    for (const e of list) if (e.text !== '' && !s.evidence.includes(e.text) && s.evidence.length < 4) s.evidence.push(e.text)
  }
  return scores
}

/** Kinds above the floor, best first; ties go to the more specific kind. */
export function ranked (scores: Map<Kind, Score>): Array<[Kind, Score]> {
  return [...scores.entries()]
    .filter(([kind, s]) => kind !== 'unknown' && s.score >= 0.1)
    .sort(([ka, a], [kb, b]) => b.score - a.score || PRECEDENCE.indexOf(ka) - PRECEDENCE.indexOf(kb))
}


const LOOPBACK_V4 = /^127\./
/** `db`, `postgres`, `backend`: a name without dots is a compose service name far more often than a real host. */
const isServiceName = (name: string | null): boolean => name !== null && !name.includes('.') && familyOf(name) === undefined && name !== 'localhost'
/**
 * A ::1 the user typed: curl's summary, a URL literal, Ruby's connect(2) line, PHP's and Perl's "to [::1]:", aiohttp,
 * bash's /dev/tcp and gawk's /inet paths.
 */
const TYPED_V6 = /(?:Failed to connect to|connect to) ::1 port|\(\('::1'|create_connection\(\('::1'|\/\/\[::1\]|for "::1" port|to '?\[::1\]:|connect to host ::1:|server at "::1"|\/dev\/(?:tcp|udp)\/::1\/|\/inet6?\/(?:tcp|udp)\/[\w-]+\/::1\//
/** The text is about TLS: an https:// or wss:// URL, SSL/TLS, a handshake, a certificate. */
const TLS_WORDS = /\bhttps:\/\/|\bwss:\/\/|\b(?:SSL|TLS)\b|\bhandshake\b|\bcertificate\b/i
/** A permission error about a file: the operation Node names, or a path right after the words. */
const FILE_DENIED = /\b(?:open|mkdir|scandir|unlink|rename|access|stat|lstat|chmod|copyfile|rmdir|symlink)\b[ ,]+'?\/|(?:EACCES|[Pp]ermission denied)[:,]? [\w ]{0,20}'?\/[\w.-]/
/**
 * A read or a response that timed out: the connection was made, and no answer came. Java's SocketTimeoutException
 * "Read timed out" (OpenJDK NioSocketImpl), Ruby's Net::ReadTimeout (ruby/net-protocol lib/net/protocol.rb), Python's
 * requests.exceptions.ReadTimeout, urllib3's ReadTimeoutError, httpx.ReadTimeout and ssl's "The read operation timed
 * out", undici's HeadersTimeoutError and BodyTimeoutError (UND_ERR_HEADERS_TIMEOUT, UND_ERR_BODY_TIMEOUT), Go's
 * net/http "timeout awaiting response headers".
 */
const READ_TIMEOUT = /\bRead timed out\b|\bReadTimeout(?:Error)?\b|\bThe read operation timed out\b|\b(?:Headers|Body)TimeoutError\b|\bUND_ERR_(?:HEADERS|BODY)_TIMEOUT\b|\btimeout awaiting response headers\b/
/**
 * A container engine's CLI that could not reach its own daemon: docker's "Cannot connect to the Docker daemon at"
 * and "error during connect:" (docker/cli vendor/github.com/moby/moby/client errors.go and request.go @
 * 28f756087eea5fa301f3fbf12b01ae62f91521c2), podman's "Cannot connect to Podman" / "unable to connect to Podman socket"
 * (podman 4.3.1+ds1-8+deb12u1+b3, /usr/bin/podman). Its words name the engine it talks to, not a container the failing
 * program runs in.
 */
const ENGINE_DAEMON = /\bCannot connect to the Docker daemon at\b|\berror during connect: |\bCannot connect to Podman\b|\bunable to connect to Podman socket\b/
/** CLISP's condition for an OS error, as its REPL prints it: `*** - OS-ERROR(EINVAL): Invalid argument`. */
const CLISP_EINVAL = /\bOS-ERROR\(EINVAL\)/
/** A Kerberos client's line (`kinit: … while getting initial credentials`). */
const KRB5_CLIENT = /^(?:kinit|kvno|kpasswd|kadmin|ksu|kswitch): |\bwhile getting initial credentials\b/m
/** Go's DNSError with the server it asked: `lookup api.example.com on 127.0.0.53:53: read udp …: connection refused`. */
const GO_LOOKUP_ON = /\blookup [^\s:]{1,253} on (\S{1,60}): /

function count (re: RegExp, text: string): number {
  let n = 0
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)
  for (let m = g.exec(text); m !== null && n < 100; m = g.exec(text)) {
    n++
    if (m[0].length === 0) g.lastIndex++
  }
  return n
}

/**
 * What the text alone cannot decide, ranked by how often each cause produces exactly this text. Each rule is about
 * the failure, not about any particular sample: a ::1 refusal from a client that resolved a name, both families
 * refused, a refusal while the text talks about containers, a hang-up or reset that a Docker port forward also causes.
 */
export function applyContext (s: Map<Kind, Score>, text: string, found: Found, tools: readonly Tool[] = [], announcements: readonly Announcement[] = []): void {
  const get = (k: Kind): number => s.get(k)!.score
  const set = (k: Kind, v: number, why?: string): void => {
    const e = s.get(k)!
    if (v > e.score) {
      e.score = v
      if (why && !e.evidence.includes(why)) e.evidence.push(why)
    }
  }
  const scale = (k: Kind, f: number): void => { s.get(k)!.score *= f }

  const refused = get('refused')
  const literals = found.refusedAddresses
  const v6Loopback = literals.includes('::1')
  const v4Loopback = literals.some((a) => LOOPBACK_V4.test(a))
  const aggregate = /AggregateError|Multiple exceptions/.test(text)
  const localhostNamed = /\blocalhost\b/i.test(text)
  const containerWords = get('container-localhost') >= 0.3 && !ENGINE_DAEMON.test(text)
  const dockerHost = /host\.docker\.internal|gateway\.docker\.internal/.test(text)
  const serviceName = isServiceName(found.address)

  if (refused > 0) {
    const refusals = count(/ECONNREFUSED|Connection refused|connection refused|Connect call failed|actively refused/, text)
    const bothFamilies = (v6Loopback && v4Loopback && refusals >= 2) || (aggregate && /ECONNREFUSED|Errno 111|Connection refused/.test(text))
    // Tools that print the host as the user gave it (curl, a URL, Ruby, PHP, Perl, aiohttp) show a typed ::1; Node,
    // Go, Java, socat and psql print the address a name resolved to, and nobody types ::1 where localhost will do.
    const typedV6 = TYPED_V6.test(text) && !localhostNamed
    // A client that tries every address and names only the one it failed on last (or first): its ::1 refusal was a
    // refusal everywhere. One that prints a line per address showing only ::1 had no other address to try.
    const careful = tools.some((t) => t.reportsEach === true) ? undefined : tools.find((t) => t.triesEvery === true)
    if (bothFamilies) {
      // The trap needs 127.0.0.1 to answer: refused on both families means nothing listens on either.
      set('localhost-ipv6', refused * 0.9, 'refused on both ::1 and 127.0.0.1: nothing listens on either family')
    } else if (v6Loopback && !v4Loopback && careful !== undefined) {
      set('localhost-ipv6', refused * 0.85, `refused on ::1 by a client that tries every address (${careful.why ?? careful.id}): so on 127.0.0.1 too`)
    } else if (v6Loopback && !typedV6) {
      set('localhost-ipv6', refused * 0.95, 'refused on ::1, the IPv6 address localhost resolves to first')
      scale('refused', 0.88)
    } else if (v6Loopback) {
      set('localhost-ipv6', refused * 0.9, 'refused on ::1')
    } else if (localhostNamed || found.address === 'localhost') {
      set('localhost-ipv6', refused * 0.85, 'the name was localhost (two addresses)')
    } else {
      set('localhost-ipv6', refused * 0.4)
    }
    // A connect that failed without saying why ("could not connect", "no response") may as well have timed out.
    if (refused < 0.9 && get('timeout') < refused) set('timeout', refused * 0.85, 'the text does not say why the connect failed: it may have timed out')
    const retrying = get('not-ready') > 0 || /retry|retrying|reconnect|attempt|will try again|waiting for/i.test(text)
    set('not-ready', refused * (retrying ? 0.8 : 0.6), retrying ? 'the client was retrying' : undefined)
    // A container is the cause when the text shows the refused connection crossed a container's boundary: a name
    // only Docker provides, a compose service name, a compose log line. A word alone (docker, pod, WSL, flutter) says
    // where the user works, not where this connection went: it offers the container right after the refusal.
    const first = Math.max(get('refused'), get('localhost-ipv6'))
    // A compose log line refused by another container (a service name, a container-network address): the name
    // resolved and the packet reached that container, where nothing listened yet. Compose starts a service once its
    // depends_on containers have started, not once they accept connections (docs.docker.com, "Control startup order").
    const otherContainer = serviceName || isServiceName(found.host) || (literals.length > 0 && literals.every(isPrivateIPv4))
    const composeLine = containerWords && COMPOSE_LOG_PREFIX.test(text)
    if (composeLine && otherContainer && !dockerHost) {
      set('not-ready', first + 0.001, 'a compose log line refused by another container: it was not listening yet')
      set('container-localhost', first - 0.005, 'or the server in that container listens on its own localhost only')
    } else if (dockerHost) set('container-localhost', first + 0.001, 'host.docker.internal: the client is in a container')
    else if (containerWords && serviceName) set('container-localhost', first + 0.001, 'a compose service name in a text about containers')
    else if (composeLine) set('container-localhost', first + 0.001, 'a compose log line: the program runs in a container')
    else if (containerWords) set('container-localhost', first - 0.005, 'the text mentions a container: its own localhost is the next suspect')
    else if (serviceName) set('container-localhost', refused * 0.9, 'a short service name, as in a compose network')
    else if (found.address !== null && isPrivateIPv4(found.address)) set('container-localhost', refused * 0.6, 'a private (container or LAN) address')
    else set('container-localhost', refused * 0.45)
  }

  // Perl's IO::Socket::IP sets $! to EINVAL when getaddrinfo fails (IO/Socket/IP.pm 0.41, perl-modules-5.36
  // 5.36.0-7+deb12u4, lines 540-542: `$@ = "$err"; $! = EINVAL;`), so "Cannot connect to NAME:PORT: Invalid argument"
  // in any language is a name that did not resolve; to an address literal EINVAL means something else.
  const einval = s.get('dns')!.because.some((e) => e.means.includes('EINVAL') && e.direction === 'connect')
  if (einval && found.address !== null && familyOf(found.address) === undefined && found.address !== 'localhost') {
    set('dns', 0.9, 'EINVAL from a connect to a name: Perl\'s IO::Socket::IP reports a failed lookup that way')
  }
  // CLISP's socket functions set errno to EINVAL themselves when gethostbyname finds nothing (src/socket.d,
  // with_hostname: `sock_set_errno(EINVAL)`, "No such host!"; rurban/clisp @ 029e09219bbc11e34f3ae653507de2df00a9695f)
  // and print it as any OS error, `*** - OS-ERROR(EINVAL): <strerror in the user's language>`.
  if (CLISP_EINVAL.test(text)) set('dns', 0.8, 'CLISP\'s OS-ERROR(EINVAL): its socket functions report a host name that did not resolve so')
  // MIT krb5 turns getaddrinfo's EAI_AGAIN into EAGAIN (krb5/krb5 src/lib/krb5/os/hostrealm.c @
  // 4f7f1fce6edca17db625d76c1f81ea098f29c313, krb5int_translate_gai_error), so kinit prints "Resource temporarily
  // unavailable while getting initial credentials" when no DNS server answered, in the user's language.
  const eagain = [...s.values()].some((k) => k.because.some((e) => e.means.includes('EAGAIN')))
  if (eagain && KRB5_CLIENT.test(text)) set('dns', 0.8, 'EAGAIN from a Kerberos client: MIT krb5 reports a resolver that did not answer (EAI_AGAIN) so')

  // Go's DNSError reads "lookup NAME on SERVER: REASON" (golang/go src/net/net.go @ 8e98e31, DNSError.Error): the
  // reason (connection refused, i/o timeout) is the resolver's, so the failure is the lookup, not the target.
  const lookupOn = GO_LOOKUP_ON.exec(text)
  if (lookupOn !== null) {
    const other = Math.max(get('refused'), get('timeout'))
    if (other > 0) set('dns', other + 0.01, `"${lookupOn[0].slice(0, 60)}": the DNS server ${lookupOn[1]} did not answer, so the name was never resolved`)
  }

  const dns = get('dns')
  if (dns > 0) {
    if (dockerHost) set('container-localhost', dns, 'host.docker.internal resolves only where Docker provides it')
    else if (containerWords || serviceName) {
      set('container-localhost', dns * 0.8, 'a short service name: resolvable only inside its container network')
    }
  }

  const hangUp = get('hang-up')
  const reset = get('reset')
  if (hangUp > 0 || reset > 0) {
    set('hang-up', reset * 0.7)
    set('reset', hangUp * 0.7)
    const base = Math.max(hangUp, reset)
    set('container-localhost', base * (containerWords || dockerHost ? 0.95 : 0.5))
    // Closed or reset while TLS was being set up: most often one side spoke TLS and the other did not.
    const tls = TLS_WORDS.test(text)
    set('protocol-mismatch', base * (tls ? 0.9 : 0.45), tls ? 'the connection ended while TLS was being set up' : undefined)
    if (/websocket|Upgrade/i.test(text)) set('websocket-handshake', base * 0.5, 'during a WebSocket upgrade')
  }

  const timeout = get('timeout')
  if (timeout > 0) {
    // Connected, then silence: a hung service, or one that speaks another protocol and waits for what the client
    // never sends (TLS to a plain-HTTP port waits for the end of a request; a server that speaks first is not heard).
    // A program's own message says which phase it timed out in (direction 'read': fetchmail's "timeout after %d
    // seconds waiting for server", swaks's "Timeout waiting for server response"): connected, then silence. Unless
    // other words say it was the connect that timed out (urllib3's "(connect timeout=5)").
    const phases = new Set(s.get('timeout')!.because.map((e) => e.direction))
    const reading = READ_TIMEOUT.test(text) || (phases.has('read') && !phases.has('connect'))
    if (reading) set('protocol-mismatch', timeout * 0.5, 'a read that timed out: connected, then no answer in the client\'s protocol')
    set('not-ready', timeout * 0.4)
    if (/connect|Connect/.test(text)) set('container-localhost', timeout * (containerWords ? 0.7 : 0.35))
  }

  const wsClose = get('websocket-abnormal-close')
  if (wsClose > 0) set('hang-up', wsClose * 0.6)

  // EACCES on a file (npm, open, mkdir) is not a port: the text names the file operation or a path.
  if (get('permission-denied') > 0 && FILE_DENIED.test(text)) scale('permission-denied', 0.6)

  // What the server announced, next to a failure, is evidence about the failure: a server on ::1 only explains a
  // refusal on 127.0.0.1 (and the reverse); a container's id as its host says it listens inside a container.
  if (announcements.length > 0) {
    const failure = Math.max(...KINDS.filter((k) => k !== 'announcement' && k !== 'address' && k !== 'unknown').map(get))
    const announced = announcements.flatMap((a) => a.address === null ? [] : [a.address])
    const onlyV6 = announced.length > 0 && announced.every((a) => a === '::1')
    const onlyV4 = announced.length > 0 && announced.every((a) => LOOPBACK_V4.test(a))
    if (refused > 0 && onlyV6 && !v6Loopback) set('localhost-ipv6', refused + 0.01, 'the server announced ::1 only; the refusal was not on ::1')
    if (refused > 0 && onlyV4 && v6Loopback) set('localhost-ipv6', refused + 0.01, 'the server announced 127.0.0.1 only; the client tried ::1')
    if (failure > 0 && announced.some((a) => CONTAINER_ID.test(a))) set('container-localhost', failure + 0.01, 'the server announced a container id as its host: it listens inside a container')
    set('announcement', failure >= 0.5 ? Math.min(0.3, failure * 0.5) : 0.9, `announces ${announcements[0]!.text}`)
  }

  // A proxy names where the failure happened; its inner cause follows it.
  const proxy = get('proxy')
  if (proxy >= 0.85) {
    let top = 0
    for (const k of KINDS) if (k !== 'proxy') top = Math.max(top, get(k))
    set('proxy', Math.max(proxy, top + 0.001))
  }
  failureOverAnnouncement(s)
}

/**
 * A text that says where a program listens and, as clearly, that something failed: the failure is the answer and the
 * announcement its context (issue 11: "next to a failure, what it announces counts as evidence for that failure").
 * unicorn logs its first listener before the second fails "(in use)"; Spring's failure advice ("stop any process
 * that's listening on port 8080") reads as an announcement to the message table. The announcement stays a candidate.
 */
function failureOverAnnouncement (s: Map<Kind, Score>): void {
  const announcement = s.get('announcement')!
  let failure = 0
  for (const k of KINDS) if (k !== 'announcement' && k !== 'address' && k !== 'unknown') failure = Math.max(failure, s.get(k)!.score)
  if (failure >= 0.8 && announcement.score >= failure) announcement.score = failure * 0.95
}

/** For tests and benchmarks: the regular expressions rank.ts runs over untrusted text. */
export function rankPatterns (): RegExp[] {
  return [LOOPBACK_V4, TYPED_V6, TLS_WORDS, FILE_DENIED, CLISP_EINVAL, KRB5_CLIENT, GO_LOOKUP_ON, ENGINE_DAEMON, READ_TIMEOUT]
}

/**
 * How a container engine carries a published port (`-p 127.0.0.1:P:3000`) to the container, and therefore what a
 * client on the host sees when the app inside listens on the container's own 127.0.0.1. The lesson narrates the mode,
 * not the brand: the same engine forwards differently rootful and rootless. Each entry says where it comes from.
 */

export type ForwardingMode = 'dnat' | 'userland-proxy' | 'rootless-proxy'

export interface ForwardingFacts {
  mode: ForwardingMode
  /** Who forwards, in a few words for the narration. */
  forwarder: string
  /** What the host's client gets when nothing listens on the container's address. */
  symptom: string
  /** The codes a client on the host sees then (curl's exit code, Node's err.code). */
  curl: readonly number[]
  node: readonly string[]
  /** Why, in one sentence. */
  why: string
  source: string
}

/** What every proxy in between does to you when the container refuses it: it had accepted, so it hangs up. */
const ACCEPTED_THEN_DROPPED: Pick<ForwardingFacts, 'symptom' | 'curl' | 'node'> = {
  symptom: 'accepted, then reset: curl: (56) Recv failure: Connection reset by peer or (52) Empty reply from server',
  curl: [56, 52],
  node: ['ECONNRESET', 'UND_ERR_SOCKET'],
}

export const FORWARDING: Readonly<Record<ForwardingMode, ForwardingFacts>> = {
  dnat: {
    mode: 'dnat',
    forwarder: 'the kernel itself: a DNAT firewall rule rewrites the destination to the container\'s address',
    symptom: 'refused: curl: (7) Failed to connect, ECONNREFUSED',
    curl: [7],
    node: ['ECONNREFUSED'],
    why: 'No program sits in between: your SYN reaches the container\'s kernel, which has nothing listening on its bridge address and answers with a reset at once.',
    source: 'containers/netavark src/firewall/varktables/types.rs (chain NETAVARK-DN-*, `-j DNAT --to-destination`); the lesson reads the rule from `iptables -t nat -S` on each run',
  },
  'userland-proxy': {
    mode: 'userland-proxy',
    forwarder: 'docker-proxy, a program on the host that accepts your connection and opens its own to the container',
    ...ACCEPTED_THEN_DROPPED,
    why: 'The proxy accepts on the host first; only then does it try the container, is refused, and drops the connection it had accepted.',
    source: 'moby/moby cmd/docker-proxy/tcp_proxy_linux.go at 0bbc209622eef17e0a7eaf26935779b14776dd38 (Run accepts, clientLoop then dials the container and closes the client when that fails); https://docs.docker.com/engine/network/packet-filtering-firewalls/ (userland-proxy, on by default)',
  },
  'rootless-proxy': {
    mode: 'rootless-proxy',
    forwarder: 'a port forwarder in user space (rootless podman\'s rootlessport, rootless Docker\'s RootlessKit)',
    ...ACCEPTED_THEN_DROPPED,
    why: 'An unprivileged engine cannot write firewall rules for the host, so a user-space program accepts on the host and connects inside; refused there, it hangs up on you.',
    source: 'containers/podman#12730 (rootless podman: rootlesskit\'s port forwarder by default); moby/moby contrib/dockerd-rootless.sh (DOCKERD_ROOTLESS_ROOTLESSKIT_PORT_DRIVER, builtin by default)',
  },
}

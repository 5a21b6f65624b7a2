/**
 * Can this process create network namespaces? Linux only, as root, with iproute2's `ip`. Answers with the reason when
 * it cannot, so a scenario can skip with one honest line. Creating a namespace takes CAP_SYS_ADMIN (for the mount
 * under /run/netns) and CAP_NET_ADMIN; a container without them fails the probe, not the uid check.
 */
import { deleteNamespace, ip, namespaceName } from './namespace.js'
import { run, which } from '../process/tool.js'

let probed: Promise<string | undefined> | undefined

/**
 * undefined when namespaces work here; otherwise why not (one line, no trailing period).
 * `tools` are further commands the caller needs (e.g. `setpriv`).
 */
export async function namespacesUnavailable (tools: string[] = []): Promise<string | undefined> {
  if (process.platform !== 'linux') return `network namespaces are a Linux feature and this is ${process.platform}`
  const uid = process.getuid?.()
  if (uid !== 0) return `creating network namespaces needs root (CAP_SYS_ADMIN) and this runs as uid ${uid}`
  for (const tool of ['ip', ...tools]) {
    if (await which(tool) === undefined) return `the \`${tool}\` command is not installed (${tool === 'ip' ? 'iproute2' : 'util-linux'})`
  }
  probed ??= probe()
  return probed
}

/** Create and delete one namespace: the only proof that the kernel and our capabilities allow it. */
async function probe (): Promise<string | undefined> {
  const name = namespaceName('probe')
  const made = await run(await ip(), ['netns', 'add', name], { allowFail: true })
  if (made.exitCode !== 0) return `this system does not let us create a network namespace: ${made.stderr.trim().split('\n')[0]}`
  await deleteNamespace(name)
  return undefined
}

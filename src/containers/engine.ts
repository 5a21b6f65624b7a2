/**
 * The container engine of this machine (docker or podman), found and asked once, and the one way to run it: every
 * call goes through here with the flags this kind of machine needs, so no lesson or test spells them.
 *
 * Why the podman flags (measured on Debian 12 with podman 4.3.1, see localhost-lab issue 16): crun and podman's
 * systemd cgroup manager fail on hybrid cgroups, so `--runtime runc --cgroup-manager cgroupfs`; podman's default
 * ulimits ask for more file descriptors than the hard limit here (20000), so every container gets 4096.
 */
import { run, which, type RunOptions, type RunResult } from '../process/tool.js'
import type { ForwardingMode } from './forwarding.js'

export type EngineName = 'docker' | 'podman'
/** What `--engine` accepts: an engine, the namespace version, or `auto` (an engine if one works, else netns). */
export const ENGINE_CHOICES = ['auto', 'docker', 'podman', 'netns'] as const
export type EngineChoice = typeof ENGINE_CHOICES[number]

export interface Engine {
  name: EngineName
  /** Full path of the CLI. */
  command: string
  version: string
  rootless: boolean
  mode: ForwardingMode
  /** Run the engine's CLI with this machine's flags. Rejects with LAB_ERR_TOOL_FAILED (the engine's own words). */
  run (args: string[], opts?: RunOptions): Promise<RunResult>
  /** The flags every `run`/`create` of a container needs here. */
  containerFlags: readonly string[]
}

const GLOBAL_FLAGS: Record<EngineName, readonly string[]> = {
  podman: ['--runtime', 'runc', '--cgroup-manager', 'cgroupfs'],
  docker: [],
}
const CONTAINER_FLAGS: Record<EngineName, readonly string[]> = {
  podman: ['--ulimit', 'nofile=4096:4096', '--ulimit', 'nproc=4096:4096'],
  docker: ['--ulimit', 'nofile=4096:4096'],
}

/** An engine, or why there is none to use (one line, no trailing period). */
export type Found = { engine: Engine } | { why: string }

const found = new Map<EngineName, Promise<Found>>()

/** `auto` tries docker (its daemon must answer), then podman; asked once per process. */
export async function findEngine (choice: Exclude<EngineChoice, 'netns'>): Promise<Found> {
  if (choice !== 'auto') return probeOnce(choice)
  const docker = await probeOnce('docker')
  if ('engine' in docker) return docker
  const podman = await probeOnce('podman')
  if ('engine' in podman) return podman
  return { why: `${docker.why}; ${podman.why}` }
}

function probeOnce (name: EngineName): Promise<Found> {
  const answer = found.get(name) ?? probe(name)
  found.set(name, answer)
  return answer
}

async function probe (name: EngineName): Promise<Found> {
  const command = await which(name)
  if (command === undefined) return { why: `${name} is not installed` }
  const uid = process.getuid?.()
  if (name === 'podman' && uid !== 0) {
    return { why: `podman runs rootful here, which needs root, and this runs as uid ${uid}` }
  }
  const globals = GLOBAL_FLAGS[name]
  const runEngine = (args: string[], opts: RunOptions = {}): Promise<RunResult> =>
    run(command, [...globals, ...args], { timeoutMs: 30_000, ...opts })
  const info = await runEngine(['info', '--format', name === 'podman' ? '{{.Version.Version}} {{.Host.Security.Rootless}}' : '{{.ServerVersion}} {{json .SecurityOptions}}'], { allowFail: true, timeoutMs: 15_000 })
  if (info.exitCode !== 0) return { why: `\`${name} info\` failed: ${firstLine(info.stderr) || `exit ${info.exitCode}`}` }
  const [version = '?', ...rest] = info.stdout.trim().split(' ')
  const rootless = name === 'podman' ? rest[0] === 'true' : rest.join(' ').includes('rootless')
  const mode: ForwardingMode = rootless ? 'rootless-proxy' : name === 'podman' ? 'dnat' : 'userland-proxy'
  return { engine: { name, command, version, rootless, mode, run: runEngine, containerFlags: CONTAINER_FLAGS[name] } }
}

export function firstLine (text: string): string {
  return text.trim().split('\n')[0]?.trim().slice(0, 300) ?? ''
}

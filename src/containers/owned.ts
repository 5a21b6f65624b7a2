/**
 * What the lab owns in a container engine, and only that. Every container, network and image a run creates carries
 * two labels: `localhost-lab=run` and `localhost-lab.owner=<lab pid>:<its start time>` (the mark of ../process/sweep.ts).
 * The reusable base image carries `localhost-lab=base` and is never removed here. Nothing without our labels is
 * listed or touched: a user's own containers and images are not ours to see.
 *
 * Why a marker file too: asking an engine costs 100-300 ms a call, too much for the start of every `demo`. A run
 * writes `<tmpdir>/localhost-lab-engines/<pid>-<start>` (holding the engine's name) before it creates anything and
 * deletes it after its cleanup; the start-up sweep only asks the engine when a file of a dead lab is there.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findEngine, type Engine, type EngineName } from './engine.js'

export const LABEL = 'localhost-lab'
export const OWNER_LABEL = 'localhost-lab.owner'

/**
 * `--label` arguments for anything a run creates. `owner` is the lab's mark (`ownerMark()` of ../process/sweep.ts,
 * passed in: the sweep imports this module, so this one must not import the sweep).
 */
export function labelArgs (owner: string): string[] {
  return ['--label', `${LABEL}=run`, '--label', `${OWNER_LABEL}=${owner}`]
}

export type OwnedKind = 'container' | 'network' | 'image'

export interface Owned {
  kind: OwnedKind
  /** What the engine calls it: a container's or network's name, an image's id. */
  id: string
  /** The owner label's value: `<pid>:<start time>`. */
  owner: string
}

const LIST: Record<OwnedKind, string[]> = {
  container: ['ps', '-a', '--filter', `label=${LABEL}=run`, '--format', 'json'],
  network: ['network', 'ls', '--filter', `label=${LABEL}=run`, '--format', 'json'],
  image: ['images', '--filter', `label=${LABEL}=run`, '--format', 'json'],
}

/** Everything of the lab's (label `localhost-lab=run`) that this engine holds, of every lab, alive or dead. */
export async function listOwned (engine: Engine): Promise<Owned[]> {
  // The three lists at once: each is a separate engine process, and they only read.
  const kinds = ['container', 'network', 'image'] as const
  const lists = await Promise.all(kinds.map((kind) => engine.run(LIST[kind], { allowFail: true })))
  return kinds.flatMap((kind, i) => {
    const r = lists[i]!
    if (r.exitCode !== 0) return []
    return parseList(r.stdout).flatMap((entry): Owned[] => {
      const labels = labelsOf(entry)
      if (labels[LABEL] !== 'run') return [] // The filter already said so; a second look costs nothing.
      const id = String(firstOf(entry, kind === 'image' ? ['Id', 'ID'] : ['Names', 'Name', 'name', 'ID']) ?? '')
      return id === '' ? [] : [{ kind, id, owner: labels[OWNER_LABEL] ?? '' }]
    })
  })
}

/** Remove what is listed: containers first (they hold the networks and images), then networks, then images. */
export async function removeOwned (engine: Engine, owned: readonly Owned[]): Promise<string[]> {
  const removed: string[] = []
  const order: OwnedKind[] = ['container', 'network', 'image']
  for (const kind of order) {
    const ids = owned.filter((o) => o.kind === kind).map((o) => o.id)
    if (ids.length === 0) continue
    const args = kind === 'container' ? ['rm', '-f', '-t', '0', ...ids] : kind === 'network' ? ['network', 'rm', '-f', ...ids] : ['rmi', '-f', ...ids]
    const r = await engine.run(args, { allowFail: true })
    if (r.exitCode === 0) removed.push(...ids.map((id) => `${kind} ${id}`))
  }
  return removed
}

// ---- the marker files -----------------------------------------------------------------------------------------------

export const MARKER_DIR = join(tmpdir(), 'localhost-lab-engines')

/** Note that this lab is about to create things in `engine`; returns the undo. */
export function markEngineUse (engine: EngineName, owner: string): () => void {
  const file = join(MARKER_DIR, owner.replace(':', '-'))
  mkdirSync(MARKER_DIR, { recursive: true })
  writeFileSync(file, engine)
  return () => { rmSync(file, { force: true }) }
}

/** Engines named by marker files of labs that are dead (`alive` says which are not), cheaply: no engine call. */
export function deadOwnersEngines (alive: (owner: string) => boolean): Map<EngineName, string[]> {
  const out = new Map<EngineName, string[]>()
  let names: string[]
  try {
    names = readdirSync(MARKER_DIR)
  } catch {
    return out
  }
  for (const n of names) {
    const owner = n.replace('-', ':')
    if (!/^\d+:\d*$/.test(owner) || alive(owner)) continue
    let engine: string
    try {
      engine = readFileSync(join(MARKER_DIR, n), 'utf8').trim()
    } catch {
      continue
    }
    if (engine !== 'docker' && engine !== 'podman') continue
    out.set(engine, [...(out.get(engine) ?? []), join(MARKER_DIR, n)])
  }
  return out
}

/**
 * The start-up sweep's part for engines: when a dead lab's marker file is there, remove everything labelled as owned
 * by a dead lab (`alive` false) in that engine, then the marker. Labs alive, and owners that are not a lab's mark
 * (`localhost-lab.owner=compose` of a user's own `compose up`), are never touched. Never throws.
 */
export async function sweepDeadLabs (alive: (owner: string) => boolean): Promise<string[]> {
  const removed: string[] = []
  for (const [name, files] of deadOwnersEngines(alive)) {
    try {
      const found = await findEngine(name)
      if ('why' in found) continue
      removed.push(...await removeOwned(found.engine, (await listOwned(found.engine)).filter((o) => !alive(o.owner))))
      for (const f of files) rmSync(f, { force: true })
    } catch {}
  }
  return removed
}

// ---- the engines' list formats ------------------------------------------------------------------------------------

type Entry = Record<string, unknown>

/** podman prints one JSON array; docker prints one JSON object a line (`--format json` on 23+, `{{json .}}` before). */
function parseList (stdout: string): Entry[] {
  const text = stdout.trim()
  if (text === '') return []
  try {
    const v = JSON.parse(text) as unknown
    return Array.isArray(v) ? v as Entry[] : [v as Entry]
  } catch {
    return text.split('\n').flatMap((l) => { try { return [JSON.parse(l) as Entry] } catch { return [] } })
  }
}

/** Labels as podman gives them (an object) or docker (`a=b,c=d`). */
function labelsOf (e: Entry): Record<string, string> {
  const v = firstOf(e, ['Labels', 'labels'])
  if (typeof v === 'string') return Object.fromEntries(v.split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]))
  return v !== null && typeof v === 'object' ? v as Record<string, string> : {}
}

function firstOf (e: Entry, keys: string[]): unknown {
  for (const k of keys) {
    const v = e[k]
    if (v === undefined || v === null) continue
    return Array.isArray(v) ? v[0] : v
  }
  return undefined
}

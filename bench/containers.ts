/**
 * The container lesson's speed on a real engine: a warm `demo container-localhost --engine podman` (the base image
 * built, nothing else cached) against the namespace version of the same lesson, runs interleaved, medians of
 * BENCH_CONTAINER_RUNS (default 5); where its time goes, from the events' own times (no console text is read);
 * building the compose apps' image from the base; and, when BENCH_BASE_BUILD=1, building the base itself (about a
 * minute, from Debian's mirror: not by default).
 *
 * Every row is measured here or says why it was not: no podman, not root, no base image.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { median } from './lib.js'
import { baseImage, BUILD_BASE, findBaseImage, findEngine } from '../src/containers/index.js'

export interface ContainerRow { what: string, figure: string, baseline?: string, ratio?: string, target?: string, met?: string }

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url))
const RUNS = Number(process.env.BENCH_CONTAINER_RUNS ?? 5)
const msText = (ms: number): string => ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`
const yes = (ok: boolean): string => ok ? 'yes' : 'NO'

interface Demo { wallMs: number, ok: boolean, engine: string | undefined, steps: Array<{ n: number, title: string, t: number }>, durationMs: number }

function demo (cli: string, engine: string): Demo {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, [cli, 'demo', 'container-localhost', '--engine', engine, '--json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 << 20 })
  const wallMs = performance.now() - t0
  const events = r.stdout.split('\n').flatMap((l) => { try { return [JSON.parse(l) as Record<string, unknown>] } catch { return [] } })
  const fact = events.find((e) => e.type === 'observe' && e.kind === 'fact' && e.key === 'container-engine') as { value?: { engine?: string } } | undefined
  const done = events.find((e) => e.type === 'done') as { ok?: boolean, durationMs?: number } | undefined
  const steps = events.filter((e) => e.type === 'step').map((e) => ({ n: e.n as number, title: e.title as string, t: e.t as number }))
  return { wallMs, ok: done?.ok === true, engine: fact?.value?.engine, steps, durationMs: done?.durationMs ?? NaN }
}

/** The rows of this benchmark; `cli` is the built dist/src/cli/main.js. */
export async function containerRows (cli: string): Promise<ContainerRow[]> {
  const found = await findEngine('podman')
  if ('why' in found) return [{ what: 'container-localhost on podman', figure: 'not measured', baseline: found.why }]
  const engine = found.engine
  const base = await findBaseImage(engine)
  if (base === undefined) return [{ what: 'container-localhost on podman', figure: 'not measured', baseline: `no base image ${baseImage()} (\`${BUILD_BASE}\`)` }]
  const rows: ContainerRow[] = []

  demo(cli, 'podman') // The first run after a while pays for podman's own caches (storage, netavark); not counted.
  const real: Demo[] = []
  const netns: Demo[] = []
  for (let i = 0; i < RUNS; i++) {
    real.push(demo(cli, 'podman'))
    netns.push(demo(cli, 'netns'))
  }
  const okRuns = real.filter((d) => d.ok && d.engine === 'podman').length
  const wall = median(real.map((d) => d.wallMs))
  const netnsWall = median(netns.map((d) => d.wallMs))
  rows.push({
    what: `container-localhost --engine podman, warm, wall (${okRuns}/${RUNS} ok on podman)`,
    figure: msText(wall), baseline: `--engine netns: ${msText(netnsWall)}`, ratio: `${(wall / netnsWall).toFixed(1)}×`, target: '≤ 10 s', met: yes(wall <= 10_000 && okRuns === RUNS),
  })
  // Where the time goes: from each step's start to the next (the last to done, cleanup included), medians over the runs.
  const spans = new Map<string, number[]>()
  for (const d of real) {
    const marks = [{ label: 'before step 1 (engine info, network, first container)', t: 0 }, ...d.steps.map((x) => ({ label: `step ${x.n}`, t: x.t })), { label: 'end', t: d.durationMs }]
    for (let i = 0; i + 1 < marks.length; i++) spans.set(marks[i]!.label, [...(spans.get(marks[i]!.label) ?? []), marks[i + 1]!.t - marks[i]!.t])
  }
  rows.push({
    what: 'container-localhost on podman, where the time goes (median per step; the last one includes the cleanup)',
    figure: [...spans].map(([k, v]) => `${k}: ${msText(median(v))}`).join(', '),
    baseline: `outside the story (node start, the sweep, exit): ${msText(wall - median(real.map((d) => d.durationMs)))}`,
  })

  // The compose apps' image from the base: what `podman-compose up` builds first.
  const builds: number[] = []
  for (let i = 0; i < 3; i++) {
    const tag = `localhost/localhost-lab-app:bench-${process.pid}-${i}`
    const t0 = performance.now()
    const r = await engine.run(['build', '--build-arg', `BASE=${base}`, '--build-arg', `OWNER=${process.pid}:bench`, '-f', here('../../docker/app.Dockerfile'), '-t', tag, here('../..')], { allowFail: true, timeoutMs: 120_000 })
    builds.push(r.exitCode === 0 ? performance.now() - t0 : NaN)
    await engine.run(['rmi', '-f', tag], { allowFail: true })
  }
  rows.push({ what: 'docker/app.Dockerfile built from the lab base (podman build, offline)', figure: msText(median(builds)) })

  if (process.env.BENCH_BASE_BUILD === '1') {
    const image = `localhost/localhost-lab-base:bench-${process.pid}`
    const t0 = performance.now()
    const r = spawnSync(here('../../docker/build-base.sh'), [], { env: { ...process.env, IMAGE: image, FORCE: '1' }, encoding: 'utf8' })
    const ms = performance.now() - t0
    await engine.run(['rmi', '-f', image], { allowFail: true })
    rows.push({ what: 'the base image: docker/build-base.sh (debootstrap minbase + Node, podman import)', figure: r.status === 0 ? msText(ms) : `failed: ${r.stderr.trim().split('\n').at(-1) ?? ''}`, baseline: 'once per machine' })
  } else {
    rows.push({ what: 'the base image: docker/build-base.sh', figure: 'not measured', baseline: 'BENCH_BASE_BUILD=1 measures it (about a minute, from Debian\'s mirror)' })
  }
  return rows
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await containerRows(here('../src/cli/main.js'))) {
    process.stdout.write(`  ${r.what}: ${r.figure}${r.baseline ? ` (vs ${r.baseline})` : ''}${r.ratio ? ` ${r.ratio}` : ''}${r.target ? `  target ${r.target}: ${r.met}` : ''}\n`)
  }
}

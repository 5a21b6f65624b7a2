/**
 * The reusable base image: Debian bookworm (minbase) with this machine's Node, built offline by docker/build-base.sh
 * once per machine, labelled `localhost-lab=base`. Its tag names the Node version it carries. The lesson's programs
 * in the container need only Node 18 or later, so a lab on another Node (CI's Node 22 and 24 runs) uses whichever
 * base is there, its own version's first.
 */
import type { Engine } from './engine.js'

export function baseImage (nodeVersion = process.version): string {
  return `localhost/localhost-lab-base:bookworm-node${nodeVersion.replace(/^v/, '')}`
}

/** The command that builds it, for the line that says it is missing. */
export const BUILD_BASE = 'sudo docker/build-base.sh'

export async function hasBaseImage (engine: Engine, image = baseImage()): Promise<boolean> {
  const r = await engine.run(engine.name === 'podman' ? ['image', 'exists', image] : ['image', 'inspect', image], { allowFail: true })
  return r.exitCode === 0
}

/** The base image to run: this Node's, else any image labelled `localhost-lab=base`; undefined when none is built. */
export async function findBaseImage (engine: Engine): Promise<string | undefined> {
  if (await hasBaseImage(engine)) return baseImage()
  const r = await engine.run(['images', '--filter', 'label=localhost-lab=base', '--format', '{{.Repository}}:{{.Tag}}'], { allowFail: true })
  return r.exitCode === 0 ? r.stdout.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.includes('<none>')) : undefined
}

/**
 * The reusable base image: Debian bookworm (minbase) with this machine's Node, built offline by docker/build-base.sh
 * once per machine. Its tag names the Node version, so a new Node means a new base and never a mismatched one.
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

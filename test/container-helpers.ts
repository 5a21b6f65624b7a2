/**
 * The engine the container tests run on: podman here, rootful. Where podman (or the lab's base image) is missing the
 * tests skip with the reason, unless LAB_REQUIRE_ENGINE=podman (CI on this kind of machine): then a missing engine
 * fails, so a silent fallback cannot pass as a skip.
 */
import { baseImage, BUILD_BASE, findBaseImage, findEngine, listOwned, type Engine, type Owned } from '../src/containers/index.js'

export const REQUIRED = process.env.LAB_REQUIRE_ENGINE === 'podman'

async function podmanOrWhy (): Promise<{ engine: Engine, image: string } | string> {
  const found = await findEngine('podman')
  if ('why' in found) return found.why
  const image = await findBaseImage(found.engine)
  if (image === undefined) return `the base image ${baseImage()} is not built (\`${BUILD_BASE}\`)`
  return { engine: found.engine, image }
}

const probed = await podmanOrWhy()
/** The engine, or undefined (then `skip` says why). */
export const engine: Engine | undefined = typeof probed === 'string' ? undefined : probed.engine
/** The lab's base image the engine has (this Node's, or another Node's). */
export const base: string = typeof probed === 'string' ? baseImage() : probed.image
/** For tap's `{ skip }`: false when podman runs; the reason otherwise, unless the engine is required. */
export const skip: string | false = typeof probed === 'string' && !REQUIRED ? `podman unavailable: ${probed} (LAB_REQUIRE_ENGINE=podman makes this a failure)` : false
/** Why the engine is missing when it is required (the test then fails with this). */
export const missing: string | undefined = typeof probed === 'string' && REQUIRED ? probed : undefined

/** What the engine holds with an owner label naming `pid`. */
export async function ownedBy (e: Engine, pid: number): Promise<Owned[]> {
  return (await listOwned(e)).filter((o) => o.owner.startsWith(`${pid}:`))
}

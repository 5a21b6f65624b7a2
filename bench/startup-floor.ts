/**
 * The libraries' floor as the bin runs a lesson: fastify and ws listening on port 0 on 127.0.0.1, then closed, and
 * nothing of ours. tools/build/bundle.mjs bundles it as it bundles quick-demo.cjs (one CommonJS file, the same
 * stand-ins for the modules fastify and ws load but the lab never uses) into dist/bench/startup-floor.cjs, and
 * bench/startup.ts runs that with the bin's V8 code cache (src/cli/code-cache.cts): what `demo ephemeral` cannot
 * go below before its lesson does anything. The other floor there (floorArgs) imports the packages as they are.
 */
import Fastify from 'fastify'
import { WebSocketServer } from 'ws'

/** A schema compiler factory: fastify calls one only for a route with a schema, and the floor has none. */
function noSchemas (): never {
  throw new Error('the floor has no route with a schema')
}

async function main (): Promise<void> {
  // The lab's options (src/services/http.ts): no logger, and compilers of its own, so fastify's defaults never load.
  const app = Fastify({ logger: false, forceCloseConnections: true, schemaController: { compilersFactory: { buildValidator: noSchemas, buildSerializer: noSchemas } } })
  app.get('/', async () => ({ ok: true }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await new Promise((resolve) => wss.once('listening', resolve))
  await new Promise((resolve) => wss.close(resolve))
  await app.close()
}
void main()

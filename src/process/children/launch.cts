/**
 * The start of each child program in the bin's bundle: tools/build/bundle.mjs builds this one file as
 * dist/cli/children/<name>.cjs for every program, beside the program itself as CommonJS (<name>-program.cjs), and
 * this runs the program with V8's code cache (src/cli/code-cache.cts), as bin.cjs runs the quick commands.
 *
 * Why: from the ES module chunks, Node's ES module loader resolved and linked each child's chunks before it ran a
 * line. CPU to the hello, medians of 15, side by side, without NODE_EXTRA_CA_CERTS (which ../child.ts now keeps from
 * the children): a service child on Node 20 53.0 → 41.7 ms (a bare `node` that says hello: 28.9), on Node 22 80.1 →
 * 50.5; the agent, whose CommonJS file is 1 MB (fastify inside, loaded only when asked), 63.0 → 49.3 on Node 20, of
 * which the code cache is 62.4 → 49.3. `ps` still shows `node …/children/<name>.cjs [label]`.
 */
const { requireWithCodeCache } = require('../../cli/code-cache.cjs') as typeof import('../../cli/code-cache.cjs')

// A child ends by the lab's SIGKILL, not by 'exit': the cache is written after its first message (its hello).
requireWithCodeCache(__filename.replace(/\.cjs$/, '-program.cjs'), 'first-message')

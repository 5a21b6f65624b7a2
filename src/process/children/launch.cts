/**
 * The start of each child program in the bin's bundle: tools/build/bundle.mjs builds this one file as
 * dist/cli/children/<name>.cjs for every program, beside the program itself as CommonJS (<name>-program.cjs), and
 * this runs the program with V8's code cache (src/cli/code-cache.cts), as bin.cjs runs the quick commands.
 *
 * Why: a service child from the ES module chunks cost 46.7 ms of CPU to its hello against 25.3 ms for a bare
 * `node` that says hello (Node 20, medians of 15, side by side): Node's ES module loader resolving and linking its
 * chunks, then compiling every function it ran. `ps` still shows `node …/children/<name>.cjs [label]`.
 */
const { requireWithCodeCache } = require('../../cli/code-cache.cjs') as typeof import('../../cli/code-cache.cjs')

// A child ends by the lab's SIGKILL, not by 'exit': the cache is written after its first message (its hello).
requireWithCodeCache(__filename.replace(/\.cjs$/, '-program.cjs'), 'first-message')

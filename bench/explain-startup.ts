/**
 * explain's start-up (issue 15: within 1.5× `node -e 0`): the whole command on one short text, side by side with
 * `node -e 0`, interleaved, medians; and, given another build's `dist/cli/main.js` as an argument, that build
 * beside this one on the same text (how a change was measured). Prints; never fails on a number.
 * It runs the bundled bin (`npm run build` writes dist/cli/, tools/build/bundle.mjs), which is what users run; tsc's
 * one-file-per-module dist/src/cli/main.js pays ~1 ms per module more and is not what the target is about.
 *
 *   npm run build && node dist/bench/explain-startup.js [other/dist/cli/main.js] [--runs N]
 */
import { fileURLToPath } from 'node:url'
import { compare } from './lib.js'

const node = process.execPath
const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url))
const args = process.argv.slice(2)
const runsAt = args.indexOf('--runs')
const runs = runsAt === -1 ? 15 : Number(args[runsAt + 1])
const other = args.find((a, i) => a.endsWith('.js') && i !== runsAt + 1)
const TEXTS = ['Error: connect ECONNREFUSED ::1:5173', 'psql: Fehler: Verbindung zum Server auf »127.0.0.1«, Port 5432 fehlgeschlagen: Verbindungsaufbau abgelehnt']

const ms = (x: number): string => `${x.toFixed(1)} ms`
for (const text of TEXTS) {
  const c = compare('explain', [node, [cli, 'explain', text]], [node, ['-e', '0']], runs)
  process.stdout.write(`explain vs node -e 0   ${ms(c.subjectMs).padStart(9)} vs ${ms(c.baselineMs).padStart(9)}  ${c.ratio.toFixed(2)}×  (target ≤ 1.5×; ${runs} runs; ${JSON.stringify(text.slice(0, 40))})\n`)
  if (other !== undefined) {
    const d = compare('explain', [node, [cli, 'explain', text]], [node, [other, 'explain', text]], runs)
    process.stdout.write(`this build vs other    ${ms(d.subjectMs).padStart(9)} vs ${ms(d.baselineMs).padStart(9)}  ${d.ratio.toFixed(2)}×  (${other})\n`)
  }
}

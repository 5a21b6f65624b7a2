/** Bad-usage cases for the CLI: exit 2, one line on stderr naming the problem, nothing on stdout, no stack. */
import t from 'tap'
import { cli } from './helpers.js'

export function badUsage (cases: Array<[string[], RegExp]>): void {
  for (const [args, expected] of cases) {
    t.test(`CLI bad input: ${args.join(' ')}`, async (t) => {
      const r = await cli(args)
      t.equal(r.code, 2, 'exit code 2 for usage errors')
      t.match(r.stderr, expected)
      t.equal(r.stderr.trim().split('\n').length, 1, 'one line')
      t.notMatch(r.stderr, /\n\s+at /, 'no stack trace')
      t.equal(r.stdout, '')
    })
  }
}

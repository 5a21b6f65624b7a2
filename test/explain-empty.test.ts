import t from 'tap'
import { cli } from './helpers.js'

// Piped but empty (`: | localhost-lab explain`): bad usage, as on a terminal with no text; --json says the same.
for (const input of ['', '\n \n']) {
  for (const args of [['explain'], ['explain', '--json'], ['explain', '-']]) {
    t.test(`${args.join(' ')} with ${JSON.stringify(input)} on stdin: exit 2, one line`, async (t) => {
      const r = await cli(args, { input })
      t.equal(r.code, 2, 'bad usage')
      t.match(r.stderr, /^localhost-lab: what should I explain\? Give the error text in quotes, or pipe it/)
      t.equal(r.stderr.trim().split('\n').length, 1, 'one line')
      t.equal(r.stdout, '', 'no answer printed')
    })
  }
}

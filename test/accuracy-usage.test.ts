/**
 * `npm run accuracy` with an option it does not know stops with one line and exit 2. It used to ignore unknown
 * options and print every table, the test split's included: `--help` must not be a way to read the figures a tuning
 * session keeps out of sight.
 * (It runs the build, dist/, as npm test makes it first.)
 */
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const accuracy = fileURLToPath(new URL('../dist/bench/accuracy.js', import.meta.url))
const run = (...args: string[]): ReturnType<typeof spawnSync> => spawnSync(process.execPath, [accuracy, ...args], { encoding: 'utf8' })

t.test('an unknown option is one line on stderr and exit 2, nothing scored', async (t) => {
  for (const args of [['--bogus'], ['--dev', '--misses-only'], ['--file'], ['--program', '--dev']]) {
    const r = run(...args)
    t.equal(r.status, 2, args.join(' '))
    t.equal(r.stdout, '', `${args.join(' ')}: no table`)
    t.match(String(r.stderr), /^accuracy: .+ usage: npm run accuracy .+\n$/, `${args.join(' ')}: one line`)
    t.equal(String(r.stderr).split('\n').length, 2, `${args.join(' ')}: one line only`)
  }
})

t.test('--help prints the usage line and scores nothing', async (t) => {
  const r = run('--help')
  t.equal(r.status, 0)
  t.match(String(r.stdout), /^usage: npm run accuracy .+\n$/)
  t.notMatch(String(r.stdout), /top-1/)
})

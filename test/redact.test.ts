/**
 * The one redaction function (src/diagnose/redact.ts) over a table of command lines, its own table of rules, and
 * random argv (fast-check): it never throws, a second pass changes nothing, and a secret after a secret-naming flag
 * never survives.
 */
import t from 'tap'
import fc from 'fast-check'
import { mayHoldSecret, REDACTED, REDACTION_RULES, redactArgv, redactEach } from '../src/diagnose/redact.js'

const cases: Array<[string, string[], string[]]> = [
  ['redis-server --requirepass', ['redis-server', '--requirepass', 'hunter2'], ['redis-server', '--requirepass', '***']],
  ['redis --masterauth', ['redis-server', '--masterauth', 'pw'], ['redis-server', '--masterauth', '***']],
  ['--password=', ['app', '--password=pw'], ['app', '--password=***']],
  ['--password X', ['app', '--password', 'pw'], ['app', '--password', '***']],
  ['--password with a space in its value', ['app', '--password', 'two words'], ['app', '--password', '*** ***']],
  ['--token X', ['app', '--token', 'abc'], ['app', '--token', '***']],
  ['--api-key=', ['app', '--api-key=abc'], ['app', '--api-key=***']],
  ['Go-style -password X', ['app', '-password', 'pw'], ['app', '-password', '***']],
  ['*_TOKEN=', ['env', 'GITHUB_TOKEN=ghp_x', 'node', 'a.js'], ['env', 'GITHUB_TOKEN=***', 'node', 'a.js']],
  ['*_KEY=', ['env', 'STRIPE_SECRET_KEY=sk_live_x'], ['env', 'STRIPE_SECRET_KEY=***']],
  ['PGPASSWORD=', ['env', 'PGPASSWORD=pw', 'psql'], ['env', 'PGPASSWORD=***', 'psql']],
  ['-Dname=value (Java)', ['java', '-Ddb.password=pw', '-jar', 'a.jar'], ['java', '-Ddb.password=***', '-jar', 'a.jar']],
  ['user:pass@ in a URL', ['app', 'mongodb://root:pw@127.0.0.1:27017/db'], ['app', 'mongodb://root:***@127.0.0.1:27017/db']],
  ['a URL inside NAME=', ['env', 'DATABASE_URL=postgres://u:pw@db/app'], ['env', 'DATABASE_URL=postgres://u:***@db/app']],
  ['a URL with an empty user', ['app', 'redis://:pw@cache:6379/0'], ['app', 'redis://:***@cache:6379/0']],
  ['mysql -pX', ['mysql', '-u', 'root', '-ppw', 'app'], ['mysql', '-u', 'root', '-p***', 'app']],
  ['mysql -p alone prompts', ['mysql', '-u', 'root', '-p'], ['mysql', '-u', 'root', '-p']],
  ['/usr/sbin/mysqld --password=', ['/usr/sbin/mysqld', '--password=pw'], ['/usr/sbin/mysqld', '--password=***']],
  ['mysql inside sh -c', ['sh', '-c', 'mysql -ppw -h db'], ['sh', '-c', 'mysql -p*** -h db']],
  ['redis-cli -a X', ['redis-cli', '-a', 'pw', 'ping'], ['redis-cli', '-a', '***', 'ping']],
  ['sshpass -p X', ['sshpass', '-p', 'pw', 'ssh', 'host'], ['sshpass', '-p', '***', 'ssh', 'host']],
  ['a flag inside sh -c', ['sh', '-c', 'redis-server --requirepass pw --port 6379'], ['sh', '-c', 'redis-server --requirepass *** --port 6379']],
  ['Authorization: Bearer', ['curl', '-H', 'Authorization: Bearer abc.def'], ['curl', '-H', 'Authorization: Bearer ***']],
  ['Basic, value in the next argument', ['x', 'Basic', 'dXNlcjpwdw=='], ['x', 'Basic', '***']],
]
const untouched: Array<[string, string[]]> = [
  ['a port after -p elsewhere', ['node', 'server.js', '-p8080', '-p', '3000']],
  ['-a elsewhere means all', ['ls', '-a', 'dir']],
  ['a boolean flag followed by a long option', ['app', '--ask-password', '--verbose']],
  ['a password file is a path, not a password', ['app', '--password-file=/run/secrets/db']],
  ['a name that only contains a secret word', ['app', '--tokenizer=bpe', '--keyboard=us', '--bypass-cache']],
  ['a user without a password in a URL', ['git', 'clone', 'ssh://git@github.com/a/b']],
  ['the kernel thread or empty', []],
]

t.test('a table of command lines: each secret becomes ***, the rest stays', async (t) => {
  for (const [name, argv, shown] of cases) t.same(redactArgv(argv), shown, name)
  for (const [name, argv] of untouched) t.same(redactArgv(argv), argv, `untouched: ${name}`)
})

t.test('the rules table documents what the code does: every example prints as the table says', async (t) => {
  t.ok(REDACTION_RULES.length >= 6)
  for (const rule of REDACTION_RULES) {
    t.same(redactArgv(rule.example), rule.shown, rule.rule)
    t.notSame(rule.example, rule.shown, `${rule.rule}: the example has a secret to hide`)
  }
})

const word = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 3, arbitrary: fc.constantFrom('--password', '--requirepass', '-p', '-a', 'mysql', 'redis-cli', 'sshpass', 'Bearer', 'basic',
    '--token=', 'API_KEY=x', 'postgres://u:p@h/d', 'a://:@', '--', '-', '', ' ', '***', '-p***', 'x=***', 'sh -c', '--ask-password') },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('--password ', 'mysql -p', 'x://u:', 'Bearer ', 'TOKEN='), fc.string({ maxLength: 8 })).map(([a, b]) => a + b) },
)
const argv = fc.array(word, { maxLength: 8 })

t.test('property: never throws, keeps the shape, and a second pass changes nothing', async (t) => {
  fc.assert(fc.property(argv, (args) => {
    const once = redactArgv(args)
    if (once.length !== args.length) return false
    return JSON.stringify(redactArgv(once)) === JSON.stringify(once)
  }), { numRuns: 5000 })
  t.pass('5000 random argv: no throw, same length, idempotent')
})

t.test('property: the value after a secret-naming flag never survives', async (t) => {
  const secret = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 16 }).filter((s) => !/\s/.test(s) && !s.startsWith('--'))
  const flag = fc.constantFrom('--password', '--db-password', '--requirepass', '--token', '--client-secret', '-password')
  fc.assert(fc.property(fc.array(fc.constantFrom('node', 'app.js', '--port', '3000', 'x'), { maxLength: 4 }), flag, secret, (before, f, s) => {
    const out = redactArgv([...before, f, s, 'after'])
    return out[before.length + 1] === REDACTED && out.at(-1) === 'after'
  }), { numRuns: 2000 })
  fc.assert(fc.property(secret, fc.constantFrom('--password=', 'API_TOKEN=', 'AWS_SECRET_ACCESS_KEY='), (s, f) => redactArgv([`${f}${s}`])[0] === `${f}${REDACTED}`), { numRuns: 1000 })
  fc.assert(fc.property(secret.filter((s) => !/[@/?#]/.test(s)), (s) => redactArgv([`postgres://app:${s}@db:5432/app`])[0] === `postgres://app:${REDACTED}@db:5432/app`), { numRuns: 1000 })
  t.pass('flag + value, NAME=value and URL passwords: never shown')
})

t.test('property: whenever the rules change an argv, mayHoldSecret said they might (so redactArgv may skip the rest)', async (t) => {
  // Every alternative of the rules' expressions, in any case, glued to the characters they read: a needle missing
  // from NEEDLES shows up as an argv that the rules change and mayHoldSecret waves through.
  const vocabulary = ['password', 'passwd', 'passphrase', 'secret', 'token', 'pass', 'pwd', 'key', 'apikey', 'auth', 'credential', 'credentials',
    'requirepass', 'masterauth', 'mysql', 'mysqld', 'mysqladmin', 'mysqldump', 'mariadb', 'mariadb-dump', 'redis-cli', 'valkey-cli', 'keydb-cli',
    'sshpass', 'bearer', 'basic', 'node', 'app', 'x', '3000']
  const glue = ['', '-', '--', '_', '=', ':', '://', '@', '/', ' ', '-p', '-a', 'u:', 'db']
  const anyCase = (w: string): fc.Arbitrary<string> => fc.array(fc.boolean(), { minLength: w.length, maxLength: w.length }).map((up) => [...w].map((c, i) => up[i] ? c.toUpperCase() : c).join(''))
  const piece = fc.oneof(fc.constantFrom(...vocabulary).chain(anyCase), fc.constantFrom(...glue), fc.string({ unit: 'grapheme-ascii', maxLength: 3 }))
  const args = fc.array(fc.array(piece, { maxLength: 5 }).map((p) => p.join('')), { maxLength: 6 })
  let changed = 0
  let skipped = 0
  fc.assert(fc.property(args, (a) => {
    const same = JSON.stringify(redactEach(a)) === JSON.stringify(a)
    if (!same) changed++
    if (!mayHoldSecret(a)) skipped++
    return same || mayHoldSecret(a)
  }), { numRuns: 5000 })
  t.ok(changed > 50 && skipped > 500, `${changed} argvs the rules changed, each one flagged; ${skipped} passed through unread`)
  for (const r of REDACTION_RULES) t.ok(mayHoldSecret(r.example), `each rule's example holds its text: ${r.example.join(' ')}`)
  t.same(redactArgv(['node', '/tmp/server.js', '--port', '3000']), ['node', '/tmp/server.js', '--port', '3000'], 'a plain command line as it was')
})

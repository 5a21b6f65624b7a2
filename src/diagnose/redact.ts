/**
 * Secrets out of other programs' command lines, before anything prints them. `ports` shows the whole command line of
 * every listener, and people do start servers with `redis-server --requirepass hunter2` or
 * `DATABASE_URL=postgres://app:pw@db/app node server.js`: a table pasted into a ticket, a `--json` report in a CI log
 * or a projector in a workshop must not carry the password along. The listener owner module (ports/proc-net.ts) runs
 * every command line through `redactArgv` as it reads it, so no output of `ports`, `probe`, the dashboard or `check`
 * ever sees the secret.
 *
 * It works on the argv (what /proc/<pid>/cmdline holds, one element per argument) rather than on the joined line, so
 * `--password "two words"` hides both words. Each element is also read word by word, because `sh -c "mysql -pX"` puts
 * a whole command line into one argument. A secret becomes `***`; the flag or name in front of it stays, so the reader
 * still sees which option was given. Running it again changes nothing (`***` is not a secret), and it never throws.
 *
 * Beware: it recognises secrets by the name in front of them, not by what they look like. A password passed as a bare
 * positional (`myserver hunter2`), an environment variable (not on the command line at all), or a URL's user name used
 * as a token (`https://ghp_…@github.com`, no colon) is not hidden. It hides more than needed rather than less: a
 * `--ssl-key=/etc/x.pem` path is masked too.
 */

export const REDACTED = '***'

/** A word that names a secret, as the last word of an option or variable name (`--db-password`, `GITHUB_TOKEN`). */
const SECRET_SUFFIX = /(password|passwd|passphrase|secret|token)$/i
const SECRET_WORD = /^(pass|pwd|key|apikey|auth|credentials?|requirepass|masterauth)$/i

/** Programs whose one-letter options are passwords; elsewhere `-p8080` is a port and `-a` means "all". */
const MYSQL = /^(mysql|mysqld|mysqladmin|mysqldump|mysqlimport|mysqlshow|mysqlcheck|mariadb(-\w+)?)$/
const REDIS_CLI = /^(redis-cli|valkey-cli|keydb-cli)$/
const SSHPASS = /^sshpass$/

/**
 * What is redacted and why, each rule with a command line that made us add it and what `ports` prints for it.
 * The tests run every example through `redactArgv`, so this table cannot drift from the code.
 */
export const REDACTION_RULES: ReadonlyArray<{ rule: string, why: string, example: readonly string[], shown: readonly string[] }> = [
  {
    rule: 'NAME=X where NAME ends in password, passwd, passphrase, secret, token, or its last word is key, pass, pwd, auth',
    why: 'options and variables carry their value after `=`: --db-password=X, PGPASSWORD=X, API_TOKEN=X, AWS_SECRET_ACCESS_KEY=X',
    example: ['node', 'app.js', '--db-password=hunter2', 'API_TOKEN=t0k3n', 'AWS_SECRET_ACCESS_KEY=abc'],
    shown: ['node', 'app.js', '--db-password=***', 'API_TOKEN=***', 'AWS_SECRET_ACCESS_KEY=***'],
  },
  {
    rule: 'the same names as a flag, and requirepass / masterauth: the next argument',
    why: 'redis-server --requirepass X, --masterauth X, --token X; a long option next (--ask-password --verbose) is not a value',
    example: ['redis-server', '--port', '6379', '--requirepass', 'hunter2'],
    shown: ['redis-server', '--port', '6379', '--requirepass', '***'],
  },
  {
    rule: 'scheme://user:X@host anywhere in an argument',
    why: 'connection strings carry the password in the URL\'s user info; the user name stays',
    example: ['node', 'server.js', '--db', 'postgres://app:hunter2@db:5432/app', 'REDIS_URL=redis://:pw@cache:6379'],
    shown: ['node', 'server.js', '--db', 'postgres://app:***@db:5432/app', 'REDIS_URL=redis://:***@cache:6379'],
  },
  {
    rule: '-pX after mysql, mysqld, mysqladmin, mysqldump, mariadb',
    why: 'mysql takes its password glued to -p (-p alone prompts); elsewhere -p8080 is usually a port',
    example: ['sh', '-c', 'mysqldump -u root -phunter2 app > app.sql'],
    shown: ['sh', '-c', 'mysqldump -u root -p*** app > app.sql'],
  },
  {
    rule: '-a X after redis-cli (valkey-cli, keydb-cli); -p X after sshpass',
    why: 'their one-letter password options',
    example: ['redis-cli', '-h', 'cache', '-a', 'hunter2', 'ping'],
    shown: ['redis-cli', '-h', 'cache', '-a', '***', 'ping'],
  },
  {
    rule: 'the word after Bearer or Basic',
    why: 'an HTTP Authorization header on the command line: -H "Authorization: Bearer X"',
    example: ['curl', '-H', 'Authorization: Bearer eyJhbGciOi', 'http://127.0.0.1:3000/'],
    shown: ['curl', '-H', 'Authorization: Bearer ***', 'http://127.0.0.1:3000/'],
  },
]

/** The last word of an option or variable name: `--db-password` → `password`, `AWS_SECRET_ACCESS_KEY` → `KEY`. */
function namesSecret (name: string): boolean {
  const bare = name.replace(/^-+/, '')
  const last = bare.split(/[-_.]/).at(-1) ?? ''
  return bare !== '' && (SECRET_SUFFIX.test(last) || SECRET_WORD.test(last))
}

function programOf (word: string): string {
  return word.slice(word.lastIndexOf('/') + 1)
}

/** `user:X@` in every URL of a word: the user name stays, the password goes. */
function redactUrls (word: string): string {
  return word.replace(/([a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*):[^\s@/?#]*@/gi, `$1:${REDACTED}@`)
}

/** A word after which the next word is a secret, given the program it belongs to. */
function takesSecretNext (word: string, program: string): boolean {
  if (/^(bearer|basic)$/i.test(word)) return true
  if (!word.startsWith('-') || word.includes('=')) return false
  if (word === '-a' && REDIS_CLI.test(program)) return true
  if (word === '-p' && SSHPASS.test(program)) return true
  return word.length > 2 && namesSecret(word)
}

/** One word alone: `NAME=secret`, mysql's `-psecret`, and passwords in URLs. */
function redactWord (word: string, program: string): string {
  if (MYSQL.test(program) && /^-p./.test(word)) return `-p${REDACTED}`
  const eq = word.indexOf('=')
  if (eq > 0 && namesSecret(word.slice(0, eq))) return `${word.slice(0, eq + 1)}${REDACTED}`
  return redactUrls(word)
}

/**
 * Text that every rule needs somewhere in the argv, lower-cased: a secret-naming word (SECRET_SUFFIX, SECRET_WORD:
 * pass covers password, passwd, passphrase, requirepass and sshpass; auth masterauth; key apikey), `@` (a URL's
 * user:X@), bearer and basic, and the programs with password options (MYSQL, and `-cli` for REDIS_CLI). An argv with
 * none of them is returned as it is, without the rules' dozen regular expressions: compiling them at their first
 * use took 0.35 ms of `probe`'s start for one owner's two-word command line (Node 20). A rule added above needs its
 * text here; redact.test.ts checks that an argv without any never changes.
 */
const NEEDLES = ['pass', 'pwd', 'secret', 'token', 'key', 'auth', 'credential', '@', 'bearer', 'basic', 'mysql', 'mariadb', '-cli']

/** Whether any rule could apply to `argv` (see NEEDLES); false means redactArgv would return it unchanged. */
export function mayHoldSecret (argv: readonly string[]): boolean {
  return argv.some((arg) => {
    const text = String(arg).toLowerCase()
    return NEEDLES.some((n) => text.includes(n))
  })
}

/**
 * `argv` with every secret replaced by `***`: the one redaction function (see REDACTION_RULES). Same length, same
 * order, every element that held no secret unchanged.
 */
export function redactArgv (argv: readonly string[]): string[] {
  return mayHoldSecret(argv) ? redactEach(argv) : argv.map((arg) => String(arg))
}

/** redactArgv's rules, applied to every word. Exported for redact.test.ts, which compares it with redactArgv. */
export function redactEach (argv: readonly string[]): string[] {
  // Each element as words and the whitespace between them, so that it can be put back together as it was.
  const parts = argv.map((arg) => String(arg).split(/(\s+)/))
  let program = ''
  // Where the next word must be hidden: the whole next element when the flag ended its element, else the next word.
  let hideNext: 'element' | 'word' | undefined
  for (const words of parts) {
    // A long option is not a value: `--ask-password --verbose` asked a question, it gave no password.
    const first = words.find((w) => w !== '') ?? ''
    if (hideNext === 'element' && !first.startsWith('--')) {
      for (let i = 0; i < words.length; i += 2) if (words[i] !== '') words[i] = REDACTED
      hideNext = undefined
      continue
    }
    hideNext = undefined
    for (let i = 0; i < words.length; i += 2) {
      const word = words[i]!
      if (word === '') continue
      if (hideNext === 'word' && !word.startsWith('--')) {
        words[i] = REDACTED
        hideNext = undefined
        continue
      }
      hideNext = undefined
      if (!word.startsWith('-') && !word.includes('=') && !/^(bearer|basic)$/i.test(word) && /^[\w./-]+$/.test(word)) {
        // A program name starts the words that follow it (`sh -c "mysql -pX"`): its own options apply after it.
        const name = programOf(word)
        if (MYSQL.test(name) || REDIS_CLI.test(name) || SSHPASS.test(name)) program = name
      }
      words[i] = redactWord(word, program)
      // A word that held its own secret (`-pX`, `--token=X`) takes nothing from the next one.
      if (words[i] === word && takesSecretNext(word, program)) hideNext = words.some((w, j) => j > i && j % 2 === 0 && w !== '') ? 'word' : 'element'
    }
    // A flag inside a longer argument (`sh -c "x --token"`) with nothing after it: its value is not in this element.
    if (hideNext === 'word') hideNext = undefined
  }
  return parts.map((words) => words.join(''))
}

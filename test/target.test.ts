import t from 'tap'
import { LabError } from '../src/core/errors.js'
import { parseTarget } from '../src/diagnose/probe/target.js'

t.test('accepted forms', async (t) => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['3000', { host: 'localhost', port: 3000, form: 'port', isName: true }],
    [':3000', { host: 'localhost', port: 3000, form: 'port' }],
    ['localhost:3000', { host: 'localhost', port: 3000, form: 'host:port', isName: true }],
    ['LOCALHOST:3000', { host: 'localhost', port: 3000 }],
    ['127.0.0.1:62893', { host: '127.0.0.1', port: 62893, isName: false }],
    ['[::1]:3000', { host: '::1', port: 3000, isName: false }],
    ['[fe80::1%lo]:3000', { host: 'fe80::1%lo', port: 3000 }],
    ['  127.0.0.1:80  ', { host: '127.0.0.1', port: 80, input: '127.0.0.1:80' }],
    ['http://localhost:3000/api?x=1', { host: 'localhost', port: 3000, form: 'url', scheme: 'http' }],
    ['http://localhost/', { port: 80, defaultPort: true }],
    ['https://[::1]/', { host: '::1', port: 443 }],
    ['ws://127.0.0.1:8080', { host: '127.0.0.1', port: 8080, scheme: 'ws' }],
    ['postgres://user:secret@localhost/db', { host: 'localhost', port: 5432, scheme: 'postgres' }],
    ['redis://127.0.0.1:6380', { port: 6380 }],
    ['my-service.internal:8080', { host: 'my-service.internal', port: 8080, isName: true }],
    ['00080', { port: 80 }],
  ]
  for (const [input, expected] of cases) {
    const r = parseTarget(input)
    t.notOk(r instanceof LabError, `${input} parses${r instanceof LabError ? `: ${r.message}` : ''}`)
    t.match(r, expected, input)
  }
})

t.test('bad targets: one line, the right code, the problem and the accepted forms', async (t) => {
  const cases: Array<[string, string, RegExp]> = [
    ['0', 'LAB_ERR_BAD_PORT', /port 0 cannot be connected to/],
    [':0', 'LAB_ERR_BAD_PORT', /port 0/],
    ['localhost:0', 'LAB_ERR_BAD_PORT', /port 0/],
    ['70000', 'LAB_ERR_BAD_PORT', /port 70000 is out of range \(TCP ports are 1-65535\)/],
    ['127.0.0.1:70000', 'LAB_ERR_BAD_PORT', /out of range/],
    ['http://localhost:70000/', 'LAB_ERR_BAD_PORT', /port 70000 is out of range/],
    ['localhost:abc', 'LAB_ERR_BAD_PORT', /'abc' is not a port number/],
    ['abc', 'LAB_ERR_BAD_TARGET', /there is no port; add one, e.g\. abc:3000/],
    ['localhost:', 'LAB_ERR_BAD_PORT', /port is missing/],
    [':', 'LAB_ERR_BAD_PORT', /port is missing/],
    [':3000:', 'LAB_ERR_BAD_PORT', /not a port number/],
    ['', 'LAB_ERR_BAD_TARGET', /it is empty/],
    ['   ', 'LAB_ERR_BAD_TARGET', /it is empty/],
    ['http://:3000/', 'LAB_ERR_BAD_TARGET', /the host is empty/],
    ['::1', 'LAB_ERR_BAD_TARGET', /needs brackets/],
    ['::1:3000', 'LAB_ERR_BAD_TARGET', /needs brackets/],
    ['[::1]', 'LAB_ERR_BAD_TARGET', /no port/],
    ['[::1', 'LAB_ERR_BAD_TARGET', /does not close/],
    ['[nope]:80', 'LAB_ERR_BAD_TARGET', /not an IPv6 address/],
    ['999.1.1.1:80', 'LAB_ERR_BAD_TARGET', /not a valid IPv4 address/],
    ['a b:80', 'LAB_ERR_BAD_TARGET', /spaces or control characters/],
    ['ex$ample:80', 'LAB_ERR_BAD_TARGET', /not a host name or address/],
    ['foo://localhost/', 'LAB_ERR_BAD_PORT', /no default port/],
    ['%%%', 'LAB_ERR_BAD_TARGET', /no port/],
    ['x'.repeat(5000), 'LAB_ERR_BAD_TARGET', /\.\.\.'/],
  ]
  for (const [input, code, message] of cases) {
    const r = parseTarget(input)
    t.ok(r instanceof LabError, `'${input.slice(0, 20)}' is rejected`)
    if (!(r instanceof LabError)) continue
    t.equal(r.code, code, `${input.slice(0, 20)}: ${r.message}`)
    t.equal(r.exitCode, 2)
    t.match(r.message, message)
    t.match(r.message, /Accepted forms: 3000, :3000, localhost:3000/)
    t.notMatch(r.message, /\n/, 'one line')
    t.ok(r.message.length < 300, 'short, even for huge input')
  }
})

t.test('random strings never throw', async (t) => {
  const alphabet = 'ab:[]/.%@0123456789 \u0000\u00e9'
  let seed = 42
  const rand = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n }
  for (let i = 0; i < 2000; i++) {
    const s = Array.from({ length: rand(20) }, () => alphabet[rand(alphabet.length)]).join('')
    const r = parseTarget(s)
    if (!(r instanceof LabError)) {
      t.ok(r.port >= 1 && r.port <= 65535, `'${s}' gave a valid port`)
      t.ok(r.host.length > 0)
    }
  }
  t.pass('2000 random strings parsed or rejected without throwing')
})

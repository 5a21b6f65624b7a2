import t from 'tap'
import { parseProcNetTcp } from '../src/diagnose/ports/proc-net.js'
import { namespaceName, ownerPid } from '../src/netns/namespace.js'
import { parseYaml } from './yaml-lite.js'

t.test('namespace names carry the owner pid, and only ours parse', async (t) => {
  const a = namespaceName('host', 4242)
  const b = namespaceName('host', 4242)
  t.match(a, /^llab-4242-\d+-host$/)
  t.not(a, b, 'two namespaces of one process never share a name')
  t.equal(ownerPid(a), 4242)
  t.equal(ownerPid('cni-1234'), undefined, 'somebody else\'s namespace is not ours')
  t.equal(ownerPid('llab-x-1'), undefined)
})

t.test('/proc/net/tcp: a TIME_WAIT socket\'s timer, in seconds', async (t) => {
  const [s] = parseProcNetTcp([
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:9C41 0100007F:9C40 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000',
  ].join('\n'), 'IPv4')
  t.match(s, { state: 'TIME_WAIT', localPort: 40001, remotePort: 40000, timerSeconds: 60 })
})

t.test('yaml-lite reads the subset compose.yaml uses and refuses the rest', async (t) => {
  t.same(parseYaml('a:\n  b: "x" # note\n  c: [ "1", 2 ]\n  d:\n    - e\n    - "f: g"\n'), { a: { b: 'x', c: ['1', '2'], d: ['e', 'f: g'] } })
  t.throws(() => parseYaml('a: &anchor x\n'), /unsupported/)
  t.throws(() => parseYaml('a: 1\na: 2\n'), /duplicate/)
  t.throws(() => parseYaml('a:\n\tb: 1\n'), /tabs/)
})

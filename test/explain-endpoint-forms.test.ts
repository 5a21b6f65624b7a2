/**
 * Where programs name the endpoint in words rather than as HOST:PORT (OpenSSH's "host H port N", netcat's "connect to H
 * port N (tcp)", wget's "unable to resolve host address 'H'"): the real clients against loopback ports of this test's
 * own, closed a moment ago, and the texts they print read back as the address and port the text is about.
 */
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { explain } from '../src/diagnose/explain/explain.js'
import { freePort } from '../src/net/free-port.js'

const sshHere = spawnSync('ssh', ['-V']).status === 0

t.test('OpenSSH names its endpoint as "host HOST port N": the real ssh against a port of ours just closed', { skip: !sshHere && 'no ssh client here (apt-get install -y openssh-client)' }, async (t) => {
  const port = await freePort()
  const run = spawnSync('ssh', ['-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', '-p', String(port), '127.0.0.1', 'true'], { encoding: 'utf8', timeout: 10_000 })
  t.match(run.stderr, `connect to host 127.0.0.1 port ${port}: Connection refused`, 'the real client\'s words')
  const answer = explain(run.stderr)
  t.equal(answer.candidates[0]?.kind, 'refused')
  t.same([answer.address, answer.port], ['127.0.0.1', port])
  // Its fatal lines name the endpoint the same way (packet.c).
  t.same(explain('Connection closed by 127.0.0.1 port 2222').port, 2222)
})

const ncHere = spawnSync('nc', ['-h']).stderr?.toString().includes('OpenBSD') ?? false

t.test('netcat\'s "connect to HOST port N (tcp) failed" and wget\'s "unable to resolve host address" name the endpoint', { skip: !ncHere && 'no OpenBSD netcat here (apt-get install -y netcat-openbsd)' }, async (t) => {
  const port = await freePort()
  const run = spawnSync('nc', ['-v', '-w', '2', '127.0.0.1', String(port)], { encoding: 'utf8', timeout: 10_000, input: '' })
  t.match(run.stderr, `connect to 127.0.0.1 port ${port} (tcp) failed: Connection refused`, 'the real netcat\'s words')
  t.same([explain(run.stderr).address, explain(run.stderr).port], ['127.0.0.1', port])
  // captured: wget 1.21 against a name that does not resolve; the name is in its last line.
  t.equal(explain("wget: unable to resolve host address 'api.nosuchhost.invalid'").address, 'api.nosuchhost.invalid')
  t.equal(explain('wget: unable to resolve host address ‘db.internal’').address, 'db.internal')
})

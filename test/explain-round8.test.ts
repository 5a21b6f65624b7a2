/**
 * The rules round 8 added for programs explain had never seen (shells' and scripting languages' own sockets, ffmpeg,
 * Mercurial, iperf3, mail tools), each a family of reason taken from the program's or library's source, checked on the
 * texts the capture recorded from the real programs (development split only, read by id from
 * test/fixtures/explain-corpus/assorted-clients.json) and on a look-alike that must stay apart.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import { evidenceOf } from '../src/diagnose/explain/evidence.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { corpusFamily, devEntry } from './corpus-entries.js'

const FAMILY = 'assorted-clients'
const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind
const hasEvidence = (text: string, kind: Kind): boolean => evidenceOf(text).some((x) => x.kind === kind)

t.test('ffmpeg\'s AVERROR_EOF after the URL it opened is a server that closed before answering', async (t) => {
  for (const id of ['ffprobe-http-hang-up', 'ffmpeg-rtmp-hang-up']) {
    const e = devEntry(FAMILY, id)
    t.match(e.text, /^(?:http|rtmp):\/\/127\.0\.0\.1:\d+\/\S+: End of file$/m)
    t.equal(first(e.text), 'hang-up', id)
  }
  // A local file that ends early is no network failure.
  t.notOk(hasEvidence('[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0c] moov atom not found\ninput.mp4: End of file', 'hang-up'))
  t.equal(first(devEntry(FAMILY, 'ffprobe-http-refused-ipv4').text), 'refused', 'its refusal stays a refusal')
})

t.test('Mercurial\'s "bad HTTP status line: \'\'" is http.client\'s RemoteDisconnected, in every language hg.mo has', async (t) => {
  const hangUps = corpusFamily(FAMILY).filter((e) => e.split === 'dev' && e.id.startsWith('hg-clone-hang-up'))
  t.ok(hangUps.length >= 8, `${hangUps.length} locales`)
  for (const e of hangUps) {
    t.match(e.text, /HTTP[^\n:]*: ''$/, e.locale)
    t.equal(first(e.text), 'hang-up', e.locale)
  }
  // A status line that was there but not HTTP's is another protocol on the port, not a hang-up.
  const banner = devEntry(FAMILY, 'hg-clone-ssh-banner')
  t.match(banner.text, /bad HTTP status line: SSH-2\.0-/)
  t.equal(first(banner.text), 'protocol-mismatch')
  t.notOk(hasEvidence("abort: error: bad HTTP status line: '\\x15\\x03\\x01\\x00\\x02\\x02'", 'hang-up'))
})

t.test('LuaSocket\'s own words at the end of a Lua error: "timeout" is a timeout, "closed" a dropped connection', async (t) => {
  const timeout = devEntry(FAMILY, 'lua-socket-timeout')
  t.match(timeout.text, /client\.lua:\d+: timeout\n/)
  t.equal(first(timeout.text), 'timeout')
  const closed = devEntry(FAMILY, 'lua-socket-reset')
  t.match(closed.text, /client\.lua:\d+: closed\n/)
  t.ok(explain(closed.text).candidates.slice(0, 2).some((c) => c.kind === 'reset' || c.kind === 'hang-up'))
  t.equal(first(devEntry(FAMILY, 'lua-socket-refused-ipv4').text), 'refused', 'its refusal stays a refusal')
  // Other Lua errors are not LuaSocket's.
  const nil = "lua5.4: app.lua:12: attempt to index a nil value (local 'sock')"
  t.notOk(hasEvidence(nil, 'hang-up'))
  t.notOk(hasEvidence(nil, 'timeout'))
})

t.test('tools\' own timeout sentences (fetchmail, IO::Socket as swaks prints it) are timeouts', async (t) => {
  const fetchmail = devEntry(FAMILY, 'fetchmail-timeout')
  t.match(fetchmail.text, /timeout after 3 seconds waiting to connect to server 127\.0\.0\.1\./)
  t.equal(first(fetchmail.text), 'timeout')
  const swaks = devEntry(FAMILY, 'swaks-timeout')
  t.match(swaks.text, /IO::Socket::INET6: connect: timeout$/)
  t.equal(first(swaks.text), 'timeout')
  t.equal(first(devEntry(FAMILY, 'swaks-refused-ipv4').text), 'refused', 'its refusal stays a refusal')
})

t.test('iperf3\'s control-connection errors (iperf_error.c): an unknown control message is another protocol, a close a hang-up', async (t) => {
  const banner = devEntry(FAMILY, 'iperf3-ssh-banner')
  t.equal(banner.text, 'iperf3: error - received an unknown control message')
  t.equal(first(banner.text), 'protocol-mismatch')
  t.equal(first(devEntry(FAMILY, 'iperf3-hang-up').text), 'hang-up')
})

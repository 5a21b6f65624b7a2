/**
 * The rules round 9 added for servers failing to bind in their own words and proxies' error pages, each from the
 * program's source, binary or installed templates (tools/knowledge/sources/quoted/tool-wording.json), checked on the
 * texts the capture recorded from the real programs (development split only, read by id from
 * test/fixtures/explain-corpus/bind-daemons.json) and on a look-alike that must stay apart.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import { evidenceOf } from '../src/diagnose/explain/evidence.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { devEntry } from './corpus-entries.js'

const FAMILY = 'bind-daemons'
const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind
const hasEvidence = (text: string, kind: Kind): boolean => evidenceOf(text).some((x) => x.kind === kind)

t.test('privoxy\'s own EADDRINUSE sentence is a port in use; its strerror form keeps its reason', async (t) => {
  for (const id of ['privoxy-in-use', 'privoxy-in-use-ipv6']) {
    const e = devEntry(FAMILY, id)
    t.match(e.text, /Fatal error: can't bind to \S+:\d+: There may be another Privoxy/)
    t.equal(first(e.text), 'port-in-use', id)
  }
  t.equal(first(devEntry(FAMILY, 'privoxy-privileged').text), 'permission-denied')
})

t.test('gunicorn\'s EADDRNOTAVAIL line names a (host, port) tuple; other programs\' "Invalid address" stay apart', async (t) => {
  const e = devEntry(FAMILY, 'gunicorn-not-here')
  t.match(e.text, /\[ERROR\] Invalid address: \('192\.0\.2\.1', \d+\)/)
  t.equal(first(e.text), 'address-not-available')
  t.notOk(hasEvidence('mail: Invalid address: user@@example.com', 'address-not-available'))
  t.notOk(hasEvidence('ValueError: Invalid address: 300.1.1.1', 'address-not-available'))
})

t.test('Django 3.2\'s runserver words EADDRNOTAVAIL without the later hyphen', async (t) => {
  const e = devEntry(FAMILY, 'django-runserver-not-here')
  t.match(e.text, /Error: That IP address can't be assigned to\.$/)
  t.equal(first(e.text), 'address-not-available')
})

t.test('squid\'s error pages (squid-langpack templates) are a proxy whose upstream failed', async (t) => {
  for (const id of ['squid-response-upstream-refused-response', 'squid-response-upstream-reset-response', 'squid-response-upstream-hang-up-response']) {
    const e = devEntry(FAMILY, id)
    t.match(e.text, /The following error was encountered while trying to retrieve the URL/)
    t.equal(first(e.text), 'proxy', id)
  }
  // squid's own bind failure is its strerror, not a proxy page.
  t.equal(first(devEntry(FAMILY, 'squid-in-use').text), 'port-in-use')
})

t.test('icecast and ZNC, which log no errno of their own, still read as a failed bind', async (t) => {
  t.equal(first(devEntry(FAMILY, 'icecast2-in-use').text), 'port-in-use')
  t.equal(first(devEntry(FAMILY, 'znc-in-use').text), 'port-in-use')
  // ZNC's connection to an IRC server that stopped answering is its own catalogue's timeout, not a bind.
  t.notOk(hasEvidence('IRC connection timed out.  Reconnecting...', 'port-in-use'))
})

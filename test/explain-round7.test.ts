/**
 * The rules round 7 added for everyday programs explain had never seen (package managers, container and ops CLIs,
 * GStreamer), each a family of reason checked on the texts the capture recorded from the real programs (development
 * split only, read by id from test/fixtures/explain-corpus/) and on a look-alike that must stay apart.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import { evidenceOf } from '../src/diagnose/explain/evidence.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { corpusFamily, devEntry } from './corpus-entries.js'

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind

t.test('a container engine\'s CLI that cannot reach its own daemon is a refusal, not a container\'s localhost', async (t) => {
  for (const id of ['docker-refused-ipv4', 'docker-refused-localhost']) {
    const e = devEntry('ops-clients', id)
    t.match(e.text, /^Cannot connect to the Docker daemon at tcp:\/\//)
    t.equal(first(e.text), 'refused', id)
  }
  const podman = devEntry('ops-clients', 'podman-remote-refused-ipv4')
  t.match(podman.text, /unable to connect to Podman socket: .*connect: connection refused/)
  t.equal(first(podman.text), 'refused')
  // The daemon's own socket, as most users meet it (docker/cli's sentence with the default host).
  t.equal(first('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'), 'refused')
  // A program refused while it runs in a container is still read as the container's localhost.
  t.equal(first('docker compose up\napi-1  | Error: connect ECONNREFUSED 127.0.0.1:5432'), 'container-localhost')
})

t.test('client-go\'s "context deadline exceeded - error from a previous attempt: CAUSE": the cause decides', async (t) => {
  const reset = devEntry('ops-clients', 'kubectl-reset')
  t.match(reset.text, /context deadline exceeded - error from a previous attempt: read tcp [^\n]*connection reset by peer/)
  t.equal(first(reset.text), 'reset')
  const hangUp = devEntry('ops-clients', 'kubectl-hang-up')
  t.match(hangUp.text, /- error from a previous attempt: EOF/)
  t.equal(first(hangUp.text), 'hang-up')
  // A deadline with no earlier cause is still a timeout.
  const timeout = devEntry('ops-clients', 'kubectl-timeout')
  t.equal(first(timeout.text), 'timeout')
  t.equal(first('Error from server: rpc error: code = DeadlineExceeded desc = context deadline exceeded'), 'timeout')
})

t.test('"Timeout while connecting" (libmpdclient) is a timeout; its "Connection refused" stays a refusal', async (t) => {
  t.equal(devEntry('ops-clients', 'mpc-timeout').text, 'MPD error: Timeout while connecting')
  t.equal(first('MPD error: Timeout while connecting'), 'timeout')
  t.equal(first(devEntry('ops-clients', 'mpc-refused-ipv4').text), 'refused')
})

t.test('Apache HttpClient\'s "failed to respond" (Maven) is a server that closed before its reply', async (t) => {
  const e = devEntry('maven', 'mvn-hang-up')
  t.match(e.text, /127\.0\.0\.1:\d+ failed to respond/)
  t.equal(first(e.text), 'hang-up')
  t.equal(first('org.apache.http.NoHttpResponseException: The target server failed to respond'), 'hang-up')
  t.equal(first(devEntry('maven', 'mvn-refused-ipv4').text), 'refused', 'its refusal stays a refusal')
})

t.test('apt\'s "[IP: ADDR PORT]" after an error: it had connected, so its "Connection failed" is a dropped connection in every language', async (t) => {
  const resets = corpusFamily('package-managers').filter((e) => e.split === 'dev' && e.program === 'apt-get-update' && e.id.startsWith('apt-get-update-reset'))
  t.ok(resets.length >= 15, `${resets.length} locales`)
  for (const e of resets) {
    t.match(e.text, /\[IP\s?: 127\.0\.0\.1 \d+\]/, e.locale)
    t.equal(first(e.text), 'reset', e.locale)
  }
  // An HTTP status before the frame is the server's answer, not a failed connection.
  const notFound = 'Err:5 http://deb.debian.org/debian bookworm-foo Release\n  404  Not Found [IP: 151.101.2.132 80]\nE: The repository \'http://deb.debian.org/debian bookworm-foo Release\' does not have a Release file.'
  t.notOk(evidenceOf(notFound).some((x) => x.kind === 'reset'), 'no reset read into a 404')
})

t.test('libcurl\'s number as Composer and Guzzle print it counts, even when the terminal wrapped curl\'s words', async (t) => {
  const e = devEntry('package-managers', 'composer-hang-up')
  t.match(e.text, /curl error 52 while downloading [^\n]*Empty\n +reply from server/)
  t.equal(first(e.text), 'hang-up')
  t.ok(evidenceOf(e.text).some((x) => x.type === 'code' && x.kind === 'hang-up'), 'read from the code, CURLE_GOT_NOTHING')
  t.equal(first(devEntry('package-managers', 'composer-ssh-banner').text), 'protocol-mismatch')
  // Guzzle's template (src/Handler/CurlFactory.php: 'cURL error %s: %s (%s)').
  t.equal(first('GuzzleHttp\\Exception\\ConnectException: cURL error 28: Connection timed out after 10001 milliseconds (see https://curl.haxx.se/libcurl/c/libcurl-errors.html)'), 'timeout')
})

t.test('GStreamer\'s either-or sentence is no hang-up: the debug line\'s reason decides; libpq\'s sentence still is one', async (t) => {
  const e = devEntry('media-clients', 'gst-souphttpsrc-timeout')
  t.match(e.text, /A network error occurred, or the server closed the connection unexpectedly\.[\s\S]*Socket I\/O timed out/)
  t.equal(first(e.text), 'timeout')
  t.equal(first('psql: error: connection to server at "127.0.0.1", port 5432 failed: server closed the connection unexpectedly'), 'hang-up')
})

t.test('tools\' own words from their installed binaries: librdkafka\'s disconnect, tcpclientsrc\'s error state, lpstat\'s scheduler', async (t) => {
  const kcat = devEntry('ops-clients', 'kcat-reset')
  t.match(kcat.text, /Disconnected while requesting ApiVersion/)
  // librdkafka prints the same words for a RST and a FIN: the capture labelled the RST and accepts a hang-up.
  t.equal(first(kcat.text), 'hang-up', 'the broker went away')
  t.equal(first(devEntry('ops-clients', 'kcat-refused-ipv4').text), 'refused', 'its refusal stays a refusal')
  const gst = devEntry('media-clients', 'gst-tcpclientsrc-reset-before-greeting')
  t.match(gst.text, /Socket in error state/)
  t.equal(first(gst.text), 'reset')
  t.equal(first(devEntry('ops-clients', 'lpstat-refused-ipv4').text), 'refused')
})

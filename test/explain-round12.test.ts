/**
 * The rules round 12 added, each from the library's own source: Haskell http-client's HttpExceptionContent
 * constructors, and the .NET Framework's WebException and SslStream texts (Microsoft's reference source, as Mono ships
 * it). Checked on texts the capture recorded from the real programs (development split only, by id:
 * more-languages.json), on wordings the corpus does not hold, and on look-alikes that must stay apart.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { devEntry } from './corpus-entries.js'

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind

t.test('Haskell http-client names what failed after the request it prints: ConnectionTimeout, NoResponseDataReceived, InvalidStatusLine', async (t) => {
  t.equal(first(devEntry('more-languages', 'haskell-http-client-timeout').text), 'timeout')
  t.equal(first(devEntry('more-languages', 'haskell-http-client-hang-up').text), 'hang-up')
  t.equal(first(devEntry('more-languages', 'haskell-http-client-ssh-banner').text), 'protocol-mismatch')
  t.equal(first('HttpExceptionRequest Request {\n  host = "localhost"\n  port = 8080\n}\n ResponseTimeout'), 'timeout', 'the response timeout')
  // A connection failure keeps the reason inside it.
  t.equal(first(devEntry('more-languages', 'haskell-http-client-refused-ipv4').text), 'refused')
  // The Java class of another name is not the Haskell constructor.
  t.not(first('org.apache.http.conn.ConnectionTimeoutException: Connect to localhost:8080 failed: Connection refused'), 'timeout')
})

t.test('the .NET Framework\'s WebException and SslStream sentences, without a code (mono/mono referencesource System.txt)', async (t) => {
  t.equal(first('System.Net.WebException: The remote name could not be resolved: \'api.internal\''), 'dns')
  t.equal(first('Invoke-WebRequest : Unable to connect to the remote server'), 'refused')
  t.equal(first('System.Net.WebException: The underlying connection was closed: The connection was closed unexpectedly.'), 'hang-up')
  t.equal(first('System.Net.WebException: The server committed a protocol violation. Section=ResponseStatusLine'), 'protocol-mismatch')
  t.equal(first('System.IO.IOException: The handshake failed due to an unexpected packet format.'), 'protocol-mismatch')
  t.equal(first('System.IO.IOException: Received an unexpected EOF or 0 bytes from the transport stream.'), 'hang-up')
  // With the socket's own reason, the reason decides.
  t.equal(first('System.Net.WebException: Unable to connect to the remote server ---> System.Net.Sockets.SocketException: A connection attempt failed because the connected party did not properly respond after a period of time (10060)'), 'timeout')
})

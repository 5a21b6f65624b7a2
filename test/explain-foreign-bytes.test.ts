/**
 * A length that is another protocol's first bytes (src/diagnose/explain/foreign-bytes.ts): the real OpenSSH client
 * against a loopback server that sends a valid banner and then an HTTP response, the numbers computed from the bytes
 * each specification names, the captured virsh texts of the development split, and ordinary numbers left alone.
 */
import t from 'tap'
import net from 'node:net'
import { execFile, spawnSync } from 'node:child_process'
import { explain } from '../src/diagnose/explain/explain.js'
import { foreignBytesMeaning, foreignLengthMeaning } from '../src/diagnose/explain/foreign-bytes.js'
import { devEntry } from './corpus-entries.js'

const first = (text: string): string | undefined => explain(text).candidates[0]?.kind
const be = (s: string): number => Buffer.from(s, 'latin1').readUInt32BE()
const le = (s: string): number => Buffer.from(s, 'latin1').readUInt32LE()

function ssh (port: number): Promise<{ code: number | null, stderr: string }> {
  return new Promise((resolve) => {
    execFile('ssh', ['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'ConnectTimeout=5',
      '-F', '/dev/null', '-p', String(port), '127.0.0.1', 'true'], { timeout: 10_000 }, (err, _stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : null, stderr })
    })
  })
}

const sshHere = spawnSync('ssh', ['-V']).status === 0

t.test('OpenSSH reads an HTTP response as a packet length: "Bad packet length 1213486160" is "HTTP"', { skip: !sshHere && 'no ssh client here (apt-get install -y openssh-client)' }, async (t) => {
  // A server that greets like SSH (RFC 4253 §4.2), so that ssh goes on to read binary packets, then answers in HTTP.
  const server = net.createServer((c) => {
    c.on('error', () => {})
    c.write('SSH-2.0-lab\r\n')
    c.once('data', () => c.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const port = (server.address() as net.AddressInfo).port
  const { code, stderr } = await ssh(port)
  t.equal(code, 255, 'ssh failed')
  t.match(stderr, `Bad packet length ${be('HTTP')}`, 'the real client printed the four bytes as a length')
  const answer = explain(stderr)
  t.equal(answer.candidates[0]?.kind, 'protocol-mismatch')
  // OpenSSH names the endpoint as "Connection to HOST port N" (packet.c): read as the address the text is about.
  t.same([answer.address, answer.port], ['127.0.0.1', port])
  t.match(answer.candidates[0]?.because.map((b) => b.means).join('\n') ?? '', /"HTTP", the start of an HTTP response/)
})

t.test('every opening the table names is read big-endian, little-endian, and without its length word', async (t) => {
  for (const bytes of ['GET ', 'POST', 'HTTP', 'SSH-', 'PRI ', '220 ', 'AMQP', 'RFB ', '\x16\x03\x01\x02']) {
    for (const n of [be(bytes), le(bytes), be(bytes) - 4]) {
      t.equal(foreignLengthMeaning(String(n))?.kind, 'protocol-mismatch', `${JSON.stringify(bytes)} as ${n}`)
    }
  }
  // A length read at an offset into a line whose bytes are all fixed: AMQP's frame size is bytes 3 to 6, "P/1.".
  t.match(foreignLengthMeaning(String(be('P/1.')))?.means ?? '', /HTTP\/1\.1 status line/)
  t.match(foreignLengthMeaning(String(be('H-2.')))?.means ?? '', /SSH banner/)
  // Elasticsearch prints the four bytes in hex, without leading zeros (Integer.toHexString).
  t.match(foreignBytesMeaning(['47', '45', '54', '20'])?.means ?? '', /HTTP request/)
  t.match(foreignBytesMeaning(['16', '3', '1', '2'])?.means ?? '', /TLS record/)
  t.equal(foreignBytesMeaning(['45', '53', '0', '0']), null, 'Elasticsearch\'s own marker "ES" is not another protocol')
})

t.test('ordinary lengths and numbers are left alone', async (t) => {
  // 100 MiB, a timestamp in seconds, a port, and a number whose bytes are not text.
  for (const n of [104857600, 1733300000, 8080, 33554432]) t.equal(foreignLengthMeaning(String(n)), null, String(n))
  t.not(first('Invalid receive (size = 104857600 larger than 104857600)'), 'protocol-mismatch')
  t.not(first('message length 1733300000.5 at 2024-12-04'), 'protocol-mismatch')
  // Outside a length's words only an exact opening counts: a ten-digit order number is an order number.
  t.equal(foreignLengthMeaning('1347375956', true)?.kind, 'protocol-mismatch', '"POST" anywhere')
  t.equal(foreignLengthMeaning('1349676916', true), null, '"Prot" is text, but no opening: only as a length')
  t.not(first('Payment for order 1397966880 failed: card declined'), 'protocol-mismatch')
})

t.test('the texts other programs print around such a length', async (t) => {
  // The captured virsh, whose server sent an SSH banner: libvirt prints the length without its 4-byte length word.
  t.equal(first(devEntry('translated-clients', 'virsh-ssh-banner').text), 'protocol-mismatch')
  t.equal(first(devEntry('translated-clients', 'virsh-ssh-banner-pl-pl').text), 'protocol-mismatch')
  // Translated, the words around the number are not English ("Paket 1397966889", "数据包 1397966889"): an exact opening
  // still counts wherever the number stands.
  for (const id of ['virsh-ssh-banner-de-de', 'virsh-ssh-banner-zh-cn']) t.equal(first(devEntry('translated-clients', id).text), 'protocol-mismatch', id)
  // Kafka's broker, ZooKeeper's client and MongoDB's server (little-endian) met an HTTP client or server.
  t.equal(first(`org.apache.kafka.common.network.InvalidReceiveException: Invalid receive (size = ${be('GET ')} larger than 104857600)`), 'protocol-mismatch')
  t.equal(first(`java.io.IOException: Packet len${be('HTTP')} is out of range!`), 'protocol-mismatch')
  t.equal(first(`recv(): message len ${le('GET ')} is invalid. Min 16 Max: 48000000`), 'protocol-mismatch')
  t.equal(first('java.io.StreamCorruptedException: invalid internal transport message format, got (16,3,1,0)'), 'protocol-mismatch')
})

import t from 'tap'
import { parseLinuxRange, parseMacRange, parseWindowsRange } from '../src/net/ephemeral-range.js'
import { decodeAddress, parseProcNetTcp } from '../src/diagnose/ports/proc-net.js'
import { closest, didYouMean } from '../src/core/did-you-mean.js'

t.test('ephemeral range parsers, on recorded output', async (t) => {
  t.same(parseLinuxRange('32768\t60999\n'), { first: 32768, last: 60999 })
  t.same(parseMacRange('49152\n65535\n'), { first: 49152, last: 65535 })
  t.same(parseWindowsRange('\nProtocol tcp Dynamic Port Range\n---------------------------------\nStart Port      : 49152\nNumber of Ports : 16384\n'), { first: 49152, last: 65535 })
  t.equal(parseLinuxRange('garbage'), null)
  t.equal(parseWindowsRange(''), null)
})

t.test('/proc/net/tcp addresses decode as the kernel means them', async (t) => {
  t.equal(decodeAddress('0100007F'), '127.0.0.1')
  t.equal(decodeAddress('00000000'), '0.0.0.0')
  t.equal(decodeAddress('00000000000000000000000001000000'), '::1')
  t.equal(decodeAddress('00000000000000000000000000000000'), '::')
  t.equal(decodeAddress('0000000000000000FFFF00000100007F'), '::ffff:127.0.0.1')
  const rows = parseProcNetTcp([
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0',
    '   1: 0100007F:1F90 0100007F:A001 01 00000000:0000000C 00:00000000 00000000     0        0 12346 1 0000000000000000 100 0 0 10 0',
  ].join('\n'), 'IPv4')
  t.same(rows[0], { family: 'IPv4', localAddress: '127.0.0.1', localPort: 8080, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', uid: 0, inode: 12345, txQueue: 0, rxQueue: 0 })
  t.match(rows[1], { state: 'ESTABLISHED', remotePort: 0xA001, rxQueue: 12 }, 'rx_queue: bytes the program has not read')
})

t.test('did-you-mean', async (t) => {
  t.same(closest('refuse', ['refused', 'ephemeral', 'hung']), ['refused'])
  t.same(closest('ephemeal', ['refused', 'ephemeral', 'hung']), ['ephemeral'])
  t.equal(didYouMean('zzzzzzzz', ['refused', 'ephemeral']), '')
})

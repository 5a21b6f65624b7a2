// Raw TCP tools: netcat-openbsd (nc), ncat (nmap's), socat. Each as a client and as a listener.
import { family, captureClient, captureServer, version, scenario } from './lib.mjs'

const TCP = ['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'dns', 'dns-no-resolver'].map(scenario)
const REQ = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n'
const v6 = h => h.includes(':')
/** nc -v reports a connection that then fails only as "succeeded!": such a text does not show the failure, so it is not kept. */
const failureOnly = s => (/succeeded!/.test(s) && s.trim().split('\n').length === 1 ? '' : s)

await family(async () => {
  const ncV = 'netcat-openbsd ' + version('dpkg-query', ['-W', '-f=${Version}', 'netcat-openbsd'])
  await captureClient({ program: 'nc', ecosystem: 'netcat', version: ncV, how: 'printf request | nc -v -w 3 HOST PORT',
    pick: failureOnly, cmd: t => ['nc', ['-v', '-w', '3', t.host, String(t.port)], { input: REQ }] }, TCP)
  await captureServer({ program: 'nc', ecosystem: 'netcat', version: ncV, how: 'nc -l HOST PORT',
    cmd: t => ['nc', ['-l', t.host, String(t.port)]] })

  const ncatV = version('ncat', ['--version'], s => s.split('\n')[0])
  await captureClient({ program: 'ncat', ecosystem: 'netcat', version: ncatV, how: 'printf request | ncat -v -w 3 HOST PORT',
    cmd: t => ['ncat', ['-v', '-w', '3', t.host, String(t.port)], { input: REQ }] }, TCP)
  await captureServer({ program: 'ncat', ecosystem: 'netcat', version: ncatV, how: 'ncat -l HOST PORT',
    cmd: t => ['ncat', ['-l', t.host, String(t.port)]] })

  const socatV = version('socat', ['-V'], s => s.split('\n').find(l => /socat version/.test(l)) ?? 'socat')
  await captureClient({ program: 'socat', ecosystem: 'netcat', version: socatV, how: 'printf request | socat - TCP:HOST:PORT,connect-timeout=3',
    cmd: t => ['socat', ['-T', '3', '-', `TCP:${v6(t.host) ? '[' + t.host + ']' : t.host}:${t.port},connect-timeout=3`], { input: REQ }] }, TCP)
  await captureServer({ program: 'socat', ecosystem: 'netcat', version: socatV, how: 'socat TCP-LISTEN:PORT,bind=HOST -',
    cmd: t => ['socat', [`TCP${v6(t.host) ? '6' : '4'}-LISTEN:${t.port},bind=${t.host}`, '-']] })
})

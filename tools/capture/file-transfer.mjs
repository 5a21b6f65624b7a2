// File-transfer clients from Debian: lftp and tnftp (`ftp`) on ftp:// URLs, smbclient on an SMB share. FTP
// servers speak first, so the reset and the hang-up happen before the greeting (GREETED_SCENARIOS); another
// protocol's greeting (an SSH banner) is the protocol mismatch. smbclient resolves names with `-R host` only
// (no NetBIOS broadcast or WINS).
import { family, captureClient, version, scenario, GREETED_SCENARIOS } from './lib.mjs'

const pick = names => names.map(scenario)
const REFUSED_DNS = pick(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'dns', 'dns-no-resolver'])
const FTP = [...REFUSED_DNS, ...GREETED_SCENARIOS, { ...scenario('ssh-banner'), what: 'FTP client to a server that greets with an SSH banner' }]
const b = h => (h.includes(':') ? `[${h}]` : h)

await family(async () => {
  const lftpV = version('lftp', ['--version'], s => s.split('\n')[0].split('|').slice(0, 2).map(x => x.trim()).join(' '))
  await captureClient({ program: 'lftp', ecosystem: 'ftp', version: lftpV,
    how: "lftp -c 'set net:max-retries 1; set net:timeout 3; set net:reconnect-interval-base 1; set cmd:fail-exit yes; open ftp://anonymous:x@HOST:PORT; ls'",
    cmd: t => ['lftp', ['-c', `set net:max-retries 1; set net:timeout 3; set net:reconnect-interval-base 1; set dns:fatal-timeout 3; set cmd:fail-exit yes; open ftp://anonymous:x@${b(t.host)}:${t.port}; ls`], { timeout: 12000 }] }, FTP)
  const ftpV = 'tnftp ' + version('dpkg-query', ['-W', '-f=${Version}', 'ftp'])
  await captureClient({ program: 'ftp', ecosystem: 'ftp', version: ftpV, how: 'ftp -q 3 -o /dev/null ftp://anonymous@HOST:PORT/file.txt (auto-fetch)',
    cmd: t => ['ftp', ['-q', '3', '-o', '/dev/null', `ftp://anonymous@${b(t.host)}:${t.port}/file.txt`]] }, FTP)
  const smbV = version('smbclient', ['--version'])
  await captureClient({ program: 'smbclient', ecosystem: 'samba', version: smbV, how: 'smbclient -N -t 3 -R host -p PORT //HOST/share -c ls',
    cmd: t => ['smbclient', ['-N', '-t', '3', '-R', 'host', '-p', String(t.port), `//${t.host}/share`, '-c', 'ls']] },
  [...pick(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'dns', 'dns-no-resolver']),
    { ...scenario('tls-to-plain'), name: 'to-http', what: 'smbclient to a plain HTTP server' },
    { ...scenario('plain-to-tls'), name: 'to-tls', what: 'smbclient to a TLS server' }])
})

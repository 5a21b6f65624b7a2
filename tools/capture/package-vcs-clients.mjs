// Round 5: apt's own http method (apt-helper download-file; libapt-pkg's catalogue), Subversion over http:// and
// svn:// (subversion.mo) and gpg asking its keyserver through dirmngr (gnupg2.mo): clients developers meet daily that
// are translated, so each runs in every locale.
import { writeFileSync, chmodSync } from 'node:fs'
import { join } from 'node:path'
import { family, captureClient, version, scenario, scenariosNamed, tempDir, debianPackage, SCENARIOS } from './lib.mjs'

const HTTP = SCENARIOS

await family(async () => {
  const home = tempDir('cz-home-')

  // apt's methods drop to the _apt user unless told otherwise; the download goes into the capture's temp dir.
  await captureClient({ program: 'apt-helper', ecosystem: 'apt', version: debianPackage('apt'), how: '/usr/lib/apt/apt-helper download-file URL DEST (-o Acquire::http::Timeout=3 -o Acquire::Retries=0)',
    cmd: t => ['/usr/lib/apt/apt-helper', ['-o', 'APT::Sandbox::User=root', '-o', 'Acquire::http::Timeout=3', '-o', 'Acquire::https::Timeout=3', '-o', 'Acquire::Retries=0',
      '-o', 'Acquire::https::Verify-Peer=false', '-o', 'Acquire::https::Verify-Host=false', 'download-file', `${t.url}pool/app.deb`, join(home, 'app.deb')], { timeout: 12000 }] }, HTTP)

  const svnV = version('svn', ['--version', '--quiet'], s => 'svn ' + s.trim())
  const svnArgs = ['--non-interactive', '--no-auth-cache', '--config-dir', join(home, '.subversion'), '--trust-server-cert-failures=unknown-ca,cn-mismatch,expired,not-yet-valid,other',
    '--config-option', 'servers:global:http-timeout=3']
  await captureClient({ program: 'svn-http', ecosystem: 'subversion', version: svnV, how: 'svn ls --non-interactive (http-timeout=3) http(s)://HOST:PORT/repo',
    cmd: t => ['svn', ['ls', ...svnArgs, `${t.url}repo`], { env: { HOME: home }, timeout: 12000 }] }, HTTP)
  // svn:// has no connect timeout option: a dropped SYN would wait for the kernel's retries, so no timeout scenario.
  await captureClient({ program: 'svn-protocol', ecosystem: 'subversion', version: svnV, how: 'svn ls --non-interactive svn://HOST:PORT/repo',
    cmd: t => ['svn', ['ls', ...svnArgs, `svn://${t.hostPort}/repo`], { env: { HOME: home } }] },
  [...scenariosNamed(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'reset', 'hang-up', 'dns', 'dns-no-resolver']),
    { ...scenario('tls-to-plain'), name: 'to-http', what: 'svn:// to a plain HTTP server' }])

  // A fresh GnuPG home per run (dirmngr's socket lives there), dirmngr stopped afterwards by gpgconf.
  await captureClient({ program: 'gpg-keyserver', ecosystem: 'gnupg', version: version('gpg', ['--version']), how: 'gpg --batch --keyserver hkp://HOST:PORT --recv-keys KEY (dirmngr: connect-timeout 3, standard-resolver)',
    cmd: t => {
      const g = tempDir('cz-gpg-')
      chmodSync(g, 0o700)
      writeFileSync(join(g, 'dirmngr.conf'), 'connect-timeout 3\nstandard-resolver\nno-use-tor\n')
      const ks = `${t.scheme === 'https' ? 'hkps' : 'hkp'}://${t.hostPort}`
      return ['sh', ['-c', 'gpg --homedir "$1" --batch --keyserver "$2" --recv-keys 0x1234567890ABCDEF; s=$?; gpgconf --homedir "$1" --kill all; exit $s', 'sh', g, ks], { timeout: 15000 }]
    } }, HTTP)

})

// curl, wget, httpie: HTTP clients from Debian packages. wget is translated (gettext + glibc strerror); curl and
// httpie print English (checked on the first scenario by captureClient).
import { family, captureClient, version, run, record, cleanupAll } from './lib.mjs'

await family(async () => {
  const curlV = version('curl', ['--version'], s => s.split('\n')[0].split(' ').slice(0, 2).join(' ') + ' (' + (s.match(/OpenSSL\/[0-9.]+/)?.[0] ?? '') + ')')
  await captureClient({ program: 'curl', ecosystem: 'curl', version: curlV, how: 'curl -sS URL',
    cmd: t => ['curl', ['-sS', '--connect-timeout', '3', '--max-time', '6', t.url]] })
  await captureClient({ program: 'curl-verbose', ecosystem: 'curl', version: curlV, how: 'curl -v URL (all lines)',
    cmd: t => ['curl', ['-sSv', '--connect-timeout', '3', '--max-time', '6', t.url]] })
  // --interface with an address that is on no interface of the namespace: bind fails before any packet.
  const r = await run('curl', ['-sS', '--interface', '192.0.2.1', 'http://127.0.0.1:1/'])
  record({ program: 'curl', ecosystem: 'curl', version: curlV, scenario: 'interface-not-here', kind: 'address-not-available',
    address: '192.0.2.1', port: null, text: r.out, what: 'curl --interface 192.0.2.1 (not an address of this namespace; bind only, no traffic)' })

  const wgetV = version('wget', ['--version'], s => s.split('\n')[0].replace(/ built on.*/, ''))
  await captureClient({ program: 'wget', ecosystem: 'wget', version: wgetV, how: 'wget -O /dev/null --tries=1 URL',
    cmd: t => ['wget', ['-O', '/dev/null', '--tries=1', '--timeout=3', '--no-check-certificate', t.url]] })
  await captureClient({ program: 'wget-quiet', ecosystem: 'wget', version: wgetV, how: 'wget -nv (non-verbose) URL',
    cmd: t => ['wget', ['-nv', '-O', '/dev/null', '--tries=1', '--timeout=3', t.url]] })
  await cleanupAll()
  for (const locale of ['C', 'de_DE.UTF-8', 'fr_FR.UTF-8', 'es_ES.UTF-8', 'ja_JP.UTF-8', 'ru_RU.UTF-8', 'zh_CN.UTF-8', 'pt_BR.UTF-8', 'pl_PL.UTF-8', 'it_IT.UTF-8', 'tr_TR.UTF-8', 'ko_KR.UTF-8', 'zh_TW.UTF-8', 'nl_NL.UTF-8', 'sv_SE.UTF-8', 'cs_CZ.UTF-8', 'uk_UA.UTF-8']) {
    const w = await run('wget', ['-O', '/dev/null', '--tries=1', '--bind-address=192.0.2.1', 'http://127.0.0.1:1/'], { locale })
    record({ program: 'wget', ecosystem: 'wget', version: wgetV, scenario: 'bind-address-not-here', kind: 'address-not-available',
      address: '192.0.2.1', port: null, locale, text: w.out, what: 'wget --bind-address=192.0.2.1 (not an address of this namespace; bind only)' })
  }

  const httpV = version('/usr/bin/http', ['--version'], s => 'HTTPie ' + s.trim())
  await captureClient({ program: 'httpie', ecosystem: 'python', version: httpV, how: 'http GET URL',
    cmd: t => ['/usr/bin/http', ['--timeout', '3', '--verify', 'no', 'GET', t.url]] })
})

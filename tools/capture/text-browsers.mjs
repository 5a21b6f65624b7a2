// Text-mode browsers from Debian, each in -dump mode (the page or the error, then exit): w3m, ELinks and Links 2.
// ELinks and w3m are gettext-translated, Links 2 carries its own translations (chosen from LANG); captureClient
// finds out on the first scenario which ones print something else in de_DE.
import { family, captureClient, version, SCENARIOS, tempDir } from './lib.mjs'

await family(async () => {
  const home = tempDir('cz-home-')
  await captureClient({ program: 'w3m', ecosystem: 'w3m', version: version('w3m', ['-version'], s => s.split(',')[0].replace(/ *options.*/, '')),
    how: 'w3m -dump -o ssl_verify_server=0 URL', skip: ['timeout'],
    cmd: t => ['w3m', ['-dump', '-o', 'ssl_verify_server=0', t.url], { env: { HOME: home } }] }, SCENARIOS)
  await captureClient({ program: 'elinks', ecosystem: 'elinks', version: version('elinks', ['--version']),
    how: "elinks -dump -no-home 1 (connection.retries = 1, receive_timeout = 3) URL",
    cmd: t => ['elinks', ['-dump', '-no-home', '1', '-eval', 'set connection.retries = 1', '-eval', 'set connection.receive_timeout = 3',
      '-eval', 'set connection.ssl.cert_verify = 0', t.url], { env: { HOME: home } }] }, SCENARIOS)
  await captureClient({ program: 'links2', ecosystem: 'links', version: version('links2', ['-version']),
    how: 'links2 -dump -retries 1 -receive-timeout 3 URL',
    cmd: t => ['links2', ['-dump', '-retries', '1', '-receive-timeout', '3', '-unrestartable-receive-timeout', '3', '-ssl.certificates', '0', t.url], { env: { HOME: home } }] }, SCENARIOS)
})

// Round 7: yarn 1 and pnpm, pointed at a registry on a port the capture opened (or closed a moment ago) inside the
// namespace; both print English. Nothing is installed into the project: run.mjs first calls this script with
// `--prepare DIR` outside the namespace, and npm's own client installs the pinned yarn and pnpm into DIR (a temp dir
// run.mjs removes); each run writes only into a temp project.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

const NPM_PACKAGES = { yarn: '1.22.22', pnpm: '9.15.9' }

if (process.argv[2] === '--prepare') {
  execFileSync('npm', ['install', '--prefix', process.argv[3], '--no-audit', '--no-fund', '--no-save', '--loglevel=error',
    ...Object.entries(NPM_PACKAGES).map(([name, v]) => `${name}@${v}`)], { stdio: ['ignore', 2, 2] })
  process.exit(0)
}

const { family, captureClient, tempFiles } = await import('./lib.mjs')
const prep = process.env.CAPTURE_PREP
const nodeV = 'Node ' + process.version
const npmV = name => `${name} ${JSON.parse(readFileSync(join(prep, 'node_modules', name, 'package.json'), 'utf8')).version} (npm) on ${nodeV}`
const project = files => tempFiles('cz-pm-', files)

await family(async () => {
  await captureClient({ program: 'yarn', ecosystem: 'node', version: npmV('yarn'),
    how: 'yarn add is-number@7.0.0 --registry URL --network-timeout 3000 --non-interactive in a temp project, its cache in a temp dir',
    cmd: t => {
      const dir = project({ 'package.json': '{"name":"lab","version":"1.0.0","private":true}\n' })
      return [join(prep, 'node_modules', '.bin', 'yarn'), ['add', 'is-number@7.0.0', '--registry', t.url, '--network-timeout', '3000', '--non-interactive', '--no-progress'],
        { cwd: dir, timeout: 30000, env: { YARN_CACHE_FOLDER: join(dir, 'cache'), HOME: dir, NODE_TLS_REJECT_UNAUTHORIZED: '0' } }]
    } })

  // pnpm 9 looks a bracketed IPv6 literal up as a name ("getaddrinfo ENOTFOUND [::1]"), as kafkajs splits a broker at
  // its first colon: no refused-ipv6 scenario, its text would be a failed lookup labelled a refusal.
  await captureClient({ program: 'pnpm', ecosystem: 'node', version: npmV('pnpm'), skip: ['refused-ipv6'],
    how: 'pnpm add is-number@7.0.0 --registry URL --fetch-retries 0 --fetch-timeout 3000 in a temp project, its store in a temp dir',
    cmd: t => {
      const dir = project({ 'package.json': '{"name":"lab","version":"1.0.0","private":true}\n' })
      return [join(prep, 'node_modules', '.bin', 'pnpm'), ['add', 'is-number@7.0.0', '--registry', t.url, '--fetch-retries', '0', '--fetch-timeout', '3000',
        '--store-dir', join(dir, 'store'), '--reporter', 'append-only'],
        { cwd: dir, timeout: 20000, env: { HOME: dir, npm_config_strict_ssl: 'false', CI: '1' } }]
    } })
})

// Round 7: the package managers people run every day, each pointed at an index or registry on a port the capture
// opened (or closed a moment ago) inside the namespace: Debian's apt-get update and pip, `go mod download` through
// GOPROXY, cargo through a sparse registry that replaces crates.io, RubyGems and Composer (Maven, yarn and pnpm are
// maven-yarn-pnpm.mjs). Every program writes only into a temp dir (tempFiles), and each is given the shortest network
// timeout it has, so a dropped SYN fails inside the capture's limit.
import { chmodSync } from 'node:fs'
import { join } from 'node:path'
import { family, captureClient, version, tempDir, tempFiles, debianPackage } from './lib.mjs'

const url = t => t.url.replace(/\/$/, '')
const project = files => tempFiles('cz-pm-', files)

await family(async () => {
  await captureClient({ program: 'apt-get-update', ecosystem: 'apt', version: debianPackage('apt'),
    how: 'apt-get update with one source (deb URL/debian bookworm main), its own lists dir, Acquire::Retries=0, Acquire::http::Timeout=3',
    cmd: t => {
      const dir = project({ 'sources.list': `deb ${url(t)}/debian bookworm main\n`, 'lists/partial/.keep': '' })
      // apt downloads as the user _apt: a temp dir only root may enter would add its "Download is performed
      // unsandboxed as root" warning (with a permission denied) to every text.
      chmodSync(dir, 0o755)
      return ['apt-get', ['update', '-o', `Dir::Etc::SourceList=${dir}/sources.list`, '-o', 'Dir::Etc::SourceParts=/nonexistent',
        '-o', `Dir::State::Lists=${dir}/lists`, '-o', 'Acquire::Retries=0', '-o', 'Acquire::http::Timeout=3', '-o', 'Acquire::https::Timeout=3',
        '-o', 'Acquire::https::Verify-Peer=false', '-o', 'Debug::NoLocking=1']]
    } })

  await captureClient({ program: 'pip', ecosystem: 'python', version: debianPackage('python3-pip'),
    how: 'python3 -m pip download --retries 1 --timeout 3 --index-url URL/simple --trusted-host HOST six (PIP_CONFIG_FILE=/dev/null)',
    cmd: t => ['/usr/bin/python3', ['-m', 'pip', 'download', '--no-cache-dir', '--retries', '1', '--timeout', '3', '--index-url', `${url(t)}/simple`,
      // Without --trusted-host pip ignores a plain-http index on any host but localhost, without connecting.
      '--trusted-host', t.host, '-d', tempDir('cz-pip-'), 'six'],
      { env: { PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1' } }] })

  await captureClient({ program: 'go-mod-download', ecosystem: 'go', version: debianPackage('golang-1.19-go'),
    how: 'go mod download golang.org/x/text in a module requiring it, GOPROXY=URL, GOSUMDB=off, GOPATH and GOCACHE in a temp dir',
    cmd: t => {
      const dir = project({ 'go.mod': 'module lab\n\ngo 1.19\n\nrequire golang.org/x/text v0.3.8\n' })
      return ['go', ['mod', 'download', 'golang.org/x/text'], { cwd: dir,
        env: { GOPROXY: url(t), GOSUMDB: 'off', GOFLAGS: '-mod=mod', GOPATH: join(dir, 'gopath'), GOCACHE: join(dir, 'gocache'), HOME: dir } }]
    } })

  await captureClient({ program: 'cargo-fetch', ecosystem: 'rust', version: version('cargo', ['--version']),
    how: 'cargo fetch in a crate depending on itoa, crates.io replaced by sparse+URL/index/, http.timeout = 3, net.retry = 0, CARGO_HOME in a temp dir',
    cmd: t => {
      const dir = project({
        'Cargo.toml': '[package]\nname = "lab"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nitoa = "1"\n',
        'src/main.rs': 'fn main() {}\n',
        'home/config.toml': `[source.crates-io]\nreplace-with = "lab"\n\n[source.lab]\nregistry = "sparse+${url(t)}/index/"\n\n[http]\ntimeout = 3\n\n[net]\nretry = 0\n`,
      })
      return ['cargo', ['fetch'], { cwd: dir, env: { CARGO_HOME: join(dir, 'home'), CARGO_TERM_COLOR: 'never' } }]
    } })

  await captureClient({ program: 'gem-install', ecosystem: 'ruby', version: debianPackage('ruby-rubygems'),
    how: 'gem install --clear-sources --source URL --no-document rake, GEM_HOME in a temp dir',
    cmd: t => ['gem', ['install', '--clear-sources', '--source', t.url, '--no-document', 'rake'], { env: { GEM_HOME: tempDir('cz-gem-'), HOME: tempDir('cz-home-') } }] })

  await captureClient({ program: 'composer', ecosystem: 'php', version: debianPackage('composer'),
    how: 'composer update in a project requiring psr/log with packagist.org off and one composer repository at URL, COMPOSER_HOME in a temp dir',
    cmd: t => {
      const dir = project({ 'composer.json': JSON.stringify({ repositories: [{ 'packagist.org': false }, { type: 'composer', url: t.url, options: { ssl: { verify_peer: false, verify_peer_name: false } } }],
        require: { 'psr/log': '^3.0' }, config: { 'secure-http': false } }, null, 1) })
      return ['composer', ['update', '--no-interaction', '--no-plugins', '--no-scripts', '--no-ansi'], { cwd: dir, timeout: 20000,
        env: { COMPOSER_HOME: join(dir, 'home'), COMPOSER_CACHE_DIR: join(dir, 'cache'), COMPOSER_ALLOW_SUPERUSER: '1', HOME: dir } }]
    } })

})

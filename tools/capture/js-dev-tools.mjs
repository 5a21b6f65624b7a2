// Round 14: the JavaScript dev tools whose own wording users paste most, failing against sockets the capture opens.
// Dev-server proxies with a failing upstream (webpack-dev-server's `proxy`, i.e. http-proxy-middleware's `[HPM] Error
// occurred while proxying request …`; Vite's `server.proxy`; Next.js `rewrites` to another origin), dev servers and
// runners failing to bind (webpack-dev-server, `next dev`, `esbuild --serve`, live-server, nodemon and concurrently
// running a Node server), waiters for a port that never opens (wait-on, start-server-and-test), and clients whose
// errors are their own sentences (Hardhat 2's HH108, ethers' and web3's JSON-RPC providers, sockjs-client).
// Like npm-clients, nothing is installed into the project: run.mjs first calls this script with `--prepare DIR`
// outside the namespace, and npm's ordinary client installs the pinned versions below into DIR (a temp dir run.mjs
// removes); each program runs in a temp project of its own.
//
// Left out, each for its reason: Cypress, Playwright's browsers and Prisma's engines (downloads outside the npm
// registry, which the namespace cannot reach and the rules forbid); react-scripts (about 300 MB for the same
// webpack-dev-server and http-proxy-middleware captured here); parcel (its native packages and its own cache for a
// dev server that, like serve, browser-sync and Vite without --strictPort, moves to another port when its own is
// taken); serve and browser-sync for that reason; socket.io-client (npm-clients holds it).
// Every tool here prints English whatever the locale (none of them ships a catalogue), so after the C/de_DE check
// each runs in C only.
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

const PACKAGES = {
  'webpack-dev-server': '6.1.0', webpack: '5.113.0', 'webpack-cli': '7.3.1', vite: '8.4.0', next: '16.5.0', react: '19.3.1',
  'react-dom': '19.3.1', esbuild: '0.28.2', nodemon: '3.1.14', 'wait-on': '9.5.1', 'start-server-and-test': '3.0.12',
  concurrently: '10.0.7', 'live-server': '1.2.2', hardhat: '2.29.1', ethers: '6.17.0', web3: '4.16.0', 'sockjs-client': '1.6.1',
}

if (process.argv[2] === '--prepare') {
  execFileSync('npm', ['install', '--prefix', process.argv[3], '--no-audit', '--no-fund', '--no-save', '--loglevel=error',
    ...Object.entries(PACKAGES).map(([name, v]) => `${name}@${v}`)], { stdio: ['ignore', 2, 2] })
  // The privileged scenario runs the server as nobody, who must be able to reach node_modules in root's temp dir.
  chmodSync(dirname(process.argv[3]), 0o711)
  process.exit(0)
}

const lib = await import('./lib.mjs')
const { family, captureClient, captureServer, scenario, UPSTREAM_SCENARIOS, WS_SCENARIOS,
  closedPort, fullQueueServer, resetServer, hangupServer, start, run, record, tempDir, tempFiles, cleanupMark, cleanupTo, waitListening } = lib
const dir = process.env.CAPTURE_PREP
const J = JSON.stringify
const nodeV = 'Node ' + process.version
const pkgV = name => `${name} ${JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version} (npm) on ${nodeV}`
const bin = (name, path) => join(dir, 'node_modules', name, path)
const b = h => (h.includes(':') ? `[${h}]` : h)
const NODE_PATH = join(dir, 'node_modules')
const env = { NODE_PATH, NODE_NO_WARNINGS: '1', NEXT_TELEMETRY_DISABLED: '1', HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true', CI: '1', FORCE_COLOR: '0', NO_COLOR: '1', BROWSER: 'none' }

/** The site a server serves, in the scenario's temp dir (nobody's for the privileged scenario). */
function site (t, files) {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(t.dir, name), text)
  chmodSync(t.dir, 0o755)
  return t.dir
}
/** The Node server nodemon, concurrently and start-server-and-test run: binds HOST:PORT from its arguments. */
const SERVER_JS = "require('http').createServer((q, s) => s.end('ok')).listen(Number(process.argv[3]), process.argv[2], () => console.log('listening on ' + process.argv[2] + ':' + process.argv[3]))\n"

/**
 * captureProxy of lib.mjs with room for a slow start (webpack and Next compile on 2 busy cores) and an environment:
 * the proxy starts on a port found free a moment ago with the failing upstream behind it, curl sends one request,
 * and what the proxy printed (`<upstream>-log`) and the response curl got (`<upstream>-response`) are both kept.
 */
async function captureDevProxy (def, upstreams = UPSTREAM_SCENARIOS) {
  for (const up of upstreams) {
    const mark = cleanupMark()
    const u = await up.setup()
    const port = await closedPort('127.0.0.1')
    const [cmd, args, cwd] = def.startArgs(port, u)
    const p = start(cmd, args, { env, cwd })
    if (await waitListening('127.0.0.1', port, 60000)) {
      if (def.warm) await run('curl', ['-sS', '-m', '60', '-o', '/dev/null', `http://127.0.0.1:${port}${def.warm}`], { timeout: 65000 })
      const r = await run('curl', ['-sS', '-i', '-m', '8', `http://127.0.0.1:${port}/api/items`], { timeout: 10000 })
      await new Promise(res => setTimeout(res, 500))
      const base = { ecosystem: 'node', version: def.version, kind: up.kind, accept: up.accept }
      const what = `${def.how}; ${up.what}; one request with curl`
      const log = (def.log ?? (s => s))(p.output())
      if (log.trim()) record({ ...base, program: def.program, scenario: up.name + '-log', address: u.host, port: u.port, text: log, what: what + ' (what the dev server printed)' })
      record({ ...base, program: def.program, scenario: up.name + '-response', address: '127.0.0.1', port,
        text: r.out, what: what + ` (the response the client got, headers included: ${r.out.split('\n')[0].trim().slice(0, 80)})` })
    } else console.error(`  ${def.program} ${up.name}: did not start: ${p.output().slice(0, 400)}`)
    await p.stop()
    await cleanupTo(mark)
  }
}
/** Drops the start-up banner (lines before the first error) so the log is the error as a user pastes it; no error, no log. */
const fromFirst = re => s => { const i = s.search(re); return i < 0 ? '' : s.slice(i) }

// Waiting for a port that never opens: nothing listens there for the whole run (wait-on gives up).
const WAIT_SCENARIOS = [
  { name: 'never-opens-ipv4', kind: 'not-ready', accept: ['refused', 'timeout'], what: 'wait for a port on 127.0.0.1 closed a moment ago, which never opens',
    setup: async () => ({ host: '127.0.0.1', port: await closedPort('127.0.0.1'), scheme: 'http' }) },
  { name: 'never-opens-localhost', kind: 'not-ready', accept: ['refused', 'timeout', 'localhost-ipv6'], what: 'wait for localhost:PORT (127.0.0.1 and ::1), nothing listening on either, ever',
    setup: async () => ({ host: 'localhost', port: await closedPort('127.0.0.1'), scheme: 'http' }) },
  { name: 'never-accepts', kind: 'timeout', accept: ['not-ready'], what: 'wait for a listener whose accept queue is full (backlog 0, never accepts): SYNs dropped',
    setup: async () => ({ host: '127.0.0.1', port: await fullQueueServer('127.0.0.1'), scheme: 'http' }) },
  { name: 'resets', kind: 'reset', accept: ['not-ready', 'hang-up'], what: 'wait for a server that reads every request and answers with a TCP RST',
    setup: async () => ({ host: '127.0.0.1', port: await resetServer('127.0.0.1'), scheme: 'http' }) },
  { name: 'hangs-up', kind: 'hang-up', accept: ['not-ready', 'reset'], what: 'wait for a server that reads every request and closes without answering (FIN)',
    setup: async () => ({ host: '127.0.0.1', port: await hangupServer('127.0.0.1'), scheme: 'http' }) },
]

const CLIENT = ['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'tls-to-plain', 'ssh-banner', 'dns', 'dns-no-resolver'].map(scenario)

/** ONLY=prog,prog (for trying one program again); every program when unset. */
const only = process.env.ONLY ? new Set(process.env.ONLY.split(',')) : null
const want = def => !only || only.has(def.program)
const proxy = (def, ups) => want(def) && captureDevProxy(def, ups)
const server = def => want(def) && captureServer(def)
const client = (def, scs) => want(def) && captureClient(def, scs)

await family(async () => {
  // ---- dev-server proxies
  await proxy({ program: 'webpack-dev-server-proxy', version: `${pkgV('webpack-dev-server')}, ${pkgV('http-proxy-middleware')}, webpack ${PACKAGES.webpack}`,
    how: "webpack serve with devServer { host: '127.0.0.1', port, proxy: [{ context: ['/api'], target: 'http://UPSTREAM' }] }, GET /api/items",
    log: fromFirst(/\[HPM\]|<e>|Error/),
    startArgs: (port, u) => {
      const cwd = tempFiles('cz-wds-', { 'src/index.js': 'console.log(1)\n', 'webpack.config.js':
        `module.exports = { mode: 'development', entry: './src/index.js', infrastructureLogging: { level: 'warn' }, stats: 'none', devServer: { host: '127.0.0.1', port: ${port}, hot: false, liveReload: false, client: false, open: false, proxy: [{ context: ['/api'], target: ${J(`http://${b(u.host)}:${u.port}`)} }] } }\n` })
      return [process.execPath, [bin('webpack-cli', 'bin/cli.js'), 'serve', '--config', join(cwd, 'webpack.config.js')], cwd]
    } })
  await proxy({ program: 'vite-dev-server-proxy', version: pkgV('vite'),
    how: "vite with server: { host: '127.0.0.1', port, strictPort: true, proxy: { '/api': 'http://UPSTREAM' } }, GET /api/items",
    log: fromFirst(/http proxy error|error/i),
    startArgs: (port, u) => {
      const cwd = tempFiles('cz-vite-', { 'index.html': '<!doctype html><title>lab</title>\n', 'vite.config.mjs':
        `export default { clearScreen: false, server: { host: '127.0.0.1', port: ${port}, strictPort: true, proxy: { '/api': ${J(`http://${b(u.host)}:${u.port}`)} } } }\n` })
      return [process.execPath, [bin('vite', 'bin/vite.js'), '--config', join(cwd, 'vite.config.mjs')], cwd]
    } })
  await proxy({ program: 'next-dev-rewrites', version: pkgV('next'),
    how: "next dev -H 127.0.0.1 -p PORT with rewrites [{ source: '/api/:path*', destination: 'http://UPSTREAM/:path*' }], GET / once to compile, then GET /api/items",
    warm: '/', log: fromFirst(/Failed to proxy|⨯|Error/),
    startArgs: (port, u) => {
      // Next resolves `next` from the project, and Turbopack compiles nothing outside its root: the project lives in
      // the prepared dir, next to its node_modules.
      const cwd = projectIn(dir, 'cz-next-', { 'app/layout.js': 'export default function L ({ children }) { return <html><body>{children}</body></html> }\n',
        'app/page.js': 'export default function P () { return <p>lab</p> }\n',
        'package.json': '{"name":"lab","private":true}\n',
        'next.config.js': `module.exports = { turbopack: { root: ${J(dir)} }, async rewrites () { return [{ source: '/api/:path*', destination: ${J(`http://${b(u.host)}:${u.port}/:path*`)} }] } }\n` })
      return [process.execPath, [bin('next', 'dist/bin/next'), 'dev', '-H', '127.0.0.1', '-p', String(port)], cwd]
    } }, UPSTREAM_SCENARIOS.filter(s => s.name !== 'upstream-timeout'))

  // ---- dev servers and runners failing to bind
  await server({ program: 'webpack-dev-server', ecosystem: 'node', version: `${pkgV('webpack-dev-server')}, webpack ${PACKAGES.webpack}, webpack-cli ${PACKAGES['webpack-cli']}`, timeout: 20000,
    how: 'webpack serve --host HOST --port PORT (a one-file project)',
    cmd: t => [process.execPath, [bin('webpack-cli', 'bin/cli.js'), 'serve', '--mode', 'development', '--entry', './index.js', '--host', t.host, '--port', String(t.port), '--no-hot', '--no-live-reload', '--no-client'],
      { cwd: site(t, { 'index.js': 'console.log(1)\n' }), env } ] })
  await server({ program: 'next-dev', ecosystem: 'node', version: pkgV('next'), timeout: 25000,
    how: 'next dev -H HOST -p PORT (an app/ with one page)',
    cmd: t => {
      site(t, { 'package.json': '{"name":"lab","private":true}\n' })
      tempFilesInto(t.dir, { 'app/layout.js': 'export default function L ({ children }) { return <html><body>{children}</body></html> }\n', 'app/page.js': 'export default function P () { return <p>lab</p> }\n' })
      return [process.execPath, [bin('next', 'dist/bin/next'), 'dev', '-H', t.host, '-p', String(t.port)], { cwd: t.dir, env: { ...env, HOME: t.dir } }]
    } })
  await server({ program: 'esbuild-serve', ecosystem: 'node', version: pkgV('esbuild'),
    how: 'esbuild --servedir=DIR --serve=HOST:PORT, its stdin a pipe kept open (esbuild stops serving at EOF on stdin)',
    // With stdin at EOF (the capture's /dev/null) esbuild may stop before it reports the bind: "[serve] stopped
    // automatically because stdin was closed"; a pipe from `sleep` keeps it open, as a terminal would.
    cmd: t => ['bash', ['-c', 'exec "$0" "$@" < <(exec sleep 30 2>/dev/null)', bin('esbuild', 'bin/esbuild'), `--servedir=${site(t, { 'index.html': 'lab\n' })}`, `--serve=${b(t.host)}:${t.port}`], { env }] })
  await server({ program: 'live-server', ecosystem: 'node', version: pkgV('live-server'), keepStarted: true,
    how: 'live-server --host=HOST --port=PORT --no-browser DIR (it moves to a random port when its own is taken; kept as printed)',
    cmd: t => [process.execPath, [bin('live-server', 'live-server.js'), `--host=${t.host}`, `--port=${t.port}`, '--no-browser', site(t, { 'index.html': 'lab\n' })], { env }] })
  await server({ program: 'nodemon', ecosystem: 'node', version: pkgV('nodemon'), keepStarted: true,
    how: "nodemon server.js HOST PORT (server.js: http.createServer().listen(PORT, HOST)); nodemon waits for a change afterwards, killed at the capture's limit",
    cmd: t => [process.execPath, [bin('nodemon', 'bin/nodemon.js'), '--no-colours', join(site(t, { 'server.js': SERVER_JS }), 'server.js'), t.host, String(t.port)], { cwd: t.dir, env: { ...env, HOME: t.dir } }] })
  await server({ program: 'concurrently', ecosystem: 'node', version: pkgV('concurrently'),
    how: 'concurrently -n api "node server.js HOST PORT" "node -e setTimeout(()=>{},1500)" (server.js binds HOST:PORT)',
    cmd: t => [process.execPath, [bin('concurrently', 'dist/bin/index.js'), '-n', 'api,web', '--no-color',
      `node ${join(site(t, { 'server.js': SERVER_JS }), 'server.js')} ${t.host} ${t.port}`, 'node -e "setTimeout(()=>{},1500)"'], { cwd: t.dir, env }] })

  // ---- waiting for a port that never opens
  await client({ program: 'wait-on', ecosystem: 'node', version: pkgV('wait-on'),
    how: 'wait-on -t 3000 tcp:HOST:PORT (http://HOST:PORT/ for a server that answers badly, with -v so each attempt prints)',
    cmd: t => ['node', [bin('wait-on', 'bin/wait-on'), '-t', '3000', '-i', '500',
      ...(['resets', 'hangs-up', 'never-accepts'].includes(t.scenario) ? ['-v', t.url] : [t.host === 'localhost' ? t.url : `tcp:${t.hostPort}`])], { env }] }, WAIT_SCENARIOS)
  await client({ program: 'start-server-and-test', ecosystem: 'node', version: pkgV('start-server-and-test'),
    how: "start-server-and-test 'node idle.js' URL 'echo tests' with WAIT_ON_TIMEOUT=4000 (the server never opens the port)",
    cmd: t => {
      const cwd = tempFiles('cz-ssat-', { 'idle.js': 'setInterval(() => {}, 1000)\n', 'package.json': '{"name":"lab","private":true}\n' })
      return [process.execPath, [bin('start-server-and-test', 'src/bin/start.js'), 'node idle.js', t.url, 'echo tests'], { cwd, env: { ...env, WAIT_ON_TIMEOUT: '4000' } }]
    } }, WAIT_SCENARIOS.filter(s => s.name !== 'never-accepts'))

  // ---- JSON-RPC and SockJS clients
  await client({ program: 'hardhat', ecosystem: 'node', version: pkgV('hardhat'),
    how: "hardhat run --no-compile --network lab script.js (networks.lab = { url, timeout: 3000 }; the script sends eth_blockNumber)",
    cmd: t => {
      const cwd = tempFiles('cz-hh-', { 'package.json': '{"name":"lab","private":true}\n',
        'hardhat.config.js': `module.exports = { solidity: '0.8.24', networks: { lab: { url: ${J(t.url)}, timeout: 3000 } } }\n`,
        'script.js': "const hre = require('hardhat')\nhre.network.provider.send('eth_blockNumber').then(n => console.log(n))\n" })
      return [process.execPath, [bin('hardhat', 'internal/cli/bootstrap.js'), 'run', '--no-compile', '--network', 'lab', 'script.js'], { cwd, timeout: 20000, env: { ...env, HOME: cwd, NODE_TLS_REJECT_UNAUTHORIZED: '0' } }]
    } }, CLIENT)
  await client({ program: 'node-ethers', ecosystem: 'node', version: pkgV('ethers'),
    how: 'await new ethers.JsonRpcProvider(url).getBlockNumber() unhandled (ethers retries its network detection; killed at the capture\'s limit if it never ends)',
    cmd: t => ['node', ['-e', `const { JsonRpcProvider } = require('ethers')\nnew JsonRpcProvider(${J(t.url)}).getBlockNumber().then(n => { console.log(n); process.exit(0) })`], { env: { ...env, NODE_TLS_REJECT_UNAUTHORIZED: '0' }, timeout: 9000 }] }, CLIENT)
  await client({ program: 'node-web3', ecosystem: 'node', version: pkgV('web3'),
    how: 'await new Web3(url).eth.getBlockNumber() unhandled',
    cmd: t => ['node', ['-e', `const { Web3 } = require('web3')\nnew Web3(${J(t.url)}).eth.getBlockNumber().then(n => { console.log(n); process.exit(0) })`], { env: { ...env, NODE_TLS_REJECT_UNAUTHORIZED: '0' } }] }, CLIENT)
  await client({ program: 'node-sockjs-client', ecosystem: 'node', version: pkgV('sockjs-client'),
    how: "new SockJS(url) in Node with sock.onclose = e => console.error('SockJS closed:', e.code, e.reason) and onerror printing the event",
    cmd: t => ['node', ['-e', `const SockJS = require('sockjs-client')\nconst s = new SockJS(${J(t.url + 'echo')}, null, { timeout: 3000 })\ns.onerror = e => console.error(e)\ns.onclose = e => { console.error('SockJS closed:', e.code, e.reason); process.exit(1) }\ns.onopen = () => s.close()`], { env }] },
    [...['refused-ipv4', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'dns'].map(scenario), ...WS_SCENARIOS.filter(s => s.name !== 'ws-dropped')])
})

/** A project in a temp dir under `parent` (removed with the scenario). */
function projectIn (parent, prefix, files) {
  const root = mkdtempSync(join(parent, prefix))
  lib.onCleanup(() => rmSync(root, { recursive: true, force: true }))
  tempFilesInto(root, files)
  return root
}

function tempFilesInto (root, files) {
  for (const [name, text] of Object.entries(files)) {
    execFileSync('mkdir', ['-p', join(root, name, '..')])
    writeFileSync(join(root, name), text)
  }
  execFileSync('chmod', ['-R', 'a+rwX', root])
}

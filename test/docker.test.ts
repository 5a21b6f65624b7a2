/**
 * docker/ as users run it: the compose file really built (offline, from the lab's base image), started, called and
 * stopped with podman-compose, the broken and the fixed app side by side; and, everywhere, that the files agree with
 * the lab (the lab image runs a real CLI command, the services name scenarios that exist, the scripts work).
 */
import t, { type Test } from 'tap'
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { scenarioIds } from '../demos/index.js'
import { httpRequest } from '../src/clients/attempt.js'
import { curlSays } from '../src/clients/cli-tools.js'
import { removeOwned } from '../src/containers/index.js'
import { freePort } from '../src/net/free-port.js'
import { ownerMark } from '../src/process/sweep.js'
import { which } from '../src/process/tool.js'
import { base, engine, ownedBy, skip } from './container-helpers.js'
import { cli } from './helpers.js'
import { parseYaml, type YamlValue } from './yaml-lite.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const read = (p: string): string => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8')
type Map = { [key: string]: YamlValue }
const asMap = (v: YamlValue | undefined): Map => (v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v : {})
const asList = (v: YamlValue | undefined): string[] => (Array.isArray(v) ? v.map(String) : [])

/** The exec-form JSON array of a Dockerfile instruction (`CMD ["demo", "--all"]`). */
function instruction (dockerfile: string, name: string): string[] {
  const lines = dockerfile.split('\n').filter((l) => l.startsWith(`${name} `))
  const last = lines.at(-1)
  if (last === undefined) return []
  return JSON.parse(last.slice(name.length + 1)) as string[]
}

/** Is `args` something the CLI accepts? The command exists and every flag appears in its help. */
async function realCommand (t: Test, args: string[]): Promise<void> {
  const [name, ...rest] = args
  const help = await cli([name!, '--help'])
  t.equal(help.code, 0, `\`localhost-lab ${name}\` is a command`)
  const ids: string[] = []
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!
    if (!a.startsWith('--')) { ids.push(a); continue }
    const line = new RegExp(`^\\s+${a}\\b(.*)$`, 'm').exec(help.stdout)
    t.ok(line, `${name} has ${a}`)
    // `--engine <name>`: the next word is the option's value, and one of the choices its help names.
    if (line?.[1]?.trimStart().startsWith('<')) {
      i++
      t.match(help.stdout, rest[i]!, `${a} ${rest[i]} is a value its help names`)
    }
  }
  for (const id of ids) t.ok(scenarioIds.includes(id), `'${id}' is a scenario`)
}

const dockerfile = read('docker/Dockerfile')
const compose = parseYaml(read('docker/compose.yaml'))
const services = asMap(asMap(compose).services)

t.test('the image runs the real CLI, and its default command is a real command', async (t) => {
  const pkg = JSON.parse(read('package.json')) as { bin: Record<string, string> }
  t.same(instruction(dockerfile, 'ENTRYPOINT'), ['node', pkg.bin['localhost-lab']], 'ENTRYPOINT is the package\'s bin')
  const cmd = instruction(dockerfile, 'CMD')
  t.same(cmd, ['demo', '--all'], 'docker run --rm localhost-lab runs the whole catalogue')
  await realCommand(t, cmd)
  for (const line of dockerfile.split('\n').filter((l) => l.startsWith('COPY ') && !l.includes('--from='))) {
    const sources = line.split(/\s+/).slice(1, -1)
    for (const s of sources) t.ok(existsSync(`${root}/${s}`), `COPY source ${s} exists`)
  }
})

t.test('compose: the apps build app.Dockerfile from the base given, the lab its own image; each names an existing scenario', async (t) => {
  t.same(Object.keys(services).sort(), ['app-all', 'app-loopback', 'client', 'lab'])
  const appfile = read('docker/app.Dockerfile')
  t.match(appfile, /^ARG BASE=node:\d+-bookworm-slim$/m, 'a build argument for the base image, the official one by default')
  t.match(appfile, /^FROM \$\{BASE\}$/m)
  t.notMatch(appfile, /^RUN /m, 'nothing to run at build time: it builds offline')
  for (const line of appfile.split('\n').filter((l) => l.startsWith('COPY '))) {
    for (const src of line.split(/\s+/).slice(1, -1)) t.ok(existsSync(`${root}/${src}`), `COPY source ${src} exists`)
  }
  for (const [name, v] of Object.entries(services)) {
    const s = asMap(v)
    const dockerfile = name === 'lab' ? 'docker/Dockerfile' : 'docker/app.Dockerfile'
    t.match(s.build, { context: '..', dockerfile }, `${name} builds ${dockerfile} from the repository root`)
    const labels = asMap(s.labels)
    t.equal(labels['localhost-lab'], 'run', `${name} carries the lab's label`)
    t.equal(labels['localhost-lab.owner'], '${LAB_OWNER:-compose}', 'and an owner the lab never sweeps unless it set it')
    const scenario = asMap(s.labels)['localhost-lab.scenario']
    t.ok(typeof scenario === 'string' && scenarioIds.includes(scenario), `${name} names scenario '${String(scenario)}', which exists`)
    const entrypoint = asList(s.entrypoint)
    if (entrypoint.length > 0) {
      t.equal(entrypoint[0], 'node')
      t.ok(existsSync(`${root}/${entrypoint[1]}`), `${name} runs ${entrypoint[1]}, which exists`)
      t.match(appfile, entrypoint[1]!, `the image contains ${entrypoint[1]}`)
    } else {
      await realCommand(t, asList(s.command))
    }
  }
})

t.test('compose: the two apps differ only in the address they bind; ports, healthchecks and the client agree', async (t) => {
  const apps = ['app-loopback', 'app-all'].map((name) => ({ name, s: asMap(services[name]) }))
  const env = apps.map(({ s }) => asMap(s.environment))
  t.same(env.map((e) => e.HOST), ['127.0.0.1', '0.0.0.0'], 'one bound to 127.0.0.1, one to 0.0.0.0')
  const published = new Set<string>()
  for (const [i, { name, s }] of apps.entries()) {
    const port = env[i]!.PORT as string
    const spec = /^127\.0\.0\.1:(\$\{[A-Z_]+:-\d+\}):(\d+)$/.exec(asList(s.ports)[0]!)
    t.ok(spec, `${name} publishes on the host's 127.0.0.1 only: ${asList(s.ports)[0]}`)
    const [, hostPort, containerPort] = spec ?? []
    t.equal(containerPort, port, `${name} publishes the port it listens on (${port})`)
    t.notOk(published.has(hostPort!), `${name}'s host port ${hostPort} is its own`)
    published.add(hostPort!)
    const check = asList(asMap(s.healthcheck).test)
    t.same(check.slice(0, 4), ['CMD', 'node', 'docker/client.mjs', '--health'])
    t.equal(new URL(check[4]!).port, port, `${name}'s healthcheck calls its own port, from inside`)
    t.equal(new URL(check[4]!).hostname, '127.0.0.1', 'the healthcheck runs inside the container: 127.0.0.1 is the app there')
  }
  const client = asMap(services.client)
  const urls = asList(client.command).map((u) => new URL(u))
  t.same(urls.map((u) => u.hostname), ['localhost', 'app-loopback', 'app-all'], 'the client calls localhost, then each service by name')
  for (const u of urls) t.equal(u.port, env[0]!.PORT, `${u.hostname}: the port the apps listen on`)
  t.same(Object.keys(asMap(client.depends_on)).sort(), ['app-all', 'app-loopback'])
  t.same(asList(asMap(services.lab).cap_add).sort(), ['NET_ADMIN', 'SYS_ADMIN'], 'the lab service may create namespaces')
  const net = asMap(asMap(asMap(compose).networks).lab)
  t.match(asList(asMap(net.ipam).config)[0], /198\.18\.64\.0\/28/, 'the network is on 198.18.0.0/15, not the engine\'s default')
  t.equal(asMap(net.labels)['localhost-lab'], 'run')
})

t.test('docker/README.md shows every service and the commands', async (t) => {
  const readme = read('docker/README.md')
  for (const name of Object.keys(services)) t.match(readme, name, `mentions ${name}`)
  t.match(readme, 'docker build -f docker/Dockerfile -t localhost-lab .')
  t.match(readme, 'docker run --rm localhost-lab demo --all')
  t.match(readme, 'docker compose -f docker/compose.yaml up --build')
  t.match(readme, 'podman-compose -f docker/compose.yaml up -d app-loopback app-all')
  t.match(readme, 'docker/build-base.sh')
})

t.test('the compose scripts work: app.mjs serves, client.mjs reports (loopback, port 0)', async (t) => {
  const app = spawn(process.execPath, [`${root}/docker/app.mjs`], { env: { ...process.env, HOST: '127.0.0.1', PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] })
  t.teardown(() => { app.kill('SIGKILL') })
  const url = await new Promise<string>((resolve, reject) => {
    let out = ''
    app.stdout.on('data', (d) => {
      out += d
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m) resolve(m[1]!)
    })
    app.once('exit', (code) => reject(new Error(`app.mjs exited ${code}`)))
  })
  const ok = await runNode([`${root}/docker/client.mjs`, `${url}/`])
  t.equal(ok.code, 0)
  t.match(ok.stdout, new RegExp(`^${url}/ -> HTTP 200 `), 'the client prints the status')
  const health = await runNode([`${root}/docker/client.mjs`, '--health', `${url}/health`])
  t.equal(health.code, 0, 'healthy')
  t.equal(health.stdout, '', '--health is quiet')
  app.kill('SIGTERM')
  t.equal(await new Promise((resolve) => app.once('exit', (code) => resolve(code))), 0, 'app.mjs stops cleanly on SIGTERM (docker stop)')
  const gone = await runNode([`${root}/docker/client.mjs`, '--health', `${url}/health`])
  t.equal(gone.code, 1, 'unhealthy once the app is gone')
  const refused = await runNode([`${root}/docker/client.mjs`, `${url}/`])
  t.match(refused.stdout, / -> ECONNREFUSED /, 'the client names the code')
})

function runNode (args: string[]): Promise<{ code: number | null, stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    let stdout = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.on('close', (code) => resolve({ code, stdout }))
  })
}

/**
 * podman-compose 1.0 runs `podman` without global flags and does not pass the network's `ipam` on: a containers.conf
 * of the test's own gives it this machine's runtime flags, and a subnet pool of 198.18.64.0/18 from which podman takes
 * the first free /28 (under its lock, so parallel runs get different ones).
 */
function containersConf (): { dir: string, file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'llab-compose-'))
  const file = join(dir, 'containers.conf')
  writeFileSync(file, [
    '[containers]', 'default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]',
    '[engine]', 'runtime = "runc"', 'cgroup_manager = "cgroupfs"',
    '[network]', 'default_subnet_pools = [{"base" = "198.18.64.0/18", "size" = 28}]', '',
  ].join('\n'))
  return { dir, file }
}

const noCompose = skip || (await which('podman-compose') === undefined && (process.env.LAB_REQUIRE_ENGINE === 'podman' ? false : 'podman-compose is not installed'))

t.test('podman-compose: built offline from the lab base; the app on 127.0.0.1 refuses, the one on 0.0.0.0 answers; the client sees both; then nothing is left', { skip: noCompose }, async (t) => {
  const e = engine!
  const conf = containersConf()
  const [loopbackPort, allPort] = [await freePort(), await freePort()]
  const project = `llab-${process.pid}-compose`
  const env = {
    ...process.env, CONTAINERS_CONF: conf.file, LAB_BASE_IMAGE: base, LAB_OWNER: ownerMark(), LAB_TAG: `t${process.pid}`,
    LOOPBACK_PORT: String(loopbackPort), ALL_PORT: String(allPort),
  }
  const compose = (args: string[]): Promise<{ exitCode: number, stdout: string, stderr: string }> => new Promise((resolve) => {
    execFile('podman-compose', ['-p', project, '-f', `${root}/docker/compose.yaml`, ...args], { env, timeout: 120_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ exitCode: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })
    })
  })
  t.teardown(async () => {
    await compose(['down'])
    await removeOwned(e, await ownedBy(e, process.pid))
    rmSync(conf.dir, { recursive: true, force: true })
  })

  const t0 = performance.now()
  const up = await compose(['up', '-d', 'app-loopback', 'app-all'])
  t.equal(up.exitCode, 0, up.stderr.split('\n').filter((l) => !l.includes('systemd')).slice(-3).join(' | '))
  t.comment(`podman-compose up (build from the base + two containers): ${Math.round(performance.now() - t0)} ms`)
  const loopback = `${project}_app-loopback_1`
  const all = `${project}_app-all_1`
  for (const c of [loopback, all]) {
    let logs = ''
    for (let i = 0; i < 200 && !logs.includes('app listening'); i++) {
      logs = (await e.run(['logs', c], { allowFail: true })).stdout
      if (!logs.includes('app listening')) await new Promise((resolve) => setTimeout(resolve, 25))
    }
    t.match(logs, /app listening on http:\/\/(127\.0\.0\.1|0\.0\.0\.0):8000/, `${c} listens`)
    // No systemd here to run the healthcheck on its timer: run it once, as the timer would.
    t.equal((await e.run(['healthcheck', 'run', c], { allowFail: true })).exitCode, 0, `${c}: healthy (the check runs inside, where 127.0.0.1 is the app)`)
  }
  const net = await e.run(['network', 'inspect', `${project}_lab`, '--format', '{{range .Subnets}}{{.Subnet}}{{end}} {{index .Labels "localhost-lab.owner"}}'])
  t.match(net.stdout.trim(), new RegExp(`^198\\.18\\.(6[4-9]|[7-9]\\d|1[01]\\d|12[0-7])\\.\\d+/28 ${ownerMark()}$`), 'the network: a /28 of 198.18.64.0/18, labelled as ours')

  const broken = await httpRequest(`http://127.0.0.1:${loopbackPort}/`)
  t.equal(broken.code, 'ECONNREFUSED', 'the app bound to 127.0.0.1 in its container: refused through its published port (DNAT)')
  t.equal((await curlSays(`http://127.0.0.1:${loopbackPort}/`))?.exitCode, 7, 'curl: (7)')
  const fixed = await httpRequest(`http://127.0.0.1:${allPort}/`)
  t.equal(fixed.status, 200, 'the app bound to 0.0.0.0 answers')
  t.match(JSON.parse(fixed.body!), { server: { address: '0.0.0.0', port: 8000 } })

  const client = await compose(['run', '--rm', '--no-deps', 'client'])
  const lines = client.stdout.split('\n').filter((l) => l.includes(' -> '))
  t.match(lines[0], /^http:\/\/localhost:8000\/ -> ECONNREFUSED /, 'in the client container, localhost is the client itself')
  t.match(lines[1], /^http:\/\/app-loopback:8000\/ -> ECONNREFUSED \(connect ECONNREFUSED 198\.18\./, 'app-loopback\'s address refuses: its app is on its own 127.0.0.1')
  t.match(lines[2], /^http:\/\/app-all:8000\/ -> HTTP 200 /, 'app-all answers')

  const down = await compose(['down'])
  t.equal(down.exitCode, 0)
  const left = await ownedBy(e, process.pid)
  t.same(left.filter((o) => o.kind === 'container'), [], 'down removed the containers')
  // podman-compose 1.0's down keeps the network and the image: the lab removes them by its owner label.
  await removeOwned(e, left)
  t.same(await ownedBy(e, process.pid), [], 'nothing of the run is left: containers, network, image')
  t.equal((await e.run(['image', 'exists', base], { allowFail: true })).exitCode, 0, 'the base image is kept')
})

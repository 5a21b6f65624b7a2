/**
 * docker/ cannot be run here (no Docker engine), so this checks that it is consistent with the lab: the image runs a
 * real CLI command, the compose services name scenarios and ports that exist, and the two scripts they run work.
 */
import t, { type Test } from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { scenarioIds } from '../demos/index.js'
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
  for (const flag of rest.filter((a) => a.startsWith('--'))) t.match(help.stdout, new RegExp(`^\\s+${flag}\\b`, 'm'), `${name} has ${flag}`)
  for (const id of rest.filter((a) => !a.startsWith('-'))) t.ok(scenarioIds.includes(id), `'${id}' is a scenario`)
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

t.test('compose: every service builds this Dockerfile and names an existing scenario', async (t) => {
  t.same(Object.keys(services).sort(), ['app-all', 'app-loopback', 'client', 'lab'])
  for (const [name, v] of Object.entries(services)) {
    const s = asMap(v)
    t.same(s.build, { context: '..', dockerfile: 'docker/Dockerfile' }, `${name} builds docker/Dockerfile from the repository root`)
    const scenario = asMap(s.labels)['localhost-lab.scenario']
    t.ok(typeof scenario === 'string' && scenarioIds.includes(scenario), `${name} names scenario '${String(scenario)}', which exists`)
    const entrypoint = asList(s.entrypoint)
    if (entrypoint.length > 0) {
      t.equal(entrypoint[0], 'node')
      t.ok(existsSync(`${root}/${entrypoint[1]}`), `${name} runs ${entrypoint[1]}, which exists`)
      t.match(dockerfile, entrypoint[1]!, `the image contains ${entrypoint[1]}`)
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
    const [hostPort, containerPort] = asList(s.ports)[0]!.split(':')
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
})

t.test('docker/README.md shows every service and the commands', async (t) => {
  const readme = read('docker/README.md')
  for (const name of Object.keys(services)) t.match(readme, name, `mentions ${name}`)
  t.match(readme, 'docker build -f docker/Dockerfile -t localhost-lab .')
  t.match(readme, 'docker run --rm localhost-lab demo --all')
  t.match(readme, 'docker compose -f docker/compose.yaml up --build')
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

// Go (Debian golang-go): net/http client and server, net.Dial and net.Listen, from programs/lab.go built once
// into a temp dir.
import { execFileSync } from 'node:child_process'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { family, captureClient, captureServer, version, tempDir, SCENARIOS } from './lib.mjs'

const src = join(dirname(fileURLToPath(import.meta.url)), 'programs', 'lab.go')
await family(async () => {
  const dir = tempDir('cz-go-')
  const v = version('go', ['version'], s => s.split(' ')[2])
  execFileSync('go', ['build', '-o', join(dir, 'lab'), src], { env: { ...process.env, GOCACHE: join(dir, 'cache'), GOPATH: join(dir, 'gopath'), GO111MODULE: 'off', GOFLAGS: '' }, stdio: 'inherit' })
  const bin = join(dir, 'lab')
  await captureClient({ program: 'go-net-http', ecosystem: 'go', version: v, how: 'http.Client{Timeout: 3s}.Get(url); log.Fatal(err)',
    cmd: t => [bin, ['http-get', t.host, String(t.port), t.scheme]] })
  await captureClient({ program: 'go-net-dial', ecosystem: 'go', version: v, how: 'net.DialTimeout("tcp", addr, 3s), write, read; fmt.Println(err)',
    cmd: t => [bin, ['dial', t.host, String(t.port)]] }, SCENARIOS.filter(s => !['tls-to-plain', 'plain-to-tls', 'ssh-banner'].includes(s.name)))
  await captureServer({ program: 'go-net-listen', ecosystem: 'go', version: v, how: 'net.Listen("tcp", addr); fmt.Println(err)', cmd: t => [bin, ['listen', t.host, String(t.port)]] })
  await captureServer({ program: 'go-net-http-server', ecosystem: 'go', version: v, how: 'log.Fatal(http.ListenAndServe(addr, nil))', cmd: t => [bin, ['http-serve', t.host, String(t.port)]] })
})

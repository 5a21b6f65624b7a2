// Rust std only (rustc, no crates): programs/lab.rs built once into a temp dir.
import { execFileSync } from 'node:child_process'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { family, captureClient, captureServer, version, tempDir, SCENARIOS } from './lib.mjs'

const src = join(dirname(fileURLToPath(import.meta.url)), 'programs', 'lab.rs')
const TCP = SCENARIOS.filter(s => !['tls-to-plain', 'plain-to-tls', 'ssh-banner'].includes(s.name))
await family(async () => {
  const dir = tempDir('cz-rust-')
  const v = version('rustc', ['-V'], s => s.split(' ').slice(0, 2).join(' '))
  execFileSync('rustc', ['-O', '-o', join(dir, 'lab'), src], { stdio: 'inherit' })
  const bin = join(dir, 'lab')
  await captureClient({ program: 'rust-tcpstream', ecosystem: 'rust', version: v, how: 'TcpStream::connect_timeout(3s)?, write, read; main returns the error',
    cmd: t => [bin, ['connect', t.host, String(t.port)]] }, TCP)
  await captureClient({ program: 'rust-tcpstream-unwrap', ecosystem: 'rust', version: v, how: 'TcpStream::connect((host, port)).unwrap() (the panic)',
    cmd: t => [bin, ['connect-unwrap', t.host, String(t.port)], { env: { RUST_BACKTRACE: '0' } }] }, TCP.filter(s => s.name !== 'timeout'))
  await captureServer({ program: 'rust-tcplistener', ecosystem: 'rust', version: v, how: 'TcpListener::bind((host, port))?; main returns the error', cmd: t => [bin, ['bind', t.host, String(t.port)]] })
  await captureServer({ program: 'rust-tcplistener-unwrap', ecosystem: 'rust', version: v, how: 'TcpListener::bind((host, port)).unwrap() (the panic)', cmd: t => [bin, ['bind-unwrap', t.host, String(t.port)]] })
})

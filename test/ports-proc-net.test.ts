import t from 'tap'
import fc from 'fast-check'
import net from 'node:net'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { parseProcNetTcp, readListeningSync, readListeningText, TCP_STATES } from '../src/diagnose/ports/proc-net.js'
import { cpuTimes, processCpu } from '../src/process/proc.js'
import { isLinux } from './helpers.js'

const hex = (n: number, width: number): string => n.toString(16).toUpperCase().padStart(width, '0')

interface Row { sl: number, local: number[], lport: number, remote: number[], rport: number, st: number, tx: number, rx: number, tr: number, when: number, uid: number, timeout: number, inode: number }

/**
 * One row exactly as the kernel prints it: get_tcp4_sock in net/ipv4/tcp_ipv4.c and get_tcp6_sock in
 * net/ipv6/tcp_ipv6.c (torvalds/linux), `%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d %pK ...`.
 */
function kernelRow (r: Row): string {
  const addr = (words: number[]): string => words.map((w) => hex(w, 8)).join('')
  return `${String(r.sl).padStart(4)}: ${addr(r.local)}:${hex(r.lport, 4)} ${addr(r.remote)}:${hex(r.rport, 4)} ${hex(r.st, 2)} ` +
    `${hex(r.tx, 8)}:${hex(r.rx, 8)} ${hex(r.tr, 2)}:${hex(r.when, 8)} 00000000 ${String(r.uid).padStart(5)} ${String(r.timeout).padStart(8)} ${r.inode} 1 0000000000000000 100 0 0 10 0`
}

const u32 = fc.integer({ min: 0, max: 0xffffffff })
const row = (words: number): fc.Arbitrary<Row> => fc.record({
  sl: fc.integer({ min: 0, max: 200_000 }),
  local: fc.array(u32, { minLength: words, maxLength: words }),
  lport: fc.integer({ min: 0, max: 65535 }),
  remote: fc.array(u32, { minLength: words, maxLength: words }),
  rport: fc.integer({ min: 0, max: 65535 }),
  st: fc.integer({ min: 1, max: 12 }),
  tx: u32,
  rx: u32,
  tr: fc.constantFrom(0, 1, 2, 3, 4),
  when: fc.integer({ min: 0, max: 0x7fffffff }),
  uid: fc.integer({ min: 0, max: 4_000_000_000 }),
  timeout: fc.integer({ min: 0, max: 1_000_000 }),
  inode: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
})

t.test('parseProcNetTcp reads every field of rows printed in the kernel\'s format, both families', async (t) => {
  for (const [family, words] of [['IPv4', 1], ['IPv6', 4]] as const) {
    fc.assert(fc.property(fc.array(row(words), { maxLength: 20 }), fc.constantFrom(undefined, '0A', '06'), (rows, only) => {
      const text = ['  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode', ...rows.map(kernelRow)].join('\n')
      const got = parseProcNetTcp(text, family, only)
      const kept = rows.filter((r) => only === undefined || hex(r.st, 2) === only)
      if (got.length !== kept.length) return false
      return kept.every((r, i) => {
        const s = got[i]!
        return s.localPort === r.lport && s.remotePort === r.rport && s.uid === r.uid && s.inode === r.inode &&
          s.txQueue === r.tx && s.rxQueue === r.rx && s.state === TCP_STATES[hex(r.st, 2)] &&
          s.timerSeconds === (r.tr === 0 ? undefined : r.when / 100) && s.family === family
      })
    }), { numRuns: 300 })
  }
  t.pass('every generated row read back')
})

t.test('a row of another shape is skipped, not misread', async (t) => {
  const text = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1',
    '   1: 100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12346 1',
    '   2: 0100007F:1F90 00000000:0000 0A',
    '',
  ].join('\n')
  t.same(parseProcNetTcp(text, 'IPv4').map((s) => s.inode), [12345])
  t.same(parseProcNetTcp('', 'IPv4'), [])
})

t.test('the kernel\'s own table: our listener, found by its port, with our uid', { skip: !isLinux && 'Linux /proc only' }, async (t) => {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => { server.close() })
  const port = (server.address() as net.AddressInfo).port
  const rows = parseProcNetTcp(readFileSync('/proc/net/tcp', 'utf8'), 'IPv4', '0A').filter((s) => s.localPort === port)
  t.equal(rows.length, 1, 'one LISTEN row on our port')
  t.match(rows[0], { localAddress: '127.0.0.1', state: 'LISTEN', uid: process.getuid!() })
  t.ok(rows[0]!.inode > 0, 'with a socket inode')
})

t.test('readListeningSync stops after the listening section and misses no listener: 300 of ours, with connections after them', { skip: !isLinux && 'Linux /proc only' }, async (t) => {
  // 300 listeners are some 45 KB of rows, more than ten of the kernel's pages, and each has a live connection:
  // ESTABLISHED rows in both files, after the listeners.
  const servers: net.Server[] = []
  const sockets: net.Socket[] = []
  t.teardown(() => { for (const c of sockets) c.destroy(); for (const s of servers) s.close() })
  for (let i = 0; i < 300; i++) {
    const server = net.createServer((c) => { sockets.push(c) })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, i % 2 === 0 ? '127.0.0.1' : '::1', resolve))
    const { address, port } = server.address() as net.AddressInfo
    const client = net.connect(port, address)
    sockets.push(client)
    await new Promise<void>((resolve) => client.once('connect', resolve))
  }
  const ours = new Set(servers.map((s) => (s.address() as net.AddressInfo).port))
  const inodes = (rows: Array<{ localPort: number, inode: number }>): number[] => rows.filter((r) => ours.has(r.localPort)).map((r) => r.inode).sort((a, b) => a - b)
  const whole = [...parseProcNetTcp(readFileSync('/proc/net/tcp', 'utf8'), 'IPv4', '0A'), ...parseProcNetTcp(readFileSync('/proc/net/tcp6', 'utf8'), 'IPv6', '0A')]
  t.equal(inodes(whole).length, 300, 'the whole files: our 300 listeners')
  t.same(inodes(readListeningSync()), inodes(whole), 'the listening section alone: the same 300 sockets')
  const part = readListeningText('/proc/net/tcp', 'IPv4')
  const full = readFileSync('/proc/net/tcp', 'utf8')
  t.ok(part.length < full.length, `it stopped early: ${part.length} of ${full.length} characters`)
  t.ok(part.endsWith('\n'), 'whole rows only')
  const established = parseProcNetTcp(full, 'IPv4').filter((r) => r.state === 'ESTABLISHED' && ours.has(r.remotePort))
  t.ok(established.length >= 150, `our ${established.length} connections are in the whole file`)
})

t.test('processCpu: the CPU a process used and its waited-for children used, as /proc/<pid>/stat counts them (bench:ports\' CPU figures)', { skip: !isLinux && 'Linux /proc only' }, async (t) => {
  const before = processCpu('self')!
  // 300 ms of CPU in a child that spawnSync waits for, then 200 ms here: CPU time by getrusage's count, not wall
  // time, so that a busy machine (the other test files running beside this one) cannot shorten the burn.
  const burn = 'const s = process.cpuUsage(); for (;;) { const u = process.cpuUsage(s); if (u.user + u.system >= 300_000) break }'
  t.equal(spawnSync(process.execPath, ['-e', burn]).status, 0, 'the child burned its CPU and exited')
  const s = process.cpuUsage()
  for (;;) {
    const u = process.cpuUsage(s)
    if (u.user + u.system >= 200_000) break
  }
  const after = processCpu('self')!
  // /proc counts in 10 ms ticks: a margin of a few.
  t.ok(after.childrenMs - before.childrenMs >= 250, `the waited-for child's CPU counted: ${after.childrenMs - before.childrenMs} ms`)
  t.ok(after.ownMs - before.ownMs >= 150, `our own CPU counted: ${after.ownMs - before.ownMs} ms`)
  // After the comm: state, then fields 4 to 13, then utime 11, stime 12, cutime 13, cstime 14 clock ticks.
  t.same(cpuTimes('1234 (a) b) c) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15'), { ownMs: 230, childrenMs: 270 }, 'split after the last ")", fields 14–17 in 10 ms ticks')
  t.equal(cpuTimes('no parenthesis'), undefined)
})

const netnsUsable = isLinux && spawnSync('unshare', ['--net', 'true']).status === 0

t.test('sockstat\'s in-use counts, in a network namespace of our own: 0 in an empty table (not read then), a dual-stack listener counted as IPv6, and the listening part alone ends before the connections', { skip: netnsUsable ? false : 'needs Linux and unshare --net (root or user namespaces)' }, async (t) => {
  const procNet = new URL('../dist/src/diagnose/ports/proc-net.js', import.meta.url).href
  // `::` exists only inside this throwaway namespace, never in the machine's own.
  const script = `
    import net from 'node:net'
    import { readFileSync } from 'node:fs'
    import { tcpInUse, readListeningSync, readListeningText, parseProcNetTcp } from ${JSON.stringify(procNet)}
    const whole = () => [...parseProcNetTcp(readFileSync('/proc/net/tcp', 'utf8'), 'IPv4', '0A'), ...parseProcNetTcp(readFileSync('/proc/net/tcp6', 'utf8'), 'IPv6', '0A')]
    const state = () => ({ v4: tcpInUse('IPv4'), v6: tcpInUse('IPv6'), listening: readListeningSync(), whole: whole() })
    const listen = (o) => new Promise((resolve) => { const s = net.createServer().listen(o, () => resolve(s)) })
    const out = { empty: state() }
    const dual = await listen({ port: 0, host: '::' })
    out.dual = state()
    const v4 = await listen({ port: 0, host: '127.0.0.1' })
    const c = net.connect(v4.address().port, '127.0.0.1')
    await new Promise((resolve) => c.once('connect', resolve))
    out.connected = { ...state(), text: readListeningText('/proc/net/tcp', 'IPv4'), file: readFileSync('/proc/net/tcp', 'utf8') }
    out.ports = [dual.address().port, v4.address().port]
    process.stdout.write(JSON.stringify(out))
    c.destroy(); dual.close(); v4.close()`
  const r = spawnSync('unshare', ['--net', 'sh', '-c', `ip link set lo up 2>/dev/null; exec "${process.execPath}" --input-type=module -e "$0"`, script], { encoding: 'utf8' })
  t.equal(r.status, 0, r.stderr)
  const out = JSON.parse(r.stdout)
  t.match(out.empty, { v4: 0, v6: 0, listening: [], whole: [] }, 'a new namespace: no socket counted, none listed')
  t.match(out.dual, { v4: 0, v6: 1 }, 'a `::` listener (which takes IPv4 too) is counted in TCP6, not TCP')
  t.same(out.dual.listening, out.dual.whole, 'and found as the whole file finds it')
  t.same(out.dual.listening.map((s: { localPort: number, family: string }) => [s.localPort, s.family]), [[out.ports[0], 'IPv6']])
  // Our listener and both ends of our connection: three sockets in the IPv4 hash tables.
  t.match(out.connected, { v4: 3, v6: 1 }, 'a listener and both ends of a connection: 3 in TCP')
  t.same(out.connected.listening, out.connected.whole, 'both listeners, as in the whole files')
  t.ok(out.connected.text.length < out.connected.file.length && out.connected.file.startsWith(out.connected.text), `the listening part is where the file starts, and stops before the connection's rows (${out.connected.text.length} of ${out.connected.file.length} characters)`)
  // The first read (512 bytes) holds the header, the listener and the first connection's row, which ends the section.
  t.same(parseProcNetTcp(out.connected.text, 'IPv4').map((s) => s.state), ['LISTEN', 'ESTABLISHED'], 'whole rows: the listener and the one row that ended its section, not the second')
})

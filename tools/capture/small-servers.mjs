// Servers users start on their own machine, from Debian, failing to bind in their own words: lighttpd, memcached,
// the mosquitto MQTT broker and rsync's daemon mode. Each gets a config file in its temp dir (owned by nobody for
// the privileged-port scenario, so that nobody can read it).
import { writeFileSync, chownSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { family, captureServer, version } from './lib.mjs'

// lighttpd reads a bare `::1` in server.bind as a host name (getaddrinfo then fails): IPv6 goes in brackets.
const b = h => (h.includes(':') ? `[${h}]` : h)
const forNobody = t => { if (t.nobody) chownSync(t.dir, 65534, 65534) }
const conf = (t, name, text) => { const f = join(t.dir, name); writeFileSync(f, text); if (t.nobody) chownSync(f, 65534, 65534); return f }

await family(async () => {
  await captureServer({ program: 'lighttpd', ecosystem: 'lighttpd', version: version('lighttpd', ['-v'], s => s.split('\n')[0].replace(/ - a light.*/, '')),
    how: 'lighttpd -D -f CONF (server.bind = HOST, server.port = PORT)',
    cmd: t => { forNobody(t); return ['lighttpd', ['-D', '-f', conf(t, 'lighttpd.conf', `server.document-root = "${t.dir}"\nserver.bind = "${b(t.host)}"\nserver.port = ${t.port}\n`)]] } })
  await captureServer({ program: 'memcached', ecosystem: 'memcached', version: version('memcached', ['-V']),
    how: 'memcached -l HOST -p PORT -U 0 (-u nobody when started as root)',
    cmd: t => ['memcached', ['-l', t.host, '-p', String(t.port), '-U', '0', ...(t.nobody ? [] : ['-u', 'nobody'])]] })
  await captureServer({ program: 'mosquitto', ecosystem: 'mqtt', version: version('mosquitto', ['-h'], s => s.split('\n')[0]),
    how: 'mosquitto -c CONF (listener PORT HOST)',
    cmd: t => { forNobody(t); return ['mosquitto', ['-c', conf(t, 'mosquitto.conf', `listener ${t.port} ${t.host}\nallow_anonymous true\nlog_dest stderr\npersistence false\n`)]] } })
  // rsyncd logs to syslog unless given a file, and /dev/stderr cannot be opened on the capture's socket pipe: the
  // log file is read back and appended to what the daemon printed.
  await captureServer({ program: 'rsync-daemon', ecosystem: 'rsync', version: version('rsync', ['--version'], s => s.split('\n')[0].replace(/ +protocol.*/, '')),
    how: 'rsync --daemon --no-detach --address=HOST --port=PORT --config=CONF --log-file=FILE (the output, then the log file)',
    pick: (s, t) => { const f = join(t.dir, 'rsyncd.log'); return s + (existsSync(f) ? '\n' + readFileSync(f, 'utf8') : '') },
    cmd: t => {
      forNobody(t)
      const c = conf(t, 'rsyncd.conf', `use chroot = no\npid file = ${t.dir}/rsyncd.pid\n[data]\n  path = ${t.dir}\n  read only = yes\n`)
      return ['rsync', ['--daemon', '--no-detach', `--address=${t.host}`, `--port=${t.port}`, `--config=${c}`, `--log-file=${join(t.dir, 'rsyncd.log')}`]]
    } })
})

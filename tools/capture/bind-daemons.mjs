// Round 9: servers and daemons from Debian failing to bind in their own words, and the Python web frameworks' own
// development servers (Django's runserver, flask run, gunicorn, uvicorn, Tornado), each put through the server
// scenarios (port taken, port 80 as nobody, an address on no interface); the proxies among them (squid, privoxy,
// varnish) also with a refused, hung, resetting or silent upstream. Config files go in the scenario's temp dir,
// owned by nobody for the privileged-port scenario so that nobody can read them.
import { writeFileSync, chownSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { family, captureServer, captureProxy, debianPackage, version, NOBODY } from './lib.mjs'

const b = h => (h.includes(':') ? `[${h}]` : h)
const v6 = h => h.includes(':')
const conf = (t, name, text) => {
  const f = join(t.dir, name)
  writeFileSync(f, text)
  if (t.nobody) { chownSync(t.dir, 65534, 65534); chownSync(f, 65534, 65534) }
  return f
}
/**
 * For daemons that ship no message catalogue (no .mo of theirs under /usr/share/locale) and stamp each log line with
 * what changes at every start (a thread id, a pid in a form dedupeKey keeps, a fresh server ID): the C/de_DE trial
 * would take that for a translation and capture 17 copies of one English text.
 */
const ENGLISH = ['C']
const sub = (t, name) => { const d = join(t.dir, name); mkdirSync(d, { recursive: true }); if (t.nobody) chownSync(d, 65534, 65534); return d }
/**
 * squid's shared-memory segments (/dev/shm/squid-*.shm, owned by the proxy user) outlive a squid that was killed,
 * and the next squid then dies on shm_open's EEXIST before it binds anything: each start gets none left over.
 */
function noSquidSegments () {
  for (const f of readdirSync('/dev/shm').filter(f => f.startsWith('squid-'))) rmSync(join('/dev/shm', f), { force: true })
}
const PY_WSGI = 'def app(environ, start_response):\n    start_response("200 OK", [])\n    return [b"ok"]\n'
const PY_ASGI = 'async def app(scope, receive, send):\n    pass\n'
const DJANGO_SETTINGS = 'SECRET_KEY = "lab"\nDEBUG = True\nALLOWED_HOSTS = ["*"]\nROOT_URLCONF = "settings"\nurlpatterns = []\nINSTALLED_APPS = []\nDATABASES = {}\n'

await family(async () => {
  // squid drops to its cache_effective_user (proxy) after reading its config; as nobody it stays nobody.
  const squidConf = (t, port, host = t.host) => conf(t, 'squid.conf', `http_port ${b(host)}:${port}\nvisible_hostname lab\npid_filename none\ncache_log stdio:/dev/stderr\naccess_log none\ncache deny all\ncoredump_dir none\nhttp_access allow all\n`)
  const squidV = debianPackage('squid')
  // visible_hostname: without it squid, finding no name for the namespace's host, restarts in a loop of warnings.
  // squid translates only its error pages (by Accept-Language). A failed http_port is logged and squid keeps
  // running without it, so what it printed before it was killed is kept.
  await captureServer({ program: 'squid', ecosystem: 'squid', version: squidV, how: 'squid -N -d1 -f CONF (http_port HOST:PORT)', timeout: 8000,
    locales: ENGLISH, keepStarted: true,
    cmd: t => { noSquidSegments(); return ['squid', ['-N', '-d1', '-f', squidConf(t, t.port)]] } })
  await captureProxy({ program: 'squid', pageProgram: 'squid-response', ecosystem: 'squid', version: squidV,
    how: 'squid -N -d1 -f CONF (http_port 127.0.0.1:PORT); curl -x http://127.0.0.1:PORT http://UPSTREAM/',
    startArgs: (dir, port) => { noSquidSegments(); return ['squid', ['-N', '-d1', '-f', squidConf({ dir }, port, '127.0.0.1')]] },
    // At -d1 squid logs nothing about a failed upstream (only its start-up): the page curl got is the text.
    log: () => '',
    curlArgs: (port, u) => ['-m', '8', '-x', `http://127.0.0.1:${port}`, `http://${b(u.host)}:${u.port}/`], curlTimeout: 12000 })

  noSquidSegments()

  // confdir is Debian's, for the templates of privoxy's error pages; no actions or filter files are named. debug 2
  // (LOG_LEVEL_CONNECT) is where privoxy logs a failed connect to the server.
  const privoxyConf = (t, port, host = t.host) => conf(t, 'config', `listen-address ${b(host)}:${port}\nconfdir /etc/privoxy\ndebug 1\ndebug 2\ndebug 4096\ndebug 8192\n`)
  const privoxyV = debianPackage('privoxy')
  // privoxy binds 192.0.2.1 without complaint (and then serves nothing), so it has no not-here text.
  await captureServer({ program: 'privoxy', ecosystem: 'privoxy', version: privoxyV, how: 'privoxy --no-daemon CONF (listen-address HOST:PORT)',
    locales: ENGLISH, skip: ['not-here'],
    cmd: t => ['privoxy', ['--no-daemon', privoxyConf(t, t.port)]] })
  await captureProxy({ program: 'privoxy', pageProgram: 'privoxy-response', ecosystem: 'privoxy', version: privoxyV,
    how: 'privoxy --no-daemon CONF (listen-address 127.0.0.1:PORT); curl -x http://127.0.0.1:PORT http://UPSTREAM/',
    startArgs: (dir, port) => ['privoxy', ['--no-daemon', privoxyConf({ dir }, port, '127.0.0.1')]],
    // Its log is kept only where it recorded the failure: on a silent upstream curl gives up while privoxy still waits.
    log: s => (/Fatal error: |Error: |Could not connect/.test(s) ? s : ''),
    curlArgs: (port, u) => ['-m', '8', '-x', `http://127.0.0.1:${port}`, `http://${b(u.host)}:${u.port}/`], curlTimeout: 12000 })

  await captureServer({ program: 'varnishd', ecosystem: 'varnish', version: debianPackage('varnish'), timeout: 10000,
    how: 'varnishd -F -j none -n DIR -a HOST:PORT -b 127.0.0.1:9 (a backend never contacted)',
    cmd: t => ['varnishd', ['-F', '-j', 'none', '-n', sub(t, 'varnish'), '-a', `${b(t.host)}:${t.port}`, '-b', '127.0.0.1:9']] })

  await captureServer({ program: 'unbound', ecosystem: 'unbound', version: debianPackage('unbound'), locales: ENGLISH,
    how: 'unbound -d -c CONF (interface: HOST, port: PORT, no chroot, no user, no pidfile)',
    cmd: t => ['unbound', ['-d', '-c', conf(t, 'unbound.conf', `server:\n  interface: ${t.host}\n  port: ${t.port}\n  do-daemonize: no\n  username: ""\n  chroot: ""\n  pidfile: ""\n  use-syslog: no\n  logfile: ""\n  directory: "${t.dir}"\n  do-ip6: ${v6(t.host) ? 'yes' : 'no'}\n`)]] })

  await captureServer({ program: 'beanstalkd', ecosystem: 'beanstalkd', version: debianPackage('beanstalkd'), how: 'beanstalkd -l HOST -p PORT',
    cmd: t => ['beanstalkd', ['-l', t.host, '-p', String(t.port)]] })

  await captureServer({ program: 'ngircd', ecosystem: 'irc', version: debianPackage('ngircd'), locales: ENGLISH, how: 'ngircd -n -f CONF ([Global] Listen = HOST, Ports = PORT)',
    // As root ngircd switches to nobody before it binds; the temp dir is nobody's so its PID file can be written.
    cmd: t => ['ngircd', ['-n', '-f', conf({ ...t, nobody: true }, 'ngircd.conf', `[Global]\nName = irc.lab.example\nInfo = lab\nListen = ${t.host}\nPorts = ${t.port}\nPidFile = ${t.dir}/ngircd.pid\nMotdPhrase = lab\n[Options]\nChrootDir =\n`)]] })

  await captureServer({ program: 'nats-server', ecosystem: 'nats', version: debianPackage('nats-server'), how: 'nats-server -a HOST -p PORT', locales: ENGLISH,
    cmd: t => ['nats-server', ['-a', t.host, '-p', String(t.port)]] })

  await captureServer({ program: 'prometheus-node-exporter', ecosystem: 'prometheus', version: debianPackage('prometheus-node-exporter'),
    how: 'prometheus-node-exporter --log.level=error --web.listen-address=HOST:PORT (its info lines list every collector)',
    cmd: t => ['prometheus-node-exporter', ['--log.level=error', `--web.listen-address=${b(t.host)}:${t.port}`]] })

  // icecast refuses to run as root without <changeowner>, so it always runs as nobody here.
  await captureServer({ program: 'icecast2', ecosystem: 'icecast', version: debianPackage('icecast2'),
    how: 'icecast2 -c CONF as nobody (<listen-socket><port>PORT</port><bind-address>HOST</bind-address>)',
    cmd: t => {
      chownSync(t.dir, 65534, 65534)
      const f = conf(t, 'icecast.xml', `<icecast><location>lab</location><admin>lab@example.com</admin><limits><clients>5</clients><sources>1</sources></limits>
<authentication><source-password>lab</source-password><admin-user>admin</admin-user><admin-password>lab</admin-password></authentication>
<listen-socket><port>${t.port}</port><bind-address>${t.host}</bind-address></listen-socket>
<paths><basedir>/usr/share/icecast2</basedir><logdir>${t.dir}</logdir><webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
<logging><errorlog>-</errorlog><loglevel>3</loglevel></logging></icecast>\n`)
      chownSync(f, 65534, 65534)
      return t.nobody ? ['icecast2', ['-c', f]] : [NOBODY[0], [...NOBODY.slice(1), 'icecast2', '-c', f]]
    } })

  // As root znc waits 30 s before it starts ("You are running ZNC as root!"), so it always runs as nobody here.
  await captureServer({ program: 'znc', ecosystem: 'irc', version: debianPackage('znc'), how: 'znc -f -r -d DIR as nobody (<Listener> Host = HOST, Port = PORT)',
    cmd: t => {
      const n = { ...t, nobody: true }
      chownSync(t.dir, 65534, 65534)
      const d = sub(n, 'znc'); const c = sub(n, 'znc/configs')
      conf({ ...n, dir: c }, 'znc.conf', `Version = 1.8.2\n<Listener l>\n  Host = ${t.host}\n  Port = ${t.port}\n  IPv4 = ${v6(t.host) ? 'false' : 'true'}\n  IPv6 = ${v6(t.host) ? 'true' : 'false'}\n  SSL = false\n</Listener>\n<User lab>\n  Pass = plain#lab\n  Admin = true\n</User>\n`)
      return t.nobody ? ['znc', ['-f', '-r', '-d', d]] : [NOBODY[0], [...NOBODY.slice(1), 'znc', '-f', '-r', '-d', d]]
    } })

  // As nobody, dovecot stops at fchown() of its login directory before it binds: no privileged text.
  await captureServer({ program: 'dovecot', ecosystem: 'dovecot', version: debianPackage('dovecot-core'), timeout: 8000, skip: ['privileged'],
    how: 'dovecot -F -c CONF (protocols = imap, listen = HOST, inet_listener imap port = PORT, log_path = /dev/stderr)',
    cmd: t => ['dovecot', ['-F', '-c', conf(t, 'dovecot.conf', `protocols = imap\nlisten = ${t.host}\nbase_dir = ${sub(t, 'run')}\nstate_dir = ${sub(t, 'state')}\nlog_path = /dev/stderr\nssl = no\nmail_location = maildir:${t.dir}/mail\nservice imap-login {\n  inet_listener imap {\n    port = ${t.port}\n  }\n  inet_listener imaps {\n    port = 0\n  }\n}\nservice anvil {\n  chroot =\n}\nservice imap-login {\n  chroot =\n}\n`)]] })

  const pyV = version('/usr/bin/python3', ['-V'])
  await captureServer({ program: 'django-runserver', ecosystem: 'python', version: `${debianPackage('python3-django')}, ${pyV}`,
    how: 'python3 -m django runserver HOST:PORT --noreload (-6 for ::1; a one-file settings module)',
    cmd: t => {
      conf(t, 'settings.py', DJANGO_SETTINGS)
      return ['/usr/bin/python3', ['-m', 'django', 'runserver', ...(v6(t.host) ? ['-6'] : []), `${b(t.host)}:${t.port}`, '--noreload'],
        { env: { DJANGO_SETTINGS_MODULE: 'settings', PYTHONPATH: t.dir }, cwd: t.dir }]
    } })

  await captureServer({ program: 'flask-run', ecosystem: 'python', version: `${debianPackage('python3-flask')}, ${pyV}`,
    how: 'flask --app app run --host HOST --port PORT (a one-route app)',
    cmd: t => {
      conf(t, 'app.py', 'from flask import Flask\napp = Flask(__name__)\n')
      return ['flask', ['--app', 'app', 'run', '--host', t.host, '--port', String(t.port)], { cwd: t.dir }]
    } })

  // gunicorn retries a taken address five times, a second apart, before it gives up.
  await captureServer({ program: 'gunicorn', ecosystem: 'python', version: debianPackage('gunicorn'), timeout: 12000,
    how: 'gunicorn -b HOST:PORT app:app (a WSGI one-liner)',
    cmd: t => { conf(t, 'app.py', PY_WSGI); return ['gunicorn', ['-b', `${b(t.host)}:${t.port}`, 'app:app'], { cwd: t.dir }] } })

  await captureServer({ program: 'uvicorn', ecosystem: 'python', version: debianPackage('uvicorn'),
    how: 'uvicorn app:app --host HOST --port PORT (an ASGI one-liner)',
    cmd: t => { conf(t, 'app.py', PY_ASGI); return ['uvicorn', ['app:app', '--host', t.host, '--port', String(t.port)], { cwd: t.dir }] } })

  await captureServer({ program: 'python3-tornado', ecosystem: 'python', version: debianPackage('python3-tornado'),
    how: 'tornado.web.Application([]).listen(PORT, address=HOST); IOLoop.current().start()',
    cmd: t => ['/usr/bin/python3', ['-c', `import tornado.web, tornado.ioloop\ntornado.web.Application([]).listen(${t.port}, address=${JSON.stringify(t.host)})\ntornado.ioloop.IOLoop.current().start()`]] })
})

// nginx, Apache httpd and HAProxy from Debian: a failed bind in each one's own words, and each as a reverse
// proxy whose upstream refuses, times out, resets, hangs up or has a name that does not resolve (the proxy's
// error log line and the page the client gets).
import { writeFileSync, chmodSync, chownSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { family, captureServer, captureProxy, version, run, record, closedPort, nxdomainResolver,
  tempDir, cleanupMark, cleanupTo } from './lib.mjs'

const b = h => (h.includes(':') ? `[${h}]` : h)
function openDir (dir) { chmodSync(dir, 0o777) }

function nginxConf (dir, listen, extra = '') {
  const conf = join(dir, 'nginx.conf')
  writeFileSync(conf, `daemon off;\nmaster_process off;\npid ${dir}/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n  access_log off;\n` +
    ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(p => `  ${p}_temp_path ${dir}/${p};\n`).join('') +
    `  server {\n    listen ${listen};\n${extra}  }\n}\n`)
  openDir(dir); chmodSync(conf, 0o644)
  return conf
}

const APACHE_MODS = ['mpm_event', 'authz_core', 'dir']
function apacheConf (dir, listen, extra = '', mods = [], errorLog = '/dev/stderr') {
  const conf = join(dir, 'httpd.conf')
  writeFileSync(conf, [...APACHE_MODS, ...mods].map(m => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join('\n') +
    `\nServerRoot ${dir}\nServerName localhost\nListen ${listen}\nPidFile ${dir}/httpd.pid\nErrorLog ${errorLog}\nDefaultRuntimeDir ${dir}\nMutex file:${dir}\n` +
    `User nobody\nGroup nogroup\nDocumentRoot ${dir}\nLogLevel warn\n${extra}\n`)
  openDir(dir); chmodSync(conf, 0o644)
  return conf
}

function haproxyConf (dir, bind, server = null) {
  const conf = join(dir, 'haproxy.cfg')
  writeFileSync(conf, `global\n  log stderr format short local0\ndefaults\n  mode http\n  log global\n  option httplog\n  retries 0\n  timeout connect 2s\n  timeout client 5s\n  timeout server 5s\n` +
    `frontend fe\n  bind ${bind}\n  default_backend be\nbackend be\n${server ? `  server app ${server}\n` : ''}`)
  openDir(dir); chmodSync(conf, 0o644)
  return conf
}

// Apache cannot open /dev/stderr when it is a socket (Node's pipes), so its proxy writes the log to a file; of the
// log, the lines about the upstream are kept, and of the page, what is not the same on every run.
const proxyDef = def => ({
  ...def,
  curlArgs: port => ['-i', '--max-time', '12', `http://127.0.0.1:${port}/api/users`],
  log: (out, dir) => {
    const file = join(dir, 'error.log')
    const log = out + (existsSync(file) ? readFileSync(file, 'utf8') : '')
    return log.split('\n').filter(l => (/upstream|proxy|backend|AH0|DOWN|connect|reset|closed|timed out|refused|no server|Layer4/i.test(l) || /\s50[234]\s/.test(l)) && !/Proxy .* started|Proxy fe|Proxy be|New worker|Loading success/.test(l)).join('\n')
  },
  page: out => out.split('\n').filter(l => !/^(Date|Server|ETag|Last-Modified|Content-Length|Connection|Accept-Ranges):/i.test(l)).join('\n'),
})

await family(async () => {
  const nginxV = version('nginx', ['-v'])
  await captureServer({ program: 'nginx', ecosystem: 'nginx', version: nginxV, how: 'nginx -g "daemon off;" with listen HOST:PORT',
    cmd: t => { if (t.nobody) chownSync(t.dir, 65534, 65534); return ['nginx', ['-p', t.dir, '-c', nginxConf(t.dir, `${b(t.host)}:${t.port}`), '-e', 'stderr']] } })
  await captureProxy(proxyDef({ program: 'nginx', ecosystem: 'nginx', version: nginxV, how: 'nginx proxy_pass http://UPSTREAM',
    startArgs: (dir, port, u) => ['nginx', ['-p', dir, '-c', nginxConf(dir, `127.0.0.1:${port}`, `    location / { proxy_pass http://${b(u.host)}:${u.port}; proxy_connect_timeout 2s; }\n`), '-e', 'stderr']] }))
  // a proxy_pass host that does not resolve: nginx refuses to start
  {
    const mark = cleanupMark()
    await nxdomainResolver()
    const dir = tempDir('cz-proxy-')
    const port = await closedPort('127.0.0.1')
    const r = await run('nginx', ['-p', dir, '-c', nginxConf(dir, `127.0.0.1:${port}`, '    location / { proxy_pass http://api.nosuchhost.invalid:8080; }\n'), '-e', 'stderr'])
    record({ program: 'nginx', ecosystem: 'nginx', version: nginxV, scenario: 'upstream-dns', kind: 'dns', accept: ['proxy'], address: 'api.nosuchhost.invalid', port: 8080,
      text: r.out, what: 'nginx proxy_pass http://api.nosuchhost.invalid:8080 (resolver answers NXDOMAIN); nginx refuses to start' })
    await cleanupTo(mark)
  }

  const apacheV = version('apache2', ['-v'], s => s.split('\n')[0].replace('Server version: ', ''))
  await captureServer({ program: 'apache2', ecosystem: 'apache', version: apacheV, how: 'apache2 -DFOREGROUND with Listen HOST:PORT',
    cmd: t => { if (t.nobody) chownSync(t.dir, 65534, 65534); return ['apache2', ['-DFOREGROUND', '-f', apacheConf(t.dir, `${b(t.host)}:${t.port}`)]] } })
  await captureProxy(proxyDef({ program: 'apache2', ecosystem: 'apache', version: apacheV, how: 'apache2 mod_proxy_http ProxyPass / http://UPSTREAM/',
    startArgs: (dir, port, u) => ['apache2', ['-DFOREGROUND', '-f', apacheConf(dir, `127.0.0.1:${port}`,
      `ProxyPass / http://${b(u.host)}:${u.port}/ connectiontimeout=2 timeout=5\n`, ['proxy', 'proxy_http'], join(dir, 'error.log'))]] }))

  const haV = version('haproxy', ['-v'], s => s.split('\n')[0].replace(/ - https.*/, ''))
  await captureServer({ program: 'haproxy', ecosystem: 'haproxy', version: haV, how: 'haproxy -db -f CFG with bind HOST:PORT',
    cmd: t => { if (t.nobody) chownSync(t.dir, 65534, 65534); return ['haproxy', ['-db', '-f', haproxyConf(t.dir, `${b(t.host)}:${t.port}`, null)]] } })
  await captureProxy(proxyDef({ program: 'haproxy', ecosystem: 'haproxy', version: haV, how: 'haproxy backend server app UPSTREAM',
    startArgs: (dir, port, u) => ['haproxy', ['-db', '-f', haproxyConf(dir, `127.0.0.1:${port}`, `${b(u.host)}:${u.port}`)]] }))
})

// Python 3 (Debian's /usr/bin/python3): urllib, http.client, socket, asyncio, and Debian's python3-requests,
// python3-httpx, python3-aiohttp, python3-websockets; servers: http.server, socket, asyncio. Each snippet lets
// the exception escape, so the text is Python's own traceback. Python sets only LC_CTYPE at start-up, so OSError
// texts are English unless the program calls locale.setlocale(LC_ALL, ''): the *-setlocale programs do, and
// then glibc's strerror is translated.
import { family, captureClient, captureServer, version, SCENARIOS, WS_SCENARIOS } from './lib.mjs'

const PY = '/usr/bin/python3'
const pyV = version(PY, ['-V'])
const modV = m => version(PY, ['-c', `import ${m}; print(${m}.__version__)`])
const SETLOCALE = 'import locale; locale.setlocale(locale.LC_ALL, "")\n'

const clients = [
  { program: 'python3-urllib', how: 'urllib.request.urlopen(url, timeout=3)', v: pyV,
    code: t => `import urllib.request, ssl\nctx = ssl.create_default_context()\nurllib.request.urlopen(${JSON.stringify(t.url)}, timeout=3)` },
  { program: 'python3-urllib-setlocale', how: "locale.setlocale(LC_ALL, ''), then urllib.request.urlopen(url, timeout=3)", v: pyV,
    code: t => `${SETLOCALE}import urllib.request\nurllib.request.urlopen(${JSON.stringify(t.url)}, timeout=3)` },
  { program: 'python3-http.client', how: 'http.client.HTTPConnection(host, port, timeout=3).request("GET", "/")', v: pyV,
    code: t => `import http.client, ssl\nC = http.client.HTTPSConnection if ${JSON.stringify(t.scheme)} == "https" else http.client.HTTPConnection\nkw = {"context": ssl._create_unverified_context()} if C is http.client.HTTPSConnection else {}\nc = C(${JSON.stringify(t.host)}, ${t.port}, timeout=3, **kw)\nc.request("GET", "/")\nprint(c.getresponse().status)` },
  { program: 'python3-socket', how: 'socket.create_connection((host, port), timeout=3), send, recv', v: pyV,
    code: t => socketCode(t) },
  { program: 'python3-socket-setlocale', how: "locale.setlocale(LC_ALL, ''), then socket.create_connection((host, port), timeout=3)", v: pyV,
    code: t => SETLOCALE + socketCode(t) },
  { program: 'python3-asyncio', how: 'asyncio.open_connection(host, port) under asyncio.wait_for(…, 3)', v: pyV,
    code: t => `import asyncio, ssl\nasync def main():\n    ctx = ssl._create_unverified_context() if ${JSON.stringify(t.scheme)} == "https" else None\n    r, w = await asyncio.wait_for(asyncio.open_connection(${JSON.stringify(t.host)}, ${t.port}, ssl=ctx), 3)\n    w.write(b"GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")\n    await w.drain()\n    line = await asyncio.wait_for(r.readuntil(b"\\r\\n"), 3)\n    if not line.startswith(b"HTTP/"): raise ValueError("not HTTP: %r" % line)\nasyncio.run(main())` },
  { program: 'python3-requests', how: 'requests.get(url, timeout=3)', v: 'requests ' + modV('requests'),
    code: t => `import requests\nrequests.get(${JSON.stringify(t.url)}, timeout=3)` },
  { program: 'python3-httpx', how: 'httpx.get(url, timeout=3)', v: 'httpx ' + modV('httpx'),
    code: t => `import httpx\nhttpx.get(${JSON.stringify(t.url)}, timeout=3, verify=False)` },
  { program: 'python3-aiohttp', how: 'aiohttp.ClientSession().get(url, timeout=3)', v: 'aiohttp ' + modV('aiohttp'),
    code: t => `import asyncio, aiohttp\nasync def main():\n    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=3)) as s:\n        async with s.get(${JSON.stringify(t.url)}, ssl=False) as r:\n            await r.text()\nasyncio.run(main())` },
  { program: 'python3-websockets', how: 'websockets.connect(ws://…) with open_timeout=3', v: 'websockets ' + modV('websockets'),
    code: t => `import asyncio, ssl, websockets\nasync def main():\n    url = ${JSON.stringify(t.url.replace(/^http/, 'ws'))}\n    kw = {"ssl": ssl._create_unverified_context()} if url.startswith("wss") else {}\n    async with websockets.connect(url, open_timeout=3, **kw) as ws:\n        await ws.recv()\nasyncio.run(main())` },
]

function socketCode (t) {
  return `import socket, ssl\ns = socket.create_connection((${JSON.stringify(t.host)}, ${t.port}), timeout=3)\nif ${JSON.stringify(t.scheme)} == "https":\n    s = ssl._create_unverified_context().wrap_socket(s)\ns.sendall(b"GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")\ndata = s.recv(1024)\nif not data: raise ConnectionError("server closed the connection without a reply")\nif not data.startswith(b"HTTP/"): raise ValueError("unexpected reply: %r" % data[:40])`
}

const servers = [
  { program: 'python3-http.server', how: 'python3 -m http.server --bind HOST PORT', cmd: t => [PY, ['-m', 'http.server', '--bind', t.host, String(t.port)], { cwd: t.dir }] },
  { program: 'python3-socket-server', how: 'socket.socket().bind((host, port)); listen()', cmd: t => [PY, ['-c', `import socket\ns = socket.socket(socket.AF_INET6 if ":" in ${JSON.stringify(t.host)} else socket.AF_INET)\ns.bind((${JSON.stringify(t.host)}, ${t.port}))\ns.listen()`]] },
  { program: 'python3-socket-server-setlocale', how: "locale.setlocale(LC_ALL, ''), then socket.bind((host, port))", cmd: t => [PY, ['-c', `${SETLOCALE}import socket\ns = socket.socket(socket.AF_INET6 if ":" in ${JSON.stringify(t.host)} else socket.AF_INET)\ns.bind((${JSON.stringify(t.host)}, ${t.port}))\ns.listen()`]] },
  { program: 'python3-asyncio-server', how: 'asyncio.start_server(handler, host, port)', cmd: t => [PY, ['-c', `import asyncio\nasync def main():\n    await asyncio.start_server(lambda r, w: None, ${JSON.stringify(t.host)}, ${t.port})\nasyncio.run(main())`]] },
  { program: 'python3-aiohttp-server', how: 'aiohttp.web.run_app(app, host=HOST, port=PORT)', cmd: t => [PY, ['-c', `from aiohttp import web\nweb.run_app(web.Application(), host=${JSON.stringify(t.host)}, port=${t.port})`]] },
]

await family(async () => {
  for (const c of clients) {
    await captureClient({ program: c.program, ecosystem: 'python', version: c.v.startsWith('Python') ? c.v : `${c.v} on ${pyV}`, how: c.how,
      cmd: t => [PY, ['-c', c.code(t)]] }, c.program === 'python3-websockets' ? [...SCENARIOS, ...WS_SCENARIOS] : SCENARIOS)
  }
  for (const s of servers) {
    await captureServer({ program: s.program, ecosystem: 'python', version: pyV, how: s.how, cmd: s.cmd })
  }
})

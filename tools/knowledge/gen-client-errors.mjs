// Client libraries' own error names, as users paste them without any errno: Node's ERR_* codes with their message
// templates (the installed Node's lib/internal/errors.js, read through --expose-internals), undici's error classes,
// codes and default messages and llhttp's HPE_* parse errors (the npm package in node_modules, at the lockfile's
// version), the exception classes of Python's http.client, urllib, urllib3, requests, httpx, httpcore, aiohttp and h11
// (Debian's packages, read with inspect), and Java's java.net, java.net.http and java.nio.channels exceptions (the
// JDK's src.zip), Netty's and OkHttp's exception classes (Debian's jars), .NET's HttpRequestError and
// System.Net.Http resource strings (dotnet/runtime at recorded commits). Every name is listed; the few that mean one of explain's kinds carry it, labelled by hand in
// sources/client-error-labels.json with the reason. build-lexicon-index.ts turns the labelled ones into rows.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { installedVersion, repoRoot, typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-client-errors.mjs'
const LABELS = JSON.parse(readFileSync(join(repoRoot, 'tools/knowledge/sources/client-error-labels.json'), 'utf8')).labels
const PYTHON = '/usr/bin/python3'
const SRC_ZIP = '/usr/lib/jvm/openjdk-17/lib/src.zip'

const sources = {}
const installed = (id, project, pkg, path) => {
  sources[id] = { id, project, package: pkg, version: installedVersion(pkg), path }
  return id
}
const entries = []

// ---- Node: every code of lib/internal/errors.js with its message, each placeholder written %s ------------------------
const NODE_SCRIPT = `
const { codes } = require('internal/errors')
const out = []
for (const code of Object.keys(codes).sort()) {
  let message = null
  // Each constructor checks how many arguments its message takes: try 0..6 placeholders until one builds.
  for (let n = 0; n <= 6 && message === null; n++) {
    try { const e = new codes[code](...Array(n).fill('%s')); if (typeof e.message === 'string') message = e.message } catch {}
  }
  out.push({ code, message })
}
process.stdout.write(JSON.stringify(out))`
const nodeSource = installed('nodejs-internal-errors', 'Node.js lib/internal/errors.js (compiled into the binary)', 'nodejs', '/usr/bin/node')
const node = spawnSync('/usr/bin/node', ['--expose-internals', '-e', NODE_SCRIPT], { encoding: 'utf8' })
if (node.status !== 0) throw new Error(`/usr/bin/node --expose-internals failed: ${node.stderr}`)
for (const { code, message } of JSON.parse(node.stdout)) {
  // A message built from a system error's fields or a number shows them as `undefined`/`NaN`: not a template.
  const template = message === null || /\bundefined\b|\bNaN\b/.test(message) ? undefined : message
  entries.push({ library: 'node', name: code, ...(template !== undefined ? { message: template } : {}), source: nodeSource })
}

// ---- undici: the classes lib/core/errors.js exports, each built with no argument (its default message and code) ----
const require = createRequire(join(repoRoot, 'package.json'))
const undiciDir = join(repoRoot, 'node_modules/undici')
const undiciVersion = JSON.parse(readFileSync(join(undiciDir, 'package.json'), 'utf8')).version
sources['undici-errors'] = { id: 'undici-errors', project: 'undici (npm)', version: undiciVersion, path: 'node_modules/undici/lib/core/errors.js' }
sources['undici-llhttp'] = { id: 'undici-llhttp', project: 'llhttp, as undici ships its constants (npm undici)', version: undiciVersion, path: 'node_modules/undici/lib/llhttp/constants.js' }
const { errors } = require('undici')
for (const [name, Class] of Object.entries(errors).sort(([a], [b]) => (a < b ? -1 : 1))) {
  // Some constructors destructure an options argument: an empty one leaves every default in place.
  const e = new Class(undefined, undefined, {})
  const parent = Object.getPrototypeOf(Class).name
  entries.push({ library: 'undici', name, ...(typeof e.code === 'string' ? { code: e.code } : {}), ...(e.message ? { message: e.message } : {}), parent, source: 'undici-errors' })
}
// llhttp's error enum: Node's and undici's parsers report each as HPE_<NAME> (undici's HTTPParserError code).
const { ERROR } = require(join(undiciDir, 'lib/llhttp/constants.js'))
for (const [name, number] of Object.entries(ERROR).sort(([, a], [, b]) => a - b)) {
  if (name !== 'OK') entries.push({ library: 'llhttp', name: `HPE_${name}`, number, source: 'undici-llhttp' })
}

// ---- Python: each library's exception classes, by inspect -----------------------------------------------------------
const PYTHON_MODULES = [
  ['http.client', 'libpython3.11-stdlib', '/usr/lib/python3.11/http/client.py'],
  ['urllib.error', 'libpython3.11-stdlib', '/usr/lib/python3.11/urllib/error.py'],
  ['urllib3.exceptions', 'python3-urllib3', '/usr/lib/python3/dist-packages/urllib3/exceptions.py'],
  ['requests.exceptions', 'python3-requests', '/usr/lib/python3/dist-packages/requests/exceptions.py'],
  ['httpx', 'python3-httpx', '/usr/lib/python3/dist-packages/httpx/_exceptions.py'],
  ['httpcore', 'python3-httpcore', '/usr/lib/python3/dist-packages/httpcore/_exceptions.py'],
  ['aiohttp.client_exceptions', 'python3-aiohttp', '/usr/lib/python3/dist-packages/aiohttp/client_exceptions.py'],
  ['aiohttp.http_exceptions', 'python3-aiohttp', '/usr/lib/python3/dist-packages/aiohttp/http_exceptions.py'],
  ['h11', 'python3-h11', '/usr/lib/python3/dist-packages/h11/_util.py'],
]
const pyLibrary = (module) => module === 'http.client' || module === 'urllib.error' ? module : module.split('.')[0]
for (const [module, pkg, path] of PYTHON_MODULES) installed(`python:${module}`, `Python ${module}`, pkg, path)
const py = spawnSync(PYTHON, ['-I', join(repoRoot, 'tools/knowledge/client-error-classes.py'), ...PYTHON_MODULES.map(([m]) => m)], { encoding: 'utf8' })
if (py.error) throw py.error
if (py.status !== 0) throw new Error(`${PYTHON} client-error-classes.py failed (apt-get install -y python3-requests python3-httpx python3-aiohttp): ${py.stderr.trim().split('\n').at(-1)}`)
for (const c of JSON.parse(py.stdout)) {
  entries.push({ library: pyLibrary(c.module), name: c.name, module: c.module, parent: c.bases.join(', '), ...(c.doc ? { doc: c.doc } : {}), source: `python:${c.module}` })
}

// ---- Java: the exception classes of java.net, java.net.http and java.nio.channels, from the JDK's sources -----------
installed('openjdk-17-source', 'OpenJDK 17 class library sources (src.zip)', 'openjdk-17-source', SRC_ZIP)
const JAVA_SCRIPT = `
import json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
out = []
for f in sorted(z.namelist()):
    m = re.match(r'(java\\.base/java/net|java\\.net\\.http/java/net/http|java\\.base/java/nio/channels)/([A-Za-z]+)\\.java$', f)
    if not m: continue
    c = re.search(r'public class (\\w+(?:Exception|Error))\\s+extends\\s+([\\w.]+)', z.read(f).decode())
    if c: out.append({'package': m.group(1).split('/', 1)[1].replace('/', '.'), 'name': c.group(1), 'parent': c.group(2).split('.')[-1]})
print(json.dumps(out))`
const java = spawnSync(PYTHON, ['-I', '-c', JAVA_SCRIPT, SRC_ZIP], { encoding: 'utf8' })
if (java.status !== 0) throw new Error(`reading ${SRC_ZIP} failed: ${java.stderr.trim().split('\n').at(-1)}`)
for (const c of JSON.parse(java.stdout)) entries.push({ library: 'java', name: c.name, module: c.package, parent: c.parent, source: 'openjdk-17-source' })

// ---- Netty and OkHttp: the exception classes their Debian jars hold (class files named …Exception, no nested ones) ----
const JARS = [
  ['netty', 'libnetty-java', ['transport', 'codec', 'codec-http', 'codec-http2', 'handler', 'handler-proxy'].map((j) => `/usr/share/java/netty-${j}.jar`)],
  ['okhttp', 'libokhttp-java', ['/usr/share/java/okhttp.jar']],
]
const JAR_SCRIPT = `
import json, sys, zipfile
out = []
for jar in sys.argv[1:]:
    for n in sorted(zipfile.ZipFile(jar).namelist()):
        if n.endswith('Exception.class') and '$' not in n:
            out.append({'jar': jar, 'package': '.'.join(n.split('/')[:-1]), 'name': n.split('/')[-1][:-len('.class')]})
print(json.dumps(out))`
for (const [library, pkg, jars] of JARS) {
  const id = installed(`${library}-jars`, `${library} (Debian's jars)`, pkg, jars.join(' '))
  const run = spawnSync(PYTHON, ['-I', '-c', JAR_SCRIPT, ...jars], { encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`reading ${pkg}'s jars failed: ${run.stderr.trim().split('\n').at(-1)}`)
  for (const c of JSON.parse(run.stdout)) entries.push({ library, name: c.name, module: c.package, source: id })
}

// ---- .NET: System.Net.Http's HttpRequestError values and its resource strings ---------------------------------------
// dotnet/runtime is too large to fetch whole: both files were read with the search tool's read_file at these commits
// and the lines kept transcribed verbatim (the enum's members and summaries; the resx's <data> entries about
// connections, responses, proxies and timeouts). Resource names are never printed: only their texts are matched.
const DOTNET_DIR = 'tools/knowledge/sources/dotnet+runtime/src/libraries/System.Net.Http/src'
sources['dotnet-http-request-error'] = { id: 'dotnet-http-request-error', project: '.NET System.Net.Http.HttpRequestError', repo: 'dotnet/runtime', commit: '8cad6160ee411b37516a38742924277c793de288', path: 'src/libraries/System.Net.Http/src/System/Net/Http/HttpRequestError.cs', extract: `${DOTNET_DIR}/System/Net/Http/HttpRequestError.cs` }
sources['dotnet-http-strings'] = { id: 'dotnet-http-strings', project: '.NET System.Net.Http resource strings', repo: 'dotnet/runtime', commit: '2f6991f9d6d8f1c5552b5bf791406ffc4262d150', path: 'src/libraries/System.Net.Http/src/Resources/Strings.resx', extract: `${DOTNET_DIR}/Resources/Strings.resx` }
{
  const lines = readFileSync(join(repoRoot, DOTNET_DIR, 'System/Net/Http/HttpRequestError.cs'), 'utf8').split('\n')
  let doc = ''
  for (const line of lines) {
    const summary = /^\s*\/\/\/ (.*)$/.exec(line)
    const member = /^\s*([A-Z]\w*)(?: = \d+)?,/.exec(line)
    if (summary) doc = summary[1]
    else if (member) { entries.push({ library: 'dotnet', name: member[1], module: 'HttpRequestError', parent: 'enum HttpRequestError', doc, match: 'qualified', source: 'dotnet-http-request-error' }); doc = '' }
  }
  const resx = readFileSync(join(repoRoot, DOTNET_DIR, 'Resources/Strings.resx'), 'utf8')
  const XML = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" }
  for (const m of resx.matchAll(/<data name="(\w+)"[^>]*>\s*<value>([^<]*)<\/value>/g)) {
    // .NET's composite format items ({0}, 0x{1}) are the placeholders; written %s as every other table does.
    const message = m[2].replace(/&\w+;/g, (x) => XML[x] ?? x).replace(/\{\d+\}/g, '%s')
    entries.push({ library: 'dotnet', name: m[1], message, match: 'message', source: 'dotnet-http-strings' })
  }
}

// ---- the labels ------------------------------------------------------------------------------------------------------
for (const [library, names] of Object.entries(LABELS)) {
  for (const [key, label] of Object.entries(names)) {
    const hits = entries.filter((e) => e.library === library && (e.name === key || e.code === key))
    if (hits.length === 0) throw new Error(`label ${library} ${key} names nothing the sources list`)
    for (const e of hits) Object.assign(e, { kind: label.kind, weight: label.weight, ...(label.direction ? { direction: label.direction } : {}), why: label.why })
  }
}

const labelled = entries.filter((e) => e.kind !== undefined).length
const libraries = [...new Set(entries.map((e) => e.library))]
const out = writeModule('client-errors', {
  generator: GENERATOR,
  summary: [
    `Client libraries' own error names: ${entries.length} names of ${libraries.length} libraries (${libraries.join(', ')}), ${labelled} of them labelled with a kind`,
    '(tools/knowledge/sources/client-error-labels.json).',
  ],
  types: typeImports(['ClientError']),
  exports: [
    { name: 'clientErrorSources', type: 'Record<string, KnowledgeSource>', value: Object.fromEntries(Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : 1))), doc: 'The sources the entries cite.' },
    { name: 'clientErrors', type: 'readonly ClientError[]', value: entries, doc: 'By library, in each source\'s order (gen-client-errors.mjs).' },
  ],
})
console.log(`${out}: ${entries.length} names, ${labelled} labelled`)

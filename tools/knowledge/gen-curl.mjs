// Table 4a: curl's exit codes. The number is the CURLcode (curl's exit status is the CURLcode of the failed
// transfer), the name from include/curl/curl.h's enum, the text from curl_easy_strerror — what the curl tool prints
// as `curl: (7) … : <text>`. Two versions: the current release and Debian 12's 7.88.1, whose wording differs
// ("Couldn't connect to server" became "Could not connect to server"), and users quote both.
import { readSource, source, typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-curl.mjs'

/** The enum in order: CURLE_OK = 0, then one more each line; the `/* N *\/` comments must agree. */
function curlEnum (id) {
  const codes = []
  let next = 0
  for (const line of readSource(id).split('\n')) {
    const m = /^\s*(CURLE_\w+)(?:\s*=\s*(\d+))?,\s*(?:\/\*\s*(\d+))?/.exec(line)
    if (!m) continue
    const value = m[2] !== undefined ? Number(m[2]) : next
    if (m[3] !== undefined && Number(m[3]) !== value) throw new Error(`${id}: ${m[1]} counted ${value}, comment says ${m[3]}`)
    codes.push({ name: m[1], code: value })
    next = value + 1
  }
  return codes
}

/** curl_easy_strerror's cases -> text; labels that fall through share the next return. */
function curlStrerror (id) {
  const texts = new Map()
  let pending = []
  let text = null
  const flush = () => {
    if (text !== null) for (const name of pending) texts.set(name, text)
    if (text !== null) pending = []
    text = null
  }
  for (const line of readSource(id).split('\n')) {
    const label = /^\s*case (CURLE_\w+)\s*:/.exec(line)
    if (label) { flush(); pending.push(label[1]); continue }
    if (/^\s*default:/.test(line)) { flush(); pending = []; continue }
    const parts = [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`))
    if (parts.length && pending.length) text = (text ?? '') + parts.join('')
  }
  flush()
  return texts
}

const current = curlEnum('curl-h')
const currentText = curlStrerror('curl-strerror')
const debian = new Map(curlEnum('curl-h-7.88.1').map((c) => [c.code, c.name]))
const debianText = curlStrerror('curl-strerror-7.88.1')

const entries = current.map(({ name, code }) => {
  const obsolete = /^CURLE_OBSOLETE\d+$/.test(name)
  const entry = { code, name, text: currentText.get(name) ?? null, obsolete, source: 'curl-strerror' }
  const oldName = debian.get(code)
  if (oldName) {
    const oldText = debianText.get(oldName) ?? null
    if (oldName !== name || oldText !== entry.text) entry.debian12 = { name: oldName, text: oldText, source: 'curl-strerror-7.88.1' }
  }
  return entry
})

const types = typeImports(['CurlCode'])

const out = writeModule('curl-codes', {
  generator: GENERATOR,
  summary: ['curl exit codes / CURLcodes: number, name, curl_easy_strerror text (curl 8.21.0, and 7.88.1 where it differs).'],
  types,
  exports: [
    { name: 'curlSources', type: 'Record<string, KnowledgeSource>', value: Object.fromEntries(['curl-h', 'curl-strerror', 'curl-h-7.88.1', 'curl-strerror-7.88.1'].map((id) => [id, source(id)])), doc: 'The sources the entries cite, by id.' },
    { name: 'curlCodes', type: 'readonly CurlCode[]', value: entries, doc: 'By number, 0 (CURLE_OK) upwards.' },
  ],
})
console.log(`${out}: ${entries.length} codes, ${entries.filter((e) => e.debian12).length} worded differently in 7.88.1`)

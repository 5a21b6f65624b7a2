// Re-extracts the small inputs under tools/knowledge/sources/ from git copies of their public repositories.
// The generators never run this: they read the committed extracts, so they rerun offline anywhere. This script is the
// record of where each extract came from (repository, path, commit) and of exactly which lines were kept, so that
// anyone can check an extract against its origin or refresh it at a newer commit.
//
// Usage: node tools/knowledge/extract-sources.mjs [MIRRORS_DIR]
//   MIRRORS_DIR holds one git directory per repository at <owner>+<name>/repo (a bare clone works; default
//   /work/.mirror). A missing repository is skipped with a note; its committed extract stays as it is.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { SOURCES, sourcesDir } from './sources.mjs'

const mirrors = process.argv[2] ?? '/work/.mirror'

const CONDITIONAL = /^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b/

/** Line filters: the extract keeps the origin's lines verbatim, only fewer of them. */
const KEEP = {
  all: () => true,
  defineE: (line) => /^#define\s+E[A-Z0-9]+\s/.test(line),
  defineEAI: (line) => /^#\s*define\s+EAI_/.test(line),
  // The conditionals too: the generator evaluates them (xnu defines EOPNOTSUPP twice, under opposite conditions).
  defineEWithConditions: (line) => KEEP.defineE(line) || CONDITIONAL.test(line),
  defineEAIWithConditions: (line) => KEEP.defineEAI(line) || CONDITIONAL.test(line),
  glibcList: (line) => line.startsWith('_S('),
  hresult: (line) => /^#define (FACILITY_WIN32|__HRESULT_FROM_WIN32)\b/.test(line),
  uvErrnoH: (line) => /^\s*#\s*(if|else|endif|define UV__)/.test(line),
  uvErrnoMap: (line) => /^\s*XX\(/.test(line),
  defineWSA: (line) => /^#define WSA_\w+\s/.test(line),
  uvWinMap: (line) => /^\s*case \w+:\s+return UV_\w+;/.test(line),
  winhttpErrors: (line) => /^#define (WINHTTP_ERROR_BASE|ERROR_WINHTTP_\w+)\s/.test(line),
  wininetErrors: (line) => /^#define (INTERNET_ERROR_BASE|ERROR_(INTERNET|HTTP)_\w+)\s/.test(line),
  // Schannel's (SSPI's) codes, and the CRYPT_E_ codes curl's Curl_sspi_strerror names as InitializeSecurityContext results.
  schannel: (line) => /^#define (SEC_[EI]_\w+|CRYPT_E_(REVOKED|NO_REVOCATION_DLL|NO_REVOCATION_CHECK|REVOCATION_OFFLINE|NOT_IN_REVOCATION_DATABASE)) /.test(line),
  // winresult's generated codes: each code's doc comment (the SDK's MessageText) and its constant line.
  winresultDocs: (line) => /^(\/\/\/ |pub const \w+ *: HResult\w+ = HResult\w+::from_constant\(0x[0-9A-F]{8}\); \/\/ SEC_)/.test(line),
  curlEnum: (line) => /^\s*CURLE_\w+(\s*=\s*0)?,/.test(line) || /^\s*CURL_LAST\b/.test(line),
}

function show (repo, commit, path) {
  const gitDir = join(mirrors, repo.replace('/', '+'), 'repo')
  if (!existsSync(gitDir)) return null
  return execFileSync('git', ['--git-dir', gitDir, 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 })
}

/** curl_easy_strerror's switch: the case labels, the returned strings and their continuation lines. */
function curlStrerror (text) {
  const start = text.search(/^(const char \*)?\s*curl_easy_strerror\(CURLcode error\)/m)
  const body = text.slice(start, text.indexOf('\n}', start))
  return body.split('\n').filter((line) => /^\s*(case CURLE_\w+\s*:|default:|return "|")/.test(line))
}

/** winerror.h: only the ERROR_* codes the other extracts name (libuv's Windows maps, winsock2.h), plus HRESULT and Schannel's codes (gen-tls.mjs). */
function winerrorSubset (text, mentions) {
  const names = new Set([...mentions.matchAll(/\b(ERROR_\w+)\b/g)].map((m) => m[1]))
  return text.split('\n').filter((line) => {
    const m = /^#define (ERROR_\w+) /.exec(line)
    return (m && names.has(m[1])) || KEEP.hresult(line) || KEEP.schannel(line)
  })
}

let mentions = ''
for (const source of SOURCES) {
  if (!source.extract) continue
  const text = show(source.repo, source.commit, source.path)
  if (text === null) {
    console.log(`skip ${source.repo}:${source.path} (no git copy under ${mirrors})`)
    continue
  }
  let lines
  if (source.extract === 'curlStrerror') lines = curlStrerror(text)
  else if (source.extract === 'winerrorSubset') lines = winerrorSubset(text, mentions)
  else lines = text.split('\n').filter(KEEP[source.extract])
  mentions += lines.join('\n') + '\n'
  const out = join(sourcesDir, source.file)
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, lines.join('\n').replace(/\n*$/, '\n'))
  console.log(`${source.file}: ${lines.length} lines from ${source.repo}@${source.commit.slice(0, 12)}:${source.path}`)
}

// libgpg-error's codes that a network failure can produce, as gpg, gpgsm, dirmngr and every other program built on
// libgpg-error print them ("gpg: keyserver receive failed: No name"): the code's number (the installed gpg-error.h),
// its English text (libgpg-error's err-codes.h.in at the tag Debian 12 ships), every translation the installed
// catalogues give (libgpg-error.mo; a system error's text is strerror's, so libc.mo's), and our label: the kind of
// failure it means, decided from where dirmngr returns it (sources/gpg+libgpg-error/network-labels.json).
//
//   node tools/knowledge/gen-gpg-error.mjs                 writes src/diagnose/explain/knowledge/gpg-errors.ts
//   node tools/knowledge/gen-gpg-error.mjs --check [DIR]   compares the extracts and every label's quoted line with
//                                                          git copies (DIR/<owner>+<name>/repo; default /work/.mirror)
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { installedVersion, parseMo, readSource, source, typeImports, writeModule } from './lib.mjs'
import { sourcesDir } from './sources.mjs'

const GENERATOR = 'tools/knowledge/gen-gpg-error.mjs'
const LOCALE_DIR = '/usr/share/locale'
const LIBGPG_ERROR = { repo: 'gpg/libgpg-error', tag: 'libgpg-error-1.46', commit: 'ea031873aa9642831017937fd33e9009d514ee07' }
const EXTRACT_DIR = 'gpg+libgpg-error/libgpg-error-1.46/src'
const LABELS = 'gpg+libgpg-error/network-labels.json'
// The header's path is the multiarch one; dpkg's file list says where this machine has it.
const HEADER = ['/usr/include/x86_64-linux-gnu/gpg-error.h', '/usr/include/aarch64-linux-gnu/gpg-error.h', '/usr/include/gpg-error.h'].find((p) => existsSync(p)) ?? '/usr/include/gpg-error.h'

const labels = JSON.parse(readFileSync(join(sourcesDir, LABELS), 'utf8'))

/** The records the entries cite, by id (the repository ones here, not in sources.mjs: only this table reads them). */
const SOURCES = {
  'libgpg-error-codes': { id: 'libgpg-error-codes', project: 'libgpg-error', version: '1.46 (Debian 12 ships 1.46-1)', repo: LIBGPG_ERROR.repo, commit: LIBGPG_ERROR.commit, path: 'src/err-codes.h.in', extract: `tools/knowledge/sources/${EXTRACT_DIR}/err-codes.h.in` },
  'libgpg-error-errnos': { id: 'libgpg-error-errnos', project: 'libgpg-error', version: '1.46 (Debian 12 ships 1.46-1)', repo: LIBGPG_ERROR.repo, commit: LIBGPG_ERROR.commit, path: 'src/errnos.in', extract: `tools/knowledge/sources/${EXTRACT_DIR}/errnos.in` },
  'libgpg-error-header': { id: 'libgpg-error-header', project: 'libgpg-error', package: 'libgpg-error-dev', path: HEADER, version: installedVersion('libgpg-error-dev') },
  'libgpg-error-l10n': { id: 'libgpg-error-l10n', project: 'libgpg-error translations', package: 'libgpg-error-l10n', path: '/usr/share/locale/*/LC_MESSAGES/libgpg-error.mo', version: installedVersion('libgpg-error-l10n') },
  'gnupg-dirmngr': { id: 'gnupg-dirmngr', project: labels.gnupg.project, version: labels.gnupg.version, repo: labels.gnupg.repo, commit: labels.gnupg.commit, path: 'dirmngr/', extract: `tools/knowledge/sources/${LABELS}` },
  'glibc-errlist': source('glibc-errlist'),
  'libc-l10n': source('libc-l10n'),
}

/** err-codes.h.in: `number<TAB>GPG_ERR_NAME<TAB…>Text`; errnos.in: `index<TAB>ENAME`. */
function numberedLines (text) {
  return [...text.matchAll(/^(\d+)\t+(\w+)(?:\t+(.*?))?\s*$/gm)].map((m) => ({ n: Number(m[1]), name: m[2], text: m[3] ?? null }))
}

/** gpg-error.h's enum: `GPG_ERR_X = 220,` and `GPG_ERR_EAGAIN = GPG_ERR_SYSTEM_ERROR | 6,`. */
function headerNumbers (text) {
  const system = Number(/^#define GPG_ERR_SYSTEM_ERROR\t\(1 << (\d+)\)$/m.exec(text)?.[1] ?? NaN)
  const out = new Map()
  for (const m of text.matchAll(/^ {4}(GPG_ERR_\w+) = (?:(\d+)|GPG_ERR_SYSTEM_ERROR \| (\d+)),?$/gm)) {
    out.set(m[1], m[2] !== undefined ? Number(m[2]) : (1 << system) | Number(m[3]))
  }
  return out
}

/** glibc's `_S(NAME, N_("text"))` lines -> name -> English text. */
function glibcTexts () {
  return new Map([...readSource('glibc-errlist').matchAll(/^_S\((\w+), N_\("((?:[^"\\]|\\.)*)"\)\)$/gm)].map((m) => [m[1], JSON.parse(`"${m[2]}"`)]))
}

function catalogues (domain) {
  const out = []
  for (const lang of readdirSync(LOCALE_DIR).sort()) {
    const file = join(LOCALE_DIR, lang, 'LC_MESSAGES', `${domain}.mo`)
    if (existsSync(file)) out.push({ lang, file, ...parseMo(readFileSync(file)) })
  }
  return out
}

function main () {
  const codes = new Map(numberedLines(readFileSync(join(sourcesDir, EXTRACT_DIR, 'err-codes.h.in'), 'utf8')).map((c) => [c.name, c]))
  const errnos = new Map(numberedLines(readFileSync(join(sourcesDir, EXTRACT_DIR, 'errnos.in'), 'utf8')).map((e) => [e.name, e.n]))
  const header = headerNumbers(readFileSync(HEADER, 'utf8'))
  const glibc = glibcTexts()
  const gpgMo = catalogues('libgpg-error')
  const libcMo = catalogues('libc')

  const languages = {}
  const entries = []
  for (const label of labels.codes) {
    const where = label.where.map((w) => `${w.path}:${w.line}`)
    const base = { code: label.code }
    let en, number, textSources, mo
    if (label.errno) {
      const index = errnos.get(label.errno)
      if (index === undefined) throw new Error(`${label.errno} is not in errnos.in`)
      number = (1 << 15) | index
      en = glibc.get(label.errno)
      if (en === undefined) throw new Error(`glibc has no text for ${label.errno}`)
      base.errno = label.errno
      textSources = ['libgpg-error-errnos', 'glibc-errlist', 'libc-l10n']
      mo = libcMo
    } else {
      const c = codes.get(label.code)
      if (!c) throw new Error(`${label.code} is not in err-codes.h.in`)
      number = c.n
      en = c.text
      textSources = ['libgpg-error-codes', 'libgpg-error-l10n']
      mo = gpgMo
    }
    // The two readings of the numbering must agree: the repository's lists at the tag and the installed header.
    if (header.get(label.code) !== number) throw new Error(`${label.code}: ${number} from the lists, ${header.get(label.code)} in ${HEADER}`)
    const translations = {}
    for (const cat of mo) {
      const t = cat.messages.get(en)
      if (!t || t === en) continue
      translations[cat.lang] = t
      if (mo === gpgMo) {
        const l = languages[cat.lang] ??= { file: cat.file, projectVersion: /^Project-Id-Version: (.*)$/m.exec(cat.header)?.[1] ?? null, texts: 0 }
        l.texts++
      }
    }
    const kind = label.kind ?? null
    entries.push({ ...base, number, en, translations, kind, ...(kind !== null ? { weight: label.weight } : {}), note: label.note, where, sources: [...textSources, 'libgpg-error-header', 'gnupg-dirmngr'] })
  }

  const texts = entries.reduce((n, e) => n + Object.keys(e.translations).length, 0)
  const labelled = entries.filter((e) => e.kind !== null).length
  const out = writeModule('gpg-errors', {
    generator: GENERATOR,
    summary: [
      `${entries.length} libgpg-error codes a network failure can produce (${labelled} with a kind, ${entries.filter((e) => e.errno).length} system errors read by their errno, the rest ambiguous),`,
      `${texts} translated texts: libgpg-error-l10n ${installedVersion('libgpg-error-l10n')} (${Object.keys(languages).length} languages) and, for system errors, libc-l10n ${installedVersion('libc-l10n')};`,
      `English from ${LIBGPG_ERROR.repo} ${LIBGPG_ERROR.tag} and glibc; kinds from where ${labels.gnupg.repo} ${labels.gnupg.version.split(' ')[0]} returns each code.`,
      'The entries are one JSON string (GpgErrorCode[]), parsed on the first line a GnuPG program printed (gpg-reason.ts).',
    ],
    types: typeImports(['GpgErrorCode', 'GpgErrorLanguage']),
    exports: [
      { name: 'gpgErrorSources', type: 'Record<string, KnowledgeSource>', value: SOURCES, doc: 'The sources the entries cite, by id.' },
      { name: 'gpgErrorLanguages', type: 'Record<string, GpgErrorLanguage>', value: languages, doc: 'Each libgpg-error.mo read.' },
      { name: 'gpgErrorsJson', type: 'string', value: JSON.stringify(entries), doc: 'GpgErrorCode[] as JSON: a string literal costs explain\'s start almost nothing.' },
    ],
  })
  console.log(`${out}: ${entries.length} codes (${labelled} with a kind), ${Object.keys(languages).length} libgpg-error languages, ${texts} translated texts`)
}

/** The extracts and the labels' quoted lines against git copies of the repositories at their commits. */
function check (mirrors) {
  const show = (repo, commit, path) => execFileSync('git', ['--git-dir', join(mirrors, repo.replace('/', '+'), 'repo'), 'show', `${commit}:${path}`], { encoding: 'utf8', maxBuffer: 64 << 20 })
  let bad = 0
  for (const f of ['err-codes.h.in', 'errnos.in']) {
    const kept = show(LIBGPG_ERROR.repo, LIBGPG_ERROR.commit, `src/${f}`).split('\n').filter((l) => /^\d+\t/.test(l)).join('\n') + '\n'
    if (kept !== readFileSync(join(sourcesDir, EXTRACT_DIR, f), 'utf8')) { bad++; console.error(`${f}: the extract differs from ${LIBGPG_ERROR.tag}'s numbered lines`) }
  }
  const files = new Map()
  for (const label of labels.codes) {
    for (const w of label.where) {
      if (!files.has(w.path)) files.set(w.path, show(labels.gnupg.repo, labels.gnupg.commit, w.path).split('\n'))
      const line = files.get(w.path)[w.line - 1]?.trimEnd()
      if (line !== w.text) { bad++; console.error(`${label.code}: ${w.path}:${w.line} is ${JSON.stringify(line)}, not ${JSON.stringify(w.text)}`) }
    }
  }
  console.log(bad ? `${bad} differences` : `the extracts and ${labels.codes.reduce((n, l) => n + l.where.length, 0)} quoted lines match the repositories`)
  process.exitCode = bad ? 1 : 0
}

if (process.argv[2] === '--check') check(process.argv[3] ?? '/work/.mirror')
else main()

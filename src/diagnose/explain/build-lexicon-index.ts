/**
 * Builds the lookup explain matches texts with, from the knowledge tables and lexicon.ts's judgement of each code:
 * every message (the C library's, Windows', curl's, programs' own, in every language) cut into its literal parts and
 * keyed by one word, each errno number with the names it has on each platform, and the curl and Chromium codes
 * explain counts. Run at generation time only (tools/knowledge/gen-lexicon-index.mjs writes the result to
 * knowledge/lexicon-index.ts): building it costs ~45 ms and loading the tables ~35 ms, which every `explain` paid on
 * start before; reading the generated index is one JSON.parse.
 */
import type { Kind } from './signatures.js'
import { KINDS } from './signatures.js'
import { errnoTable, errnoSources } from './knowledge/errno.js'
import { glibcMessages, glibcMessageSources } from './knowledge/glibc-messages.js'
import { windowsMessages, windowsMessageSources } from './knowledge/windows-messages.js'
import { curlCodes, curlSources } from './knowledge/curl-codes.js'
import { chromiumNetErrors, chromiumNetErrorSources } from './knowledge/chromium-net-errors.js'
import { nsUrlErrors, nsUrlErrorSources } from './knowledge/nsurl-errors.js'
import { mozillaErrors, mozillaErrorSources } from './knowledge/mozilla-errors.js'
import { winHttpErrors, winHttpErrorSources } from './knowledge/winhttp-errors.js'
import { qtErrorCodes, qtMessages, qtMessageSources } from './knowledge/qt-messages.js'
import { programMessages, programMessageSources } from './knowledge/program-messages.js'
import { chromiumPageMessages, chromiumPageSources } from './knowledge/chromium-pages.js'
import { firefoxPageMessages, firefoxPageSources } from './knowledge/firefox-pages.js'
import { aria2Codes, aria2Sources } from './knowledge/aria2-codes.js'
import { clientErrors, clientErrorSources } from './knowledge/client-errors.js'
import { opensslLibs, opensslPackings, tlsErrors, tlsErrorSources } from './knowledge/tls-errors.js'
import type { KnowledgeSource } from './knowledge/types.js'
import {
  DENSE, LETTERS, TRIGGER_WORDS, UNSPACED, aria2Kind, chromiumNamesUsed, mozillaNamesUsed, nsUrlKind, winHttpKind, codeMeaning, curlKind, normaliseMessage,
  type LexiconData, type Meaning, type MessageRow, type Platform, type QtCodeRow,
} from './lexicon.js'

/** printf conversions (%s, %d, %1$s, %m, %lu …): the variable parts of a template. */
const PLACEHOLDER = /%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[a-zA-Z%]/g
const TRIGGER_SET = new Set(TRIGGER_WORDS)
/** A template whose last conversion is a string (%s, %1$s, %m) with at most punctuation after it. */
const FRAMES = /%(?:\d+\$)?[-.\d]*[sm][^\p{L}\p{N}%]{0,4}$/u

/** `s` without trailing full stops and colons: a loop, since `/[.:]+$/` rescans a long run from each of its characters. */
function trimEnd (s: string): string {
  let end = s.length
  while (end > 0 && '.。:： '.includes(s[end - 1]!)) end--
  return s.slice(0, end).trim()
}

function partsOf (template: string): string[] {
  return normaliseMessage(template).split(PLACEHOLDER).map((p) => trimEnd(p.trim())).filter((p) => p !== '')
}

/** Texts too short or too common to count alone (a translation of "Success" or "Error"). */
function specific (parts: string[]): boolean {
  const letters = parts.join('').replace(/[^\p{L}]/gu, '')
  return DENSE.test(letters) ? letters.length >= 3 : letters.length >= 8
}

/** `said`: what a row's means says after its program's name (`de text`), when the means starts with that name. */
interface Builder { data: LexiconData, seen: Map<string, { row: MessageRow, programs: string[], said?: string }> }

/**
 * A template of several lines (libpq's "server closed the connection unexpectedly\n\tThis probably means …", git's
 * "Could not read from remote repository.\n\nPlease make sure …") is matched one line at a time, as texts are read:
 * each of its lines that is specific enough is an entry of its own, with the template's meaning.
 */
function addMessage (b: Builder, template: string, meaning: Meaning): void {
  for (const line of template.split('\n')) addLine(b, line, meaning)
}

function addLine (b: Builder, template: string, meaning: Meaning): void {
  const parts = partsOf(template)
  if (parts.length === 0 || !specific(parts)) return
  const runs = parts.join(' ').match(LETTERS) ?? []
  if (runs.length === 0) return
  // Key it by a word that means a failure when it has one (`refused`, not `worker`), else by its longest word.
  const run = runs.find((r) => TRIGGER_SET.has(r)) ?? [...runs].sort((a, b) => b.length - a.length)[0]!
  // Catalogues repeat translations across languages: each kind and text once.
  const id = `${meaning.kind}\u0000${parts.join('\u0000')}`
  const seen = b.seen.get(id)
  if (seen !== undefined) {
    // Programs that share code share their catalogues' words (mpop's and msmtp's): the row names each of them.
    const { row, programs, said } = seen
    if (said !== undefined && meaning.program !== undefined && !programs.includes(meaning.program)) {
      programs.push(meaning.program)
      row[3] = `${programs.join("'s or ")}'s ${said}`
    }
    return
  }
  const [map, key] = UNSPACED.test(run) ? [b.data.pairs, run.slice(0, 2)] : [b.data.words, run]
  // The reason a framing message carries is a %s or %m at its end (`: %s`, `cause: %s`, `(%s).`).
  const frames = meaning.program !== undefined && FRAMES.test(template) ? 1 : 0
  const row: MessageRow = [parts, meaning.kind, meaning.weight, meaning.means, meaning.program ?? null, meaning.direction ?? null, frames]
  const own = meaning.program !== undefined && meaning.means.startsWith(`${meaning.program}'s `)
  b.seen.set(id, own ? { row, programs: [meaning.program!], said: meaning.means.slice(meaning.program!.length + 3) } : { row, programs: [] })
  if (Object.hasOwn(map, key)) map[key]!.push(row)
  else map[key] = [row]
  const folded = foldedParts(parts)
  if (folded !== null) addLine(b, template.normalize('NFD').replace(MARKS, '').replace(UNFOLDED, (c) => FOLD[c]!), { ...meaning, weight: meaning.weight * 0.9 })
}

/**
 * The same sentence without its diacritics, as an ASCII-only terminal or log shows it (Links prints glibc's
 * "Connexion refusée" as "Connexion refusee", "Połączenie odrzucone" as "Polaczenie odrzucone"), and as users type
 * it on a keyboard without them: decomposed, marks dropped, and the Latin letters that do not decompose spelled as
 * ASCII does. Only for sentences that become ASCII that way (Latin script); Cyrillic or Han have no such spelling.
 * The row keeps the sentence's own `means` (it is that text) at 0.9 of its weight: a `means` of its own for each of
 * the ~2,300 folded rows made the index's JSON, parsed on every start, 60 KB larger.
 */
const MARKS = /\p{M}/gu
const FOLD: Record<string, string> = { ł: 'l', Ł: 'L', ı: 'i', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE' }
const UNFOLDED = /[łŁıøØđĐßæÆœŒ]/g
const NON_ASCII = /[^\x00-\x7f]/

function foldedParts (parts: string[]): string[] | null {
  const joined = parts.join('\u0000')
  if (!NON_ASCII.test(joined)) return null
  const folded = joined.normalize('NFD').replace(MARKS, '').replace(UNFOLDED, (c) => FOLD[c]!)
  return NON_ASCII.test(folded) ? null : folded.split('\u0000')
}

function addNumbers (data: LexiconData): void {
  const add = (n: number | string, name: string, platform: Platform): void => {
    const key = String(n).toLowerCase()
    const list = Object.hasOwn(data.numbers, key) ? data.numbers[key]! : (data.numbers[key] = [])
    if (!list.some(([nm, p]) => p === platform && nm === name)) list.push([name, platform])
  }
  for (const e of errnoTable) {
    if (codeMeaning(e.name) === null && codeMeaning(e.node?.code ?? '') === null) continue
    if (e.linux && e.linux.aliasOf === undefined) add(e.linux.errno, e.name, 'linux')
    if (e.macos && e.macos.aliasOf === undefined) add(e.macos.errno, e.name, 'macos')
    for (const w of e.windows) {
      add(w.code, e.name, 'windows')
      add(w.hresult, e.name, 'windows')
      add(w.hresultSigned, e.name, 'windows')
    }
    if (e.libuv) {
      add(e.libuv.linux, e.name, 'libuv')
      add(e.libuv.macos, e.name, 'libuv')
      add(e.libuv.windows, e.name, 'libuv')
    }
  }
}

/**
 * The TLS libraries' codes that have a kind, under every key tlsMeaning is asked with: the name (and GnuTLS's other
 * names), OpenSSL's library and reason, GnuTLS's number, Mbed TLS's hex code, Schannel's HRESULT (`schannel:0x80090326`,
 * `schannel:-2146893018`, `schannel:2148074278`), OpenSSL's and Mbed TLS's texts
 * (Ruby prints OpenSSL's alone; Mbed TLS programs print `SSL - …` after the code or instead of it).
 */
function addTls (data: LexiconData): void {
  const codes = data.tls.codes
  for (const e of tlsErrors) {
    if (e.kind === undefined || e.weight === undefined || !(KINDS as readonly string[]).includes(e.kind)) continue
    const row: [string, Kind, number, string | null] = [e.name, e.kind as Kind, e.weight, e.text]
    for (const name of [e.name, ...(e.aliases ?? [])]) codes[name] = row
    if (e.library === 'gnutls') codes[`gnutls:${e.code}`] = row
    if (e.library === 'mbedtls') codes[`mbedtls:${e.packed!.toLowerCase()}`] = row
    if (e.library === 'mbedtls' && e.text !== null) codes[`text:${e.text}`] = row
    // Schannel's HRESULT by every printed form, as the WinHTTP codes are filed: hex, signed and unsigned decimal.
    if (e.library === 'schannel') for (const n of [e.packed!.toLowerCase(), String(e.code), String(e.unsigned)]) codes[`schannel:${n}`] = row
    if (e.lib !== undefined) codes[`openssl:${e.lib}:${e.code}`] = row
    if (e.lib !== undefined && e.text !== null) codes[`text:${e.text}`] = row
  }
  data.tls.packings = opensslPackings.map(({ source: _, funcShift: __, ...p }) => p)
  data.tls.libs = { ...opensslLibs }
}

/** The whole index, as lexicon.ts reads it back. */
export function buildLexiconIndex (): LexiconData {
  const data: LexiconData = { words: {}, pairs: {}, numbers: {}, curl: {}, chromium: {}, aria2: {}, nsurl: {}, mozilla: {}, winhttp: {}, qt: {}, tls: { codes: {}, packings: [], libs: {} } }
  const b: Builder = { data, seen: new Map() }
  for (const [name, m] of Object.entries(glibcMessages)) {
    const base = codeMeaning(name)
    if (!base) continue
    addMessage(b, m.en, { ...base, means: `the C library's text for ${name}` })
    for (const [lang, text] of Object.entries(m.translations)) addMessage(b, text, { ...base, means: `the C library's ${lang} text for ${name}` })
  }
  for (const w of windowsMessages) {
    const base = codeMeaning(w.name)
    if (!base) continue
    for (const t of w.texts) addMessage(b, t.text, { ...base, means: `Windows' ${t.lang} text for ${w.name} (${w.code})` })
  }
  for (const c of curlCodes) {
    const k = curlKind(c.name)
    if (!k) continue
    data.curl[String(c.code)] = c.name
    for (const text of [c.text, c.debian12?.text]) {
      if (text) addMessage(b, text, { kind: k[0], weight: k[1] * 0.9, means: `curl's text for ${c.name}` })
    }
  }
  // Schannel's texts (Windows' TLS; .NET's Win32Exception and curl print them, often without the code).
  for (const e of tlsErrors) {
    if (e.library !== 'schannel' || e.text === null || e.kind === undefined || e.weight === undefined || !(KINDS as readonly string[]).includes(e.kind)) continue
    addMessage(b, e.text, { kind: e.kind as Kind, weight: e.weight, means: `Windows' text for ${e.name} (${e.packed!})` })
  }
  for (const pm of programMessages) {
    if (!(KINDS as readonly string[]).includes(pm.kind)) continue
    const meaning: Meaning = { kind: pm.kind as Kind, weight: pm.weight, means: `${pm.program}'s text`, program: pm.program, ...(pm.direction ? { direction: pm.direction } : {}) }
    addMessage(b, pm.en, meaning)
    for (const [lang, text] of Object.entries(pm.translations)) addMessage(b, text, { ...meaning, means: `${pm.program}'s ${lang} text` })
  }
  // Qt's socket texts: their English is mostly strerror's (already counted); the translations are Qt's own.
  for (const q of qtMessages) {
    if (!(KINDS as readonly string[]).includes(q.kind)) continue
    const meaning: Meaning = { kind: q.kind as Kind, weight: q.weight, means: `Qt's text (${q.context})`, program: 'qt', ...(q.direction ? { direction: q.direction } : {}) }
    addMessage(b, q.en, meaning)
    // One `means` for every language: each distinct one is a string every start-up parses (lexicon.ts storedLexicon).
    for (const text of Object.values(q.translations)) addMessage(b, text, meaning)
  }
  // Chromium's error page, the sentence users copy from it (the host in %s), in each language it ships.
  for (const c of chromiumPageMessages) {
    if (!(KINDS as readonly string[]).includes(c.kind)) continue
    const meaning: Meaning = { kind: c.kind as Kind, weight: c.weight, means: `Chromium's error page for ${c.netErrors[0]}`, program: 'chromium' }
    addMessage(b, c.en, meaning)
    for (const text of Object.values(c.translations)) addMessage(b, text, meaning)
  }
  for (const f of firefoxPageMessages) {
    if (!(KINDS as readonly string[]).includes(f.kind)) continue
    const meaning: Meaning = { kind: f.kind as Kind, weight: f.weight, means: `Firefox's error page for ${f.error}`, program: 'firefox' }
    addMessage(b, f.en, meaning)
    for (const text of Object.values(f.translations)) addMessage(b, text, meaning)
  }
  addClientErrors(b)
  const used = new Set(chromiumNamesUsed())
  for (const e of chromiumNetErrors) if (used.has(e.name)) data.chromium[e.name] = e.code
  for (const a of aria2Codes) if (aria2Kind(a.code)) data.aria2[String(a.code)] = a.text
  for (const e of nsUrlErrors) if (nsUrlKind(e.name)) data.nsurl[String(e.code)] = [e.name, e.objcName]
  const mozilla = new Set(mozillaNamesUsed())
  for (const e of mozillaErrors) if (mozilla.has(e.name)) data.mozilla[e.name] = e.code
  for (const e of winHttpErrors) {
    if (!winHttpKind(e.code)) continue
    const names: [number, string] = [e.code, [e.winhttp, e.wininet].filter((x) => x !== null).join(' / ')]
    for (const key of [String(e.code), e.hresult.toLowerCase(), String(e.hresultSigned), e.winhttp, e.wininet]) if (key !== null) data.winhttp[key] = names
  }
  // Qt's enum values by name and by number, under their class (a program prints `QNetworkReply::…` or an int).
  for (const q of qtErrorCodes) {
    if (!(KINDS as readonly string[]).includes(q.kind)) continue
    const cls = q.enum.split('::')[0]!
    const row: QtCodeRow = [`${q.enum}::${q.name}`, q.code, q.kind as Kind, q.weight, q.direction ?? null]
    data.qt[`${cls}::${q.name}`] = row
    data.qt[`${cls} ${q.code}`] = row
  }
  addTls(data)
  addNumbers(data)
  return data
}

/**
 * Client libraries' error names that mean a kind (client-errors.ts), as users paste them: the code or class name, and
 * the library's default message when it has one. A name inside another name of the table (urllib3's `ProtocolError`
 * in httpx's `RemoteProtocolError`, `ERR_SOCKET_CLOSED` in `ERR_SOCKET_CLOSED_BEFORE_CONNECTION`) would match there
 * too, so it is matched only as printed with its module (`urllib3.exceptions.ProtocolError`) or, for a code, quoted
 * (`'ERR_SOCKET_CLOSED'`, `[ERR_SOCKET_CLOSED]`).
 */
function addClientErrors (b: Builder): void {
  const names = [...new Set(clientErrors.filter((e) => e.match !== 'message').flatMap((e) => [e.name, e.code ?? e.name].map((n) => n.toLowerCase())))]
  const inAnother = (name: string): boolean => {
    const n = name.toLowerCase()
    return names.some((o) => o !== n && o.includes(n))
  }
  for (const e of clientErrors) {
    if (e.kind === undefined || !(KINDS as readonly string[]).includes(e.kind)) continue
    const meaning: Meaning = { kind: e.kind as Kind, weight: e.weight ?? 1, means: `${e.library}'s ${e.code ?? e.name}`, program: e.library, ...(e.direction ? { direction: e.direction } : {}) }
    // undici's class names (SocketError, ResponseError) are other runtimes' names too: its codes are its own.
    const name = e.code ?? e.name
    const isCode = /^[A-Z0-9_]+$/.test(name)
    const qualified = e.module !== undefined ? [`${e.module}.${name}`] : []
    const forms = e.match === 'message' ? [] : e.match === 'qualified' ? qualified : !inAnother(name) ? [name] : isCode ? [`'${name}'`, `[${name}]`] : qualified
    for (const form of forms) addLine(b, form, meaning)
    // A default message counts when it says more than a name would: undici's 'Socket error' (11 letters) says nothing.
    if (e.message !== undefined && (e.message.match(/[A-Za-z]/g) ?? []).length >= 15) addMessage(b, e.message, meaning)
  }
}

/** The sources of every table the index is built from. */
export function lexiconIndexSources (): Record<string, KnowledgeSource> {
  const all = { ...errnoSources, ...glibcMessageSources, ...windowsMessageSources, ...curlSources, ...chromiumNetErrorSources, ...nsUrlErrorSources, ...mozillaErrorSources, ...winHttpErrorSources, ...qtMessageSources, ...chromiumPageSources, ...firefoxPageSources, ...programMessageSources, ...aria2Sources, ...clientErrorSources, ...tlsErrorSources }
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : 1)))
}

/** For tests and benchmarks: the regular expressions the builder runs (over the tables, not over user text). */
export const builderPatterns = (): RegExp[] => [PLACEHOLDER, FRAMES, MARKS, UNFOLDED, NON_ASCII]

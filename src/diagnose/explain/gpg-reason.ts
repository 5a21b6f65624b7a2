/**
 * libgpg-error's code texts where GnuPG's programs print them. gpg, gpgsm, dirmngr and the other programs built on
 * libgpg-error report a failure as `<program>: <what failed>: <code text>` (`gpg: keyserver receive failed: No name`;
 * log_error ("%s: %s", …, gpg_strerror (err))), the code's text last, in the program's language. A code text counts
 * only there: "No name", "End of file" or "No data" anywhere else say nothing about a network.
 *
 * The table (knowledge/gpg-errors.ts, generated from libgpg-error, its catalogues and where dirmngr returns each code)
 * is one JSON string, parsed on the first line that begins with a GnuPG program's name: other texts never pay for it.
 */
import { gpgErrorsJson, type GpgErrorCode } from './knowledge/gpg-errors.js'
import { codeMeaning, type Meaning } from './lexicon.js'
import type { Kind } from './signatures.js'

/** A GnuPG program's name at the start of a line, as its logging prefixes it (`gpg: `, `dirmngr[1234]: `). */
const GPG_LINE = /^[ \t]{0,8}(?:gpg2?|gpgsm|gpgv2?|gpg-agent|gpg-connect-agent|gpgconf|gpgtar|gpg-card|gpg-wks-client|dirmngr|dirmngr-client|keyboxd|scdaemon)(?:\[\d{1,10}\])?: /
/** The separators before a reason: `: `, French `\u00a0: `, the full-width colon of Chinese catalogues. */
const SEPARATOR = /[:：]/g
/** At most this many separators are tried from the line's end: a reason is short and last. */
const MAX_TAILS = 4

interface Reading { entry: GpgErrorCode, lang: string }

let byText: Map<string, Reading[]> | undefined

const normal = (s: string): string => s.trim().replace(/\.$/, '').toLowerCase()

/** Every text of the table (English and each translation), normalised -> the codes that print it. */
function texts (): Map<string, Reading[]> {
  if (byText) return byText
  const map = new Map<string, Reading[]>()
  const add = (text: string, reading: Reading): void => {
    const key = normal(text)
    const list = map.get(key) ?? []
    // One reading a code: the same words in two languages (`No name` untranslated in fr) are one piece of evidence.
    if (!list.some((r) => r.entry === reading.entry)) list.push(reading)
    map.set(key, list)
  }
  for (const entry of JSON.parse(gpgErrorsJson) as GpgErrorCode[]) {
    add(entry.en, { entry, lang: 'en' })
    for (const [lang, t] of Object.entries(entry.translations)) add(t, { entry, lang })
  }
  byText = map
  return map
}

/** What one code means: our label where dirmngr's uses agree, explain's reading of the errno for a system error. */
function meaningOf ({ entry, lang }: Reading): Meaning | null {
  const said = `libgpg-error's ${lang === 'en' ? 'English' : lang} text for ${entry.code}`
  if (entry.kind !== null) return { kind: entry.kind as Kind, weight: entry.weight ?? 0.5, means: said }
  const errno = entry.errno !== undefined ? codeMeaning(entry.errno) : null
  return errno ? { ...errno, means: `${said} (${errno.means})` } : null
}

/**
 * The meanings of the code text a GnuPG program printed as the reason at the end of `line`, with the words read;
 * empty when the line is not such a program's, has no `what: reason` shape, or its reason is no code of the table.
 */
export function gpgReasonOf (line: string): Array<Meaning & { text: string }> {
  const prefix = GPG_LINE.exec(line)
  if (prefix === null) return []
  const rest = line.slice(prefix[0].length)
  const colons: number[] = []
  SEPARATOR.lastIndex = 0
  for (let m = SEPARATOR.exec(rest); m !== null; m = SEPARATOR.exec(rest)) colons.push(m.index)
  const out: Array<Meaning & { text: string }> = []
  // From the last separator back: a code text that itself holds a colon is still found whole.
  for (let i = colons.length - 1; i >= 0 && i >= colons.length - MAX_TAILS; i--) {
    const tail = rest.slice(colons[i]! + 1)
    const readings = texts().get(normal(tail))
    if (!readings) continue
    for (const r of readings) {
      const m = meaningOf(r)
      if (m) out.push({ ...m, text: rest.slice(0, colons[i]).trim() + ': ' + tail.trim() })
    }
    break
  }
  return out
}

/** For tests and benchmarks: the regular expressions gpg-reason.ts runs over untrusted text. */
export function gpgReasonPatterns (): RegExp[] {
  return [GPG_LINE, SEPARATOR]
}

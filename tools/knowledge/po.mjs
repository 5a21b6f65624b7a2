// GNU gettext .po catalogues as projects keep them in their repositories (pgjdbc's translation/*.po): parsing, and
// Java's MessageFormat placeholders written as printf's, the form program-messages.ts keeps every template in.

const UNESCAPE = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' }
const unquote = (s) => s.replace(/\\(.)/g, (_, c) => UNESCAPE[c] ?? `\\${c}`)

/**
 * The entries of a .po text: { msgid, msgstr, fuzzy, from, to } with from/to the entry's 1-based first and last line
 * (comments included), in file order. The header (msgid "") is an entry too; plural forms keep msgstr[0].
 */
export function parsePo (text) {
  const lines = text.split('\n')
  const entries = []
  let at = 0
  while (at < lines.length) {
    while (at < lines.length && lines[at].trim() === '') at++
    if (at >= lines.length) break
    const from = at
    while (at < lines.length && lines[at].trim() !== '') at++
    const block = lines.slice(from, at)
    // An obsolete entry (#~) is no longer used by the program.
    if (block.every((l) => l.startsWith('#'))) continue
    const field = (name) => {
      const i = block.findIndex((l) => l.startsWith(`${name} "`))
      if (i === -1) return undefined
      const parts = [block[i].slice(name.length + 1)]
      for (let j = i + 1; j < block.length && block[j].startsWith('"'); j++) parts.push(block[j])
      return parts.map((p) => unquote(p.trim().slice(1, -1))).join('')
    }
    const msgid = field('msgid')
    if (msgid === undefined || block.some((l) => l.startsWith('msgctxt '))) continue
    entries.push({ msgid, msgstr: field('msgstr') ?? field('msgstr[0]') ?? '', fuzzy: block.some((l) => /^#,.*\bfuzzy\b/.test(l)), from: from + 1, to: at })
  }
  return entries
}

/** MessageFormat as printf: `{0}` and `{1,number}` become %s, a doubled quote one quote (`can''t` -> `can't`). */
export function printfOfMessageFormat (template) {
  return template.replace(/%/g, '%%').replace(/\{\d+(?:,[^}]*)?\}/g, '%s').replace(/''/g, "'")
}

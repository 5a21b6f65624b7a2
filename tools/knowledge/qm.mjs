// Qt's compiled translation catalogues (.qm, as lrelease writes them): the messages with their context, source text
// and translation. The format: a 16-byte magic, then sections (a tag byte, a 32-bit big-endian length); the Messages
// section (0x69) is a run of records, each a list of tagged fields ended by tag 1: 3 translation (UTF-16BE),
// 6 source text, 7 context, 8 comment (bytes, UTF-8), 5 an obsolete 4-byte field. Any other tag is an error here.
import { readFileSync } from 'node:fs'

const MAGIC = Buffer.from([0x3c, 0xb8, 0x64, 0x18, 0xca, 0xef, 0x9c, 0x95, 0xcd, 0x21, 0x1c, 0xbf, 0x60, 0xa1, 0xbd, 0xdd])
const MESSAGES = 0x69

/** Every message of a .qm file: { context, source, comment, translations } (translations: every numerus form). */
export function readQm (path) {
  const buf = readFileSync(path)
  if (!buf.subarray(0, 16).equals(MAGIC)) throw new Error(`${path}: not a .qm file`)
  let section
  for (let p = 16; p < buf.length;) {
    const len = buf.readUInt32BE(p + 1)
    if (buf[p] === MESSAGES) section = buf.subarray(p + 5, p + 5 + len)
    p += 5 + len
  }
  if (!section) throw new Error(`${path}: no messages`)
  const out = []
  let m = { translations: [] }
  for (let p = 0; p < section.length;) {
    const tag = section[p++]
    if (tag === 1) { out.push(m); m = { translations: [] }; continue }
    if (tag === 5) { p += 4; continue }
    const len = section.readUInt32BE(p)
    p += 4
    // A translation of length 0xffffffff is an empty (untranslated) one.
    const data = len === 0xffffffff ? Buffer.alloc(0) : section.subarray(p, p + len)
    if (len !== 0xffffffff) p += len
    if (tag === 3) m.translations.push(Buffer.from(data).swap16().toString('utf16le'))
    else if (tag === 6) m.source = data.toString('utf8')
    else if (tag === 7) m.context = data.toString('utf8')
    else if (tag === 8) m.comment = data.toString('utf8')
    else throw new Error(`${path}: unknown message tag ${tag}`)
  }
  return out
}

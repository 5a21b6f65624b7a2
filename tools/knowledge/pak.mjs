// Chromium's resource packs (.pak, as tools/grit/grit/format/data_pack.py writes them, version 5): a 12-byte header
// (uint32 version, uint32 encoding: 1 UTF-8, 2 UTF-16; uint16 resource count, uint16 alias count), then count + 1
// entries of (uint16 id, uint32 offset), the last one only marking where the data ends, then the aliases (uint16 id,
// uint16 index of the entry it shares), then the data. A locale pack holds one build's UI strings by resource id.
import { readFileSync } from 'node:fs'

/** id -> string of a version 5 .pak file. */
export function readPak (path) {
  const b = readFileSync(path)
  const version = b.readUInt32LE(0)
  if (version !== 5) throw new Error(`${path}: pak version ${version}, not 5`)
  const encoding = b.readUInt32LE(4)
  if (encoding !== 1 && encoding !== 2) throw new Error(`${path}: encoding ${encoding}`)
  const count = b.readUInt16LE(8)
  const aliases = b.readUInt16LE(10)
  const entry = (i) => ({ id: b.readUInt16LE(12 + i * 6), offset: b.readUInt32LE(14 + i * 6) })
  const strings = new Map()
  for (let i = 0; i < count; i++) {
    const { id, offset } = entry(i)
    strings.set(id, b.subarray(offset, entry(i + 1).offset).toString(encoding === 1 ? 'utf8' : 'utf16le'))
  }
  const at = 12 + (count + 1) * 6
  for (let i = 0; i < aliases; i++) strings.set(b.readUInt16LE(at + i * 4), strings.get(entry(b.readUInt16LE(at + i * 4 + 2)).id))
  return strings
}

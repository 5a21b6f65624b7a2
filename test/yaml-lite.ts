/**
 * Just enough YAML for docker/compose.yaml, so its test needs no YAML dependency: nested block mappings, block
 * sequences of scalars, flow sequences of scalars (`["a", "b"]`), quoted and plain scalars, comments. Anything else
 * (anchors, multi-line strings, flow mappings) is rejected loudly rather than misread.
 */
export type YamlValue = string | YamlValue[] | { [key: string]: YamlValue }

interface Line { indent: number, text: string, n: number }

function scalar (raw: string, n: number): string {
  const s = raw.trim()
  if (/^["']/.test(s)) {
    const q = s[0]!
    if (!s.endsWith(q) || s.length < 2) throw new Error(`line ${n}: unterminated string ${s}`)
    return s.slice(1, -1)
  }
  if (/^[&*!|>{]/.test(s)) throw new Error(`line ${n}: unsupported YAML: ${s}`)
  return s
}

function flowList (raw: string, n: number): string[] {
  const inner = raw.trim().slice(1, -1).trim()
  if (inner === '') return []
  const items: string[] = []
  const re = /\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^,]+)\s*(?:,|$)/gy
  let m: RegExpExecArray | null
  while (re.lastIndex < inner.length && (m = re.exec(inner)) !== null) items.push(scalar(m[1]!, n))
  return items
}

function value (raw: string, n: number): YamlValue {
  const s = raw.trim()
  return s.startsWith('[') ? flowList(s, n) : scalar(s, n)
}

function stripComment (text: string): string {
  let quote: string | undefined
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quote) { if (c === quote) quote = undefined; continue }
    if (c === '"' || c === "'") quote = c
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) return text.slice(0, i)
  }
  return text
}

export function parseYaml (source: string): YamlValue {
  const lines: Line[] = []
  source.split('\n').forEach((raw, i) => {
    const text = stripComment(raw).replace(/\s+$/, '')
    if (text.trim() === '') return
    if (text.includes('\t')) throw new Error(`line ${i + 1}: tabs are not YAML indentation`)
    lines.push({ indent: text.length - text.trimStart().length, text: text.trim(), n: i + 1 })
  })
  let pos = 0

  function block (indent: number): YamlValue {
    const first = lines[pos]
    if (!first || first.indent < indent) return ''
    if (first.text.startsWith('- ')) {
      const list: YamlValue[] = []
      while (lines[pos] && lines[pos]!.indent === first.indent && lines[pos]!.text.startsWith('- ')) {
        const line = lines[pos++]!
        list.push(value(line.text.slice(2), line.n))
      }
      return list
    }
    const map: { [key: string]: YamlValue } = {}
    while (lines[pos] && lines[pos]!.indent === first.indent) {
      const line = lines[pos++]!
      const m = /^("[^"]*"|'[^']*'|[^:]+):(?:\s+(.*))?$/.exec(line.text)
      if (!m) throw new Error(`line ${line.n}: expected "key: value", got ${line.text}`)
      const key = scalar(m[1]!, line.n)
      if (key in map) throw new Error(`line ${line.n}: duplicate key ${key}`)
      map[key] = m[2] !== undefined && m[2] !== '' ? value(m[2], line.n) : block(first.indent + 1)
    }
    if (lines[pos] && lines[pos]!.indent > first.indent) throw new Error(`line ${lines[pos]!.n}: unexpected indentation`)
    return map
  }

  const doc = block(0)
  if (pos !== lines.length) throw new Error(`line ${lines[pos]!.n}: could not parse`)
  return doc
}

/** Word-wrapping for text views and help: one way to break prose into lines that fit. */

/** Word-wrap `text` to `width` columns for a block that starts at column `indent`; later lines are indented to match. */
export function wrap (text: string, indent: number, width: number): string {
  const room = width - indent
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > room) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  if (line !== '') lines.push(line)
  return lines.join(`\n${' '.repeat(indent)}`)
}

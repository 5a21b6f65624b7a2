/**
 * Word-wrapping for text views, help and the console: one way to break prose into lines that fit. Widths are terminal
 * columns (escape sequences take none, East Asian wide characters two), so colored text wraps where it looks.
 */

// CSI sequences (colors, cursor moves) and OSC sequences (titles, links) occupy no column.
const ESCAPES = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g
// Combining marks, zero-width joiners and variation selectors sit on the character before them.
const ZERO_WIDTH = /[\u0300-\u036f\u200b-\u200f\u20d0-\u20ff\ufe00-\ufe0f]/u
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e]/

/** Columns a terminal gives `text` (one line, no tabs). */
export function displayWidth (text: string): number {
  // Printable ASCII, as most of our lines are: one column each, without the walk below (its first lines of a run
  // took 1-2.5 ms of explain's text view, in-process).
  if (!NOT_PRINTABLE_ASCII.test(text)) return text.length
  let width = 0
  for (const ch of text.replace(ESCAPES, '')) {
    const cp = ch.codePointAt(0)!
    if (cp < 0x20 || ZERO_WIDTH.test(ch)) continue
    width += isWide(cp) ? 2 : 1
  }
  return width
}

/** The East Asian Wide and Fullwidth blocks (Unicode's EastAsianWidth.txt, W and F), and emoji pictographs. */
function isWide (cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd)
}

/**
 * Fit one line of output to `width` columns: it breaks only at spaces, and every continuation line starts with `hang`
 * spaces. A word wider than the room (a URL) gets a line of its own and is left whole, never cut. The line's leading
 * spaces stay; `width` undefined or 0 (not a terminal) returns the line as it is.
 */
export function fitLine (line: string, width: number | undefined, hang: number): string[] {
  if (width === undefined || width <= 0 || displayWidth(line) <= width) return [line]
  const lead = /^ */.exec(line)![0]
  const pieces = line.slice(lead.length).split(/( +)/)
  const lines: string[] = []
  let current = lead
  let used = lead.length
  let empty = true
  for (let i = 0; i < pieces.length; i += 2) {
    const word = pieces[i]!
    const gap = i > 0 ? pieces[i - 1]! : ''
    const w = displayWidth(word)
    if (!empty && used + gap.length + w > width) {
      lines.push(current)
      current = ' '.repeat(hang) + word
      used = hang + w
    } else {
      current += gap + word
      used += gap.length + w
    }
    empty = false
  }
  lines.push(current)
  return lines
}

/** Word-wrap `text` to `width` columns for a block that starts at column `indent`; later lines are indented to match. */
export function wrap (text: string, indent: number, width: number): string {
  const words = text.split(/\s+/).filter(Boolean).join(' ')
  return fitLine(' '.repeat(indent) + words, Math.max(width, indent + 1), indent).join('\n').slice(indent)
}

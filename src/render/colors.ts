/**
 * Colors only where a person reads them: on a TTY, unless NO_COLOR is set; FORCE_COLOR wins over both
 * (https://no-color.org, https://force-color.org). Node's own `hasColors()` also honours NODE_DISABLE_COLORS and TERM=dumb.
 */
export interface Colors {
  enabled: boolean
  bold (s: string): string
  dim (s: string): string
  red (s: string): string
  green (s: string): string
  yellow (s: string): string
  cyan (s: string): string
  magenta (s: string): string
}

export function colorsEnabled (stream: { readonly isTTY?: boolean, hasColors? (): boolean }, env = process.env): boolean {
  const force = env.FORCE_COLOR
  if (force !== undefined) return force !== '0' && force !== 'false'
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return stream.isTTY === true && (typeof stream.hasColors !== 'function' || stream.hasColors())
}

export function createColors (enabled: boolean): Colors {
  const wrap = (open: number, close: number) => (s: string): string => enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s
  return {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
    magenta: wrap(35, 39),
  }
}

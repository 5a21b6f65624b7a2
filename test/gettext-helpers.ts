import { spawnSync } from 'node:child_process'

/** msgid -> msgstr of a catalogue as gettext's own msgunfmt reads it (independent of the generator's .mo parser). */
export function msgunfmtMessages (file: string): Map<string, string> | null {
  const run = spawnSync('msgunfmt', [file])
  if (run.error || run.status !== 0) return null
  const latin = run.stdout.toString('latin1')
  const charset = /charset=([\w-]+)/i.exec(latin)?.[1] ?? 'UTF-8'
  const po = new TextDecoder(charset).decode(run.stdout)
  const unquote = (s: string): string => s.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' } as Record<string, string>)[c] ?? `\\${c}`)
  const messages = new Map<string, string>()
  for (const block of po.split(/\n\n+/)) {
    if (/^msgctxt /m.test(block)) continue
    const field = (name: string): string | undefined => {
      const m = new RegExp(`^${name} ((?:".*"\\n?)+)`, 'm').exec(block + '\n')
      return m ? [...m[1].matchAll(/^"(.*)"$/gm)].map((x) => unquote(x[1])).join('') : undefined
    }
    const id = field('msgid')
    const str = field('msgstr') ?? field('msgstr\\[0\\]')
    if (id && str !== undefined) messages.set(id, str)
  }
  return messages
}

/** The entries of a generated program-messages.ts, read back from its `programMessagesJson` string. */
export function generatedProgramMessages<T = { program: string; en: string; translations: Record<string, string>; source: string }> (text: string): T[] {
  const line = text.split('\n').find((l) => l.startsWith('export const programMessagesJson: string = '))
  if (!line) throw new Error('no programMessagesJson in the generated module')
  return JSON.parse(JSON.parse(line.slice(line.indexOf('= ') + 2)) as string) as T[]
}

/** The version each catalogue record of a generated program-messages.ts cites (one record a line): id -> version. */
export function generatedSourceVersions (text: string): Map<string, string | undefined> {
  const versions = new Map<string, string | undefined>()
  for (const m of text.matchAll(/^ {2}"(catalogue-[^"]+)": (\{.*\}),?$/gm)) versions.set(m[1]!, (JSON.parse(m[2]!) as { version?: string }).version)
  return versions
}

/** A Debian package's installed version as the generators record it (`15.20-0+deb12u1 (amd64)`), or null. */
export function installedPackageVersion (pkg: string): string | null {
  const run = spawnSync('dpkg-query', ['-W', '-f', '${db:Status-Status} ${Version} ${Architecture}', pkg], { encoding: 'utf8' })
  const m = /^installed (\S+) (\S+)$/.exec(run.stdout?.trim() ?? '')
  if (run.status !== 0 || !m) return null
  return m[2] === 'all' ? m[1]! : `${m[1]} (${m[2]})`
}

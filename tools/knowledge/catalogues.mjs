// Every gettext catalogue installed on this machine, by domain, with the Debian package that owns it: the input of
// the program-messages generator, which picks the messages explain can use out of all of them.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { installedVersion, parseMo } from './lib.mjs'

export const LOCALE_DIR = '/usr/share/locale'
const DPKG_INFO = '/var/lib/dpkg/info'

/** Installed file -> package, from dpkg's file lists (a Multi-Arch: same package's list is named pkg:arch.list). */
function fileOwners () {
  const owners = new Map()
  for (const list of readdirSync(DPKG_INFO).filter((f) => f.endsWith('.list')).sort()) {
    const pkg = list.slice(0, -'.list'.length).split(':')[0]
    for (const file of readFileSync(join(DPKG_INFO, list), 'utf8').split('\n')) {
      if (file.startsWith(LOCALE_DIR) && file.endsWith('.mo')) owners.set(file, pkg)
    }
  }
  return owners
}

/** The first line of a package's Description in dpkg's status file: what the project is, in its packager's words. */
export function installedDescription (pkg) {
  const status = readFileSync('/var/lib/dpkg/status', 'utf8')
  for (const stanza of status.split('\n\n')) {
    if (/^Package: (.+)$/m.exec(stanza)?.[1] !== pkg || !/^Status: install ok installed$/m.test(stanza)) continue
    return /^Description: (.+)$/m.exec(stanza)?.[1] ?? pkg
  }
  throw new Error(`package ${pkg} is not installed (apt-get install -y ${pkg})`)
}

/**
 * domain -> { package, version, byLang: Map(lang -> Map(msgid -> msgstr)) } for every domain in LOCALE_DIR, in
 * order of name. A catalogue no package owns (copied in by hand) has no source to cite and is left out; so is a
 * domain whose catalogues two packages share, which cannot happen on a consistent dpkg database. `only` (a list of
 * domains) reads those alone.
 */
export function installedCatalogues (only) {
  const owners = fileOwners()
  const domains = new Map()
  for (const lang of readdirSync(LOCALE_DIR).sort()) {
    const dir = join(LOCALE_DIR, lang, 'LC_MESSAGES')
    if (!existsSync(dir)) continue
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.mo')).sort()) {
      const path = join(dir, file)
      const domain = file.slice(0, -'.mo'.length)
      if (only !== undefined && !only.includes(domain)) continue
      const pkg = owners.get(path)
      if (!pkg) continue
      const d = domains.get(domain) ?? { package: pkg, byLang: new Map() }
      if (d.package !== pkg) throw new Error(`${domain}.mo belongs to both ${d.package} and ${pkg}`)
      d.byLang.set(lang, parseMo(readFileSync(path)).messages)
      domains.set(domain, d)
    }
  }
  for (const d of domains.values()) d.version = installedVersion(d.package)
  return new Map([...domains].sort(([a], [b]) => (a < b ? -1 : 1)))
}

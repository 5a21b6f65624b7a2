// Every gettext catalogue installed on this machine, wherever its package put it, with the Debian package that owns
// it: the input of the program-messages generator, which picks the messages explain can use out of all of them.
// Programs keep catalogues outside /usr/share/locale too (R in /usr/lib/R/library/translations and each library's
// po/, Django in each app's locale/, vim in /usr/share/vim/vim90/lang), so the files come from dpkg's own lists of
// what each package installed: only packaged files count (each has a package and version to cite), and no disk walk.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { installedVersion, parseMo } from './lib.mjs'

export const LOCALE_DIR = '/usr/share/locale'
const DPKG_INFO = '/var/lib/dpkg/info'
/** <root>/<lang>/LC_MESSAGES/<domain>.mo: gettext's layout (bindtextdomain's directory, then the language). */
const LAYOUT = /^(\/.+)\/([^/]+)\/LC_MESSAGES\/([^/]+)\.mo$/

/**
 * The key a catalogue is known by (in the selection's labels and the table's records): its domain under
 * /usr/share/locale, as before; elsewhere `domain@root`, for one domain name can be installed under several roots
 * (Django's `django` in each of its apps' locale/ folders) and a root names the program better than a domain does.
 */
export function catalogueKey (domain, root) {
  return root === LOCALE_DIR ? domain : `${domain}@${root}`
}

/** Every packaged <root>/<lang>/LC_MESSAGES/<domain>.mo: path -> { pkg, root, lang, domain }, from dpkg's file lists. */
function packagedCatalogues () {
  const files = new Map()
  // A Multi-Arch: same package's list is named pkg:arch.list.
  for (const list of readdirSync(DPKG_INFO).filter((f) => f.endsWith('.list')).sort()) {
    const pkg = list.slice(0, -'.list'.length).split(':')[0]
    for (const file of readFileSync(join(DPKG_INFO, list), 'utf8').split('\n')) {
      const m = LAYOUT.exec(file)
      if (m) files.set(file, { pkg, root: m[1], lang: m[2], domain: m[3] })
    }
  }
  return files
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
 * key (catalogueKey) -> { domain, root, package, version, byLang: Map(lang -> Map(msgid -> msgstr)) } for every
 * packaged catalogue, in order of key. A catalogue no package owns (copied in by hand) has no source to cite and is
 * left out; so is a file a list names that is gone (a package half removed), that is no GNU .mo (a .mo name in
 * gettext's layout holding something else) or whose charset Node cannot decode. One key with two packages cannot happen on a consistent dpkg database.
 * `only` (a list of keys) reads those alone.
 */
export function installedCatalogues (only) {
  const catalogues = new Map()
  // By key, then language (as readdir sorted them before): the order of each entry's translations in the table.
  const files = [...packagedCatalogues()].map(([path, f]) => ({ path, key: catalogueKey(f.domain, f.root), ...f }))
  files.sort((a, b) => (a.key === b.key ? (a.lang < b.lang ? -1 : 1) : a.key < b.key ? -1 : 1))
  for (const { path, key, pkg, root, lang, domain } of files) {
    if (only !== undefined && !only.includes(key)) continue
    let buf
    try {
      if (!statSync(path).isFile()) continue
      buf = readFileSync(path)
    } catch (err) {
      if (err.code === 'ENOENT') continue
      throw err
    }
    let messages
    try {
      messages = parseMo(buf).messages
    } catch (err) {
      // Not a GNU .mo, or in a charset Node's TextDecoder lacks (R's zh_TW RGui.mo, of its Windows GUI, is CP950,
      // which Big5 only approximates): left out rather than read wrong.
      if (/not a GNU \.mo file/.test(err.message) || err.code === 'ERR_OUT_OF_RANGE' || err.code === 'ERR_ENCODING_NOT_SUPPORTED') continue
      throw err
    }
    const c = catalogues.get(key) ?? { domain, root, package: pkg, byLang: new Map() }
    if (c.package !== pkg) throw new Error(`${path} belongs to ${pkg}, its siblings to ${c.package}`)
    c.byLang.set(lang, messages)
    catalogues.set(key, c)
  }
  for (const c of catalogues.values()) c.version = installedVersion(c.package)
  return new Map([...catalogues].sort(([a], [b]) => (a < b ? -1 : 1)))
}

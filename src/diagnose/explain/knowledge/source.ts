/** Where facts came from: a repository file at a commit, an installed Debian package file, or a document. */
export interface KnowledgeSource {
  id: string
  project: string
  version?: string
  repo?: string
  commit?: string
  path?: string
  /** The committed extract of a repository file the generator reads (tools/knowledge/sources/…). */
  extract?: string
  package?: string
  url?: string
}

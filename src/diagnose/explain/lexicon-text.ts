/**
 * Where lexicon.ts reads its index from: knowledge/lexicon-index.ts's two strings, asked for a part at a time (a
 * section of the stored index, one key's bucket span, one bucket's text).
 *
 * Why parts: explain's quick file (dist/cli/quick-explain.cjs) replaces this module with one that reads the same text
 * from dist/cli/lexicon-index.utf16 beside it, a part at a time and only when asked (tools/build/bundle.mjs,
 * LEXICON_ASIDE). Reading the whole 1.3 MB file, making it a string and parsing the index's 137 K characters of JSON
 * cost 1.3 + 1.1 + 3.2 ms of every explain's start on Node 20 (a fresh process), though a short text asks for a few
 * keys and buckets. Here, in tsc's build and main.js's chunks, the strings are compiled in: each part is a slice or a
 * property of the index parsed once.
 */
import { lexiconBuckets, lexiconIndexJson } from './knowledge/lexicon-index.js'
import type { StoredLexicon } from './lexicon.js'

/** The parts of the stored index that are read whole. */
export type LexiconSection = 'numbers' | 'curl' | 'chromium' | 'aria2' | 'nsurl' | 'mozilla' | 'winhttp' | 'qt' | 'tls' | 'strings'
/** The two maps from a key to its bucket of messages. */
export type BucketMap = 'words' | 'pairs'

let stored: StoredLexicon | undefined
const index = (): StoredLexicon => stored ??= JSON.parse(lexiconIndexJson) as StoredLexicon

export function lexiconSection<S extends LexiconSection> (name: S): StoredLexicon[S] {
  return index()[name]
}

/** Where `key`'s bucket is in the buckets' text, [start, length]; undefined when no message has that key. */
export function bucketSpan (map: BucketMap, key: string): [number, number] | undefined {
  const spans = index()[map]
  return Object.hasOwn(spans, key) ? spans[key] : undefined
}

/** Every key of `map`, in the index's order. */
export function bucketKeys (map: BucketMap): string[] {
  return Object.keys(index()[map])
}

/** The text of the bucket at [start, start + length). */
export function bucketText (start: number, length: number): string {
  return lexiconBuckets.slice(start, start + length)
}

/**
 * The corpus (test/fixtures/explain-corpus/<family>.json, captured or quoted) as the rule tests read it: a family's entries, and
 * one entry by id that must be in the development split (no test may read a test-split text).
 */
import { readFileSync } from 'node:fs'
import type { Kind } from '../src/diagnose/explain/signatures.js'

export interface CorpusEntry { id: string, text: string, kind: Kind, split: string, program: string, scenario?: string, locale: string }

export function corpusFamily (name: string): CorpusEntry[] {
  return JSON.parse(readFileSync(new URL(`./fixtures/explain-corpus/${name}.json`, import.meta.url), 'utf8')) as CorpusEntry[]
}

export function devEntry (name: string, id: string): CorpusEntry {
  const e = corpusFamily(name).find((x) => x.id === id)
  if (e === undefined) throw new Error(`${name}.json has no ${id}`)
  if (e.split !== 'dev') throw new Error(`${id} is in the test split: no test may read it`)
  return e
}

/**
 * `--transcript <file.md>`: a markdown handout of what happened, written from the same events the console shows.
 * Steps become headings; narration paragraphs; every observation a line (worded by format.ts) with the time it
 * happened; every error the client printed, verbatim, in a code block; the why, the fix and the result.
 */
import { writeFileSync } from 'node:fs'
import { storyTime } from '../core/clock.js'
import type { DoneEvent, LabEvent, ObserveEvent, Sink, StartEvent } from '../core/events.js'
import { escapeStrings } from './escape.js'
import { describeDone, describeObservation, ms } from './format.js'

const marks = { good: '✔', bad: '✘', info: '•' }

/**
 * Escape markdown emphasis and HTML outside `code spans` (narration may quote code in backticks on purpose). An
 * underscore inside a word (ip_local_port_range) is left alone: it cannot start emphasis.
 */
function inline (text: string): string {
  return text.split(/(`[^`]*`)/)
    .map((part, i) => i % 2 === 1 ? part : part.replace(/([\\*<])/g, '\\$1').replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_'))
    .join('')
}

/** A fenced block that its content cannot close: a fence longer than any backtick run inside. */
function codeBlock (lines: string[], indent = ''): string[] {
  const longest = Math.max(2, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((r) => r.length))))
  const fence = '`'.repeat(longest + 1)
  return [`${indent}${fence}text`, ...lines.map((l) => `${indent}${l}`), `${indent}${fence}`]
}

/** What the client (or the server, for a failed listen) printed, exactly: the message, then each inner error's. */
function printed (e: ObserveEvent): string[] {
  if (e.kind === 'listen-error') return [e.message]
  if (e.kind !== 'attempt' || e.outcome.message === undefined) return []
  return [e.outcome.message, ...(e.outcome.causes ?? []).map((c) => `  cause: ${c.message}`)]
}

function observation (e: ObserveEvent): string[] {
  const line = describeObservation(e)
  const text = line.tone === 'bad' ? `**${inline(line.text)}**` : inline(line.text)
  const out = [`- ${marks[line.tone]} ${text} · at +${ms(storyTime(e))}`]
  const verbatim = printed(e)
  if (verbatim.length > 0) out.push('', ...codeBlock(verbatim, '  '), '')
  return out
}

function header (e: StartEvent): string[] {
  const out = [`# ${e.scenario}: ${inline(e.title)}`, '', `**Symptom:** ${inline(e.symptom)}`, '']
  if (e.codes.length > 0) out.push(`**Reproduces:** ${e.codes.map((c) => `\`${c}\``).join(', ')}`, '')
  out.push(`Run with Node ${e.node} on ${e.platform}. Every number below was measured in this run.`)
  return out
}

function result (e: DoneEvent): string[] {
  const line = describeDone(e)
  const out = ['## Result', '', `${marks[line.tone]} ${inline(line.text[0]!.toUpperCase() + line.text.slice(1))}.`, '']
  if (e.observed.length > 0) out.push(`- Observed: ${e.observed.map((c) => `\`${c}\``).join(', ')}`)
  if (e.missing.length > 0) out.push(`- Missing: ${e.missing.map((c) => `\`${c}\``).join(', ')}`)
  out.push(`- Duration: ${ms(e.durationMs)}`)
  return out
}

/** One run: the events from its `start` to its `done`. */
function renderRun (events: readonly LabEvent[]): string[] {
  // Why and fix that close the story get sections of their own, and so does the cleanup the Lab does after it (services
  // still open are closed then). Why and fix in the middle of the story stay in place.
  const closes = (e: LabEvent): boolean => e.type === 'explain' || e.type === 'fix' || e.type === 'done' || (e.type === 'observe' && e.kind === 'closed')
  let closing = events.length
  while (closing > 0 && closes(events[closing - 1]!)) closing--
  const why: string[] = []
  const fixes: string[] = []
  const cleanup: string[] = []
  const out: string[] = []
  events.forEach((e, i) => {
    switch (e.type) {
      case 'start': out.push(...header(e)); break
      case 'step': out.push('', `## ${e.n}. ${inline(e.title)}`, ''); break
      case 'say': out.push('', inline(e.text), ''); break
      case 'observe':
        if (i >= closing) cleanup.push(...observation(e))
        else out.push(...observation(e))
        break
      case 'explain':
        if (i >= closing) why.push(`- ${inline(e.text)}`)
        else out.push('', `> **Why:** ${inline(e.text)}`, '')
        break
      case 'fix':
        if (i >= closing) fixes.push(`- ${inline(e.text)}`)
        else out.push('', `> **Fix:** ${inline(e.text)}`, '')
        break
      case 'done':
        if (why.length > 0) out.push('', '## Why', '', ...why)
        if (fixes.length > 0) out.push('', '## The fix', '', ...fixes)
        if (cleanup.length > 0) out.push('', '## Cleanup', '', ...cleanup)
        out.push('', ...result(e))
        break
    }
  })
  return out
}

/** The handout for one or more runs (e.g. `demo --all`), from their events in order. */
export function renderTranscript (events: readonly LabEvent[]): string {
  const runs: LabEvent[][] = []
  for (const event of events) {
    // A handout is read in a terminal too (`cat`, `less -R`): what came from outside is shown escaped there as well.
    const e = escapeStrings(event)
    if (e.type === 'start' || runs.length === 0) runs.push([])
    runs.at(-1)!.push(e)
  }
  const text = runs.map((r) => renderRun(r).join('\n')).join('\n\n---\n\n')
  // Collapse the blank lines that neighbouring blocks both asked for.
  return `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`
}

/**
 * A sink that keeps the events and writes the handout to `path` each time a run ends, synchronously, so the file is
 * complete before the process exits (with `--all`, one file holds every run so far).
 */
export function transcriptRenderer (path: string): Sink {
  const events: LabEvent[] = []
  return function renderToTranscript (e: LabEvent): void {
    events.push(structuredClone(e))
    if (e.type === 'done') writeFileSync(path, renderTranscript(events))
  }
}

import t from 'tap'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LabEvent } from '../src/core/events.js'
import { renderTranscript } from '../src/render/transcript.js'
import { cli, summarize } from './helpers.js'

t.test('demo ephemeral --transcript: the measured ports, the steps in order, the errors verbatim', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-transcript-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const file = join(dir, 'handout.md')
  const r = await cli(['demo', 'ephemeral', '--json', '--transcript', file])
  t.equal(r.code, 0, r.stderr)
  const md = readFileSync(file, 'utf8')
  const run = summarize(r.events)

  t.match(md, /^# ephemeral: Where 127\.0\.0\.1:62893 comes from\n/, 'the title')
  t.match(md, `**Symptom:** ${run.events[0]!.type === 'start' ? run.events[0]!.symptom : ''}`)

  // Every port the run observed (listeners, and both ends of every connection) is in the handout, as observed.
  const ports = new Set<string>()
  for (const o of run.observations) {
    if (o.kind === 'listening' || o.kind === 'closed' || o.kind === 'listen-error') ports.add(`${o.address}:${o.port}`)
    if (o.kind === 'attempt' && o.outcome.localPort !== undefined) ports.add(`${o.outcome.localAddress}:${o.outcome.localPort}`)
    if (o.kind === 'attempt' && o.outcome.port !== undefined) ports.add(`${o.outcome.address}:${o.outcome.port}`)
  }
  t.ok(ports.size >= 6, `${ports.size} distinct address:port pairs observed`)
  for (const p of ports) t.ok(md.includes(p), `the handout names ${p}`)

  // The steps are headings, in the order the run emitted them.
  const steps = run.events.flatMap((e) => e.type === 'step' ? [`## ${e.n}. ${e.title}`] : [])
  t.ok(steps.length >= 5)
  const at = steps.map((h) => md.indexOf(`\n${h}\n`))
  t.notOk(at.includes(-1), 'every step is a heading')
  t.same(at, [...at].sort((a, b) => a - b), 'in order')

  // Each refusal appears as the client printed it, in a code block.
  const refused = run.attempts.filter((a) => a.code === 'ECONNREFUSED')
  t.ok(refused.length > 0)
  for (const a of refused) t.ok(md.includes(`  \`\`\`text\n  ${a.message}\n  \`\`\``), `verbatim: ${a.message}`)
  const clash = run.observations.find((o) => o.kind === 'listen-error')
  t.ok(clash?.kind === 'listen-error' && md.includes(clash.message), 'the EADDRINUSE message too')

  t.match(md, /\n## Why\n/)
  t.match(md, /\n## The fix\n/)
  t.match(md, new RegExp(`\\n## Result\\n\\n✔ Reproduced ${run.done.observed.join(', ')} in `))
})

t.test('a fetch failure keeps its cause; markdown in narration is escaped, code spans are not', async (t) => {
  const events: LabEvent[] = [
    { scenario: 's', t: 0, type: 'start', title: 'T', symptom: 'S', codes: ['ECONNREFUSED'], node: 'v20', platform: 'linux' },
    { scenario: 's', t: 1, type: 'step', n: 1, title: 'one' },
    { scenario: 's', t: 2, type: 'say', text: 'a *star*, an <b>, and `code_here*`' },
    {
      scenario: 's', t: 3, type: 'observe', kind: 'attempt',
      outcome: {
        client: 'http', ok: false, target: { host: '127.0.0.1', port: 9 }, request: 'GET http://127.0.0.1:9/', code: 'ECONNREFUSED',
        elapsedMs: 1.5, message: 'fetch failed', causes: [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:9' }],
      },
    },
    { scenario: 's', t: 4, type: 'explain', text: 'mid-story why' },
    { scenario: 's', t: 5, type: 'step', n: 2, title: 'two' },
    { scenario: 's', t: 6, type: 'done', ok: false, observed: [], missing: ['ECONNREFUSED'], durationMs: 6 },
  ]
  const md = renderTranscript(events)
  t.match(md, 'a \\*star\\*, an \\<b>, and `code_here*`')
  t.match(md, '  ```text\n  fetch failed\n    cause: connect ECONNREFUSED 127.0.0.1:9\n  ```')
  t.match(md, '> **Why:** mid-story why', 'a why in the middle of the story stays where it was said')
  t.notMatch(md, '## Why')
  t.match(md, '✘ Not reproduced: expected ECONNREFUSED but did not see it.')
})

t.test('--transcript to a folder that does not exist: one line, exit 2, before anything runs', async (t) => {
  const r = await cli(['demo', 'ephemeral', '--transcript', '/nonexistent-dir/handout.md'])
  t.equal(r.code, 2)
  t.match(r.stderr, /^localhost-lab: cannot write the transcript to '\/nonexistent-dir\/handout\.md' \(ENOENT\)/)
  t.equal(r.stderr.trim().split('\n').length, 1)
  t.equal(r.stdout, '')
})

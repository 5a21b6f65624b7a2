/**
 * Every lesson explain sends a user to reproduces that user's kind of failure: for each kind (and each variant), the
 * scenario it names is run for real, and one of the codes it observed (`done.observed`: error codes, HTTP statuses,
 * WebSocket close codes) is one explain itself reads as that kind.
 */
import t from 'tap'
import { findScenario } from '../demos/index.js'
import { explain } from '../src/diagnose/explain/explain.js'
import { KINDS, SIGNATURES, type Kind } from '../src/diagnose/explain/signatures.js'
import { collect } from './helpers.js'

/** Kinds that are not failures a lesson could observe: nothing to reproduce. */
const NOT_FAILURES: readonly Kind[] = ['unknown', 'address', 'announcement']

/** An observed code as a program would print it, so that explain reads it in its context. */
function asText (code: string): string {
  if (/^[1-5]\d\d$/.test(code)) return `HTTP/1.1 ${code}`
  if (/^1\d{3}$/.test(code)) return `WebSocket closed with code ${code}`
  return code
}

/** Every kind explain considers for the code, in order. */
function kindsOf (code: string): Kind[] {
  return explain(asText(code)).candidates.map((c) => c.kind)
}

t.test('each kind names lessons that observe a code of that kind', async (t) => {
  const wanted = new Map<string, Set<Kind>>()
  for (const sig of SIGNATURES) {
    if (NOT_FAILURES.includes(sig.kind)) continue
    for (const scenario of [sig.scenario, ...(sig.variants ?? []).map((v) => v.scenario)]) {
      wanted.set(scenario, (wanted.get(scenario) ?? new Set()).add(sig.kind))
    }
  }
  t.ok(KINDS.filter((k) => !NOT_FAILURES.includes(k)).every((k) => [...wanted.values()].some((s) => s.has(k))), 'every failure kind names a lesson')
  const observed = new Map<string, string[]>()
  for (const [id, kinds] of wanted) {
    const scenario = findScenario(id)
    t.ok(scenario, `${id} is in the catalogue`)
    if (!scenario) continue
    const run = await collect(scenario)
    observed.set(id, run.done.skipped ? [] : run.done.observed)
    if (run.done.skipped) {
      t.comment(`${id} skipped here: ${run.done.skipped}`)
      continue
    }
    for (const kind of kinds) {
      const codes = run.done.observed.filter((code) => kindsOf(code).includes(kind))
      t.ok(codes.length > 0, `${kind} -> ${id}: observed ${run.done.observed.join(', ')}; of that kind: ${codes.join(', ') || 'none'}`)
    }
  }

  // A user's typical text of each new lesson's kind is sent to a lesson that shows a code of that kind.
  const typical: Array<[Kind, string]> = [
    ['dns', 'Error: getaddrinfo ENOTFOUND api.tset\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)'],
    ['proxy', '[vite] http proxy error: /api/hello\nError: connect ECONNREFUSED 127.0.0.1:8080'],
    ['protocol-mismatch', 'Error: write EPROTO 40E7B2C6:error:0A00010B:SSL routines:ssl3_get_record:wrong version number'],
    ['websocket-handshake', 'Error: Unexpected server response: 404\n    at ClientRequest.<anonymous> (node_modules/ws/lib/websocket.js:913:7)'],
  ]
  for (const [kind, text] of typical) {
    const top = explain(text).candidates[0]!
    t.equal(top.kind, kind, `explain reads "${text.split('\n')[0]}" as ${kind}`)
    const seen = observed.get(top.scenario)
    if (seen === undefined || seen.length === 0) continue
    t.ok(seen.some((code) => kindsOf(code).includes(kind)), `${top.scenario} observed a ${kind} code: ${seen.join(', ')}`)
  }
})

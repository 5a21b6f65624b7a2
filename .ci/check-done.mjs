// Reads `demo --all --json` output on stdin; passes when every scenario named on the command line ended with an ok
// `done` event (a skip counts as ok: it carries its reason). Prints one line per scenario.
const expected = process.argv.slice(2)
let text = ''
process.stdin.on('data', (d) => { text += d })
process.stdin.on('end', () => {
  const done = new Map()
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue
    const e = JSON.parse(line)
    if (e.type === 'done') done.set(e.scenario, e)
  }
  let failed = 0
  for (const id of expected) {
    const d = done.get(id)
    const ok = d !== undefined && d.ok === true
    if (!ok) failed++
    const how = d === undefined ? 'no done event' : d.skipped ? `skipped: ${d.skipped}` : d.ok ? `ok in ${Math.round(d.durationMs)} ms` : `NOT ok: ${d.error?.message ?? `missing ${d.missing.join(', ')}`}`
    console.log(`  ${ok ? 'ok' : 'FAIL'} ${id}: ${how}`)
  }
  console.log(`catalogue on Node ${process.version.slice(1)}: ${expected.length - failed} of ${expected.length} scenarios ok`)
  process.exitCode = failed > 0 ? 1 : 0
})

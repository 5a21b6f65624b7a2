import t from 'tap'
import fc from 'fast-check'
import { displayWidth, fitLine, wrap } from '../src/render/wrap.js'

t.test('displayWidth counts columns: escapes none, wide characters two', async (t) => {
  t.equal(displayWidth('\u001b[31mred\u001b[39m'), 3)
  t.equal(displayWidth('✔ ok'), 4)
  t.equal(displayWidth('日本'), 4)
  t.equal(displayWidth('e\u0301'), 1, 'a combining accent sits on its letter')
})

t.test('displayWidth of printable ASCII (its fast path) agrees with the walk over characters', async (t) => {
  // The same text with one é more takes the walk: one column more, whatever the ASCII before it.
  const ascii = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) })
  fc.assert(fc.property(ascii, (s) => displayWidth(s) === s.length && displayWidth(`${s}\u00e9`) === s.length + 1), { numRuns: 2000 })
  t.equal(displayWidth('\u001b[1m'), 0, 'an escape is not printable ASCII: it takes the walk')
})

t.test('fitLine breaks at spaces only, continuation lines hang, a word wider than the room stays whole', async (t) => {
  const line = `   ${'word '.repeat(30).trim()}`
  const rows = fitLine(line, 40, 5)
  t.ok(rows.length > 1)
  t.ok(rows.every((r) => r.length <= 40))
  t.ok(rows.slice(1).every((r) => r.startsWith('     w')), 'continuations start at the hang')
  t.equal(rows.join(' ').replace(/\s+/g, ' ').trim(), line.trim().replace(/\s+/g, ' '), 'nothing lost, nothing cut')
  const url = `https://example.org/${'x'.repeat(60)}`
  t.same(fitLine(`   see ${url} now`, 40, 3), ['   see', `   ${url}`, '   now'], 'the URL alone exceeds the width')
  t.same(fitLine(`   \u001b[31m${'ab '.repeat(12).trim()}\u001b[39m`, 40, 3), [`   \u001b[31m${'ab '.repeat(12).trim()}\u001b[39m`], 'colors take no room: 38 columns fit in 40')
  t.same(fitLine('x'.repeat(100), undefined, 3), ['x'.repeat(100)], 'not a terminal: as it is')
})

t.test('wrap keeps what help and explain had: a block at a column, later lines indented to it', async (t) => {
  t.equal(wrap('one two three four', 4, 14), 'one two\n    three four')
  t.equal(wrap('', 4, 14), '')
})

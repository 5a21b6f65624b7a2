/**
 * render/format.ts `count`: the lessons' byte and packet counts, grouped as `toLocaleString('en')` groups them,
 * without loading ICU's number formatting (12-14 ms at its first use). Checked against that call itself.
 */
import t from 'tap'
import fc from 'fast-check'
import { count } from '../src/render/format.js'

t.test('count writes every safe integer as toLocaleString("en") does', async (t) => {
  for (const n of [0, 7, -7, 999, 1000, -1000, 10_485_760, 2 ** 53 - 1, -(2 ** 53 - 1)]) t.equal(count(n), n.toLocaleString('en'), String(n))
  fc.assert(fc.property(fc.maxSafeInteger(), (n) => count(n) === n.toLocaleString('en')), { numRuns: 2000 })
  fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 7 }), (n) => count(n) === n.toLocaleString('en')), { numRuns: 2000 })
})

t.test('anything else is left to toLocaleString("en")', async (t) => {
  for (const n of [1.5, 1234.5678, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY]) t.equal(count(n), n.toLocaleString('en'), String(n))
})

/**
 * The dashboard page puts text from outside (pasted errors, process names, events) into the page as text, never as
 * HTML: every DOM write in app.js goes through textContent, attributes or append. This reads the page's source, so a
 * later `innerHTML =` (or any other HTML sink) fails here, before a browser ever parses a process name as markup.
 */
import t from 'tap'
import { readFileSync } from 'node:fs'

const source = readFileSync(new URL('../src/dashboard/public/app.js', import.meta.url), 'utf8')

t.test('app.js has no HTML sink', async (t) => {
  for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'createContextualFragment', 'DOMParser', 'setHTMLUnsafe', 'parseHTMLUnsafe', 'srcdoc', 'eval(', 'new Function']) {
    t.notOk(source.includes(sink), `no ${sink}`)
  }
  t.match(source, /key === 'text'\) node\.textContent = value/, "el()'s text goes in as textContent")
})

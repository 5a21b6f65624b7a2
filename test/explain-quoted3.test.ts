/**
 * The rules added for quoted-3.json (users' texts from public issues, round 3), each checked on what it rests on: the
 * quoted texts of the development split (read by id; a test-split id throws), the wording the rule is about in forms
 * the corpus does not hold, and a look-alike the rule must leave alone, so each check can fail.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import { windowsMessages } from '../src/diagnose/explain/knowledge/windows-messages.js'
import { programMessages } from '../src/diagnose/explain/knowledge/program-messages.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { devEntry, type CorpusEntry } from './corpus-entries.js'

const quoted = (id: string): CorpusEntry => devEntry('quoted-3', id)

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind

t.test('Windows\' Brazilian Portuguese text for WSAECONNREFUSED is a refusal, with or without the code', async (t) => {
  const pt = windowsMessages.find((m) => m.code === 10061)!.texts.filter((x) => x.lang === 'pt-BR')
  t.equal(pt.length, 1, 'the table holds it once, with its quote')
  t.ok(pt[0]!.quotes.every((q) => q.quote.includes(pt[0]!.text)), 'the text is in its quote')
  t.equal(first(quoted('quoted-totvs-advpl-vscode-367').text), 'refused')
  t.equal(first('ConnectionRefusedError: [WinError 10061] Nenhuma conexão pôde ser feita porque a máquina de destino as recusou ativamente'), 'refused', 'from Python, with the code')
  // Windows' pt-BR text for another code must not read as a refusal.
  t.not(first('System.IO.IOException: Foi forçado o cancelamento de uma conexão existente pelo host remoto.'), 'refused')
})

t.test('a URL with 0.0.0.0 as its host names it as a destination: an address to explain, unless the line announces it', async (t) => {
  for (const id of ['quoted-answerdotai-fasthtml-97', 'quoted-cookiecutter-cookiecutter-django-3740', 'quoted-openai-chatgpt-retrieval-plugin-156', 'quoted-europython-epcon-1456']) {
    const r = explain(quoted(id).text)
    t.equal(r.candidates[0]?.kind, 'address', id)
    t.equal(r.candidates[0]?.scenario, 'zero-address', `${id}: the zero-address lesson`)
  }
  t.equal(first('fetch("http://0.0.0.0:3000/api") fails on Windows, works on my Mac'), 'address', 'a URL the corpus does not hold')
  t.equal(first('wss://0.0.0.0:8443/socket does not open in Edge'), 'address', 'a WebSocket URL')
  // The server saying it listens on 0.0.0.0 is an announcement; a failure next to such a URL stays the failure.
  t.equal(first('Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...'), 'announcement')
  t.equal(first('Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect (net.js:1141:16)\nserver: http://0.0.0.0:3000'), 'refused')
  t.not(explain('cant run http://127.0.0.1:5001 I must use http://localhost:5001/ instead').candidates[0]?.scenario, 'zero-address', 'a URL to a real address is not the zero-address lesson')
})

t.test('eventlet\'s "wsgi starting up on" and newer Django\'s "Starting development server at" announce where they listen', async (t) => {
  const eventlet = programMessages.find((m) => m.program === 'eventlet')
  t.equal(eventlet?.kind, 'announcement')
  t.equal(eventlet?.en, '(%s) wsgi starting up on %s', 'the format of eventlet/wsgi.py, as printf')
  t.equal(first(quoted('quoted-dgtlmoon-changedetection.io-362').text), 'announcement')
  t.equal(first('(31337) wsgi starting up on http://127.0.0.1:8080'), 'announcement', 'another pid, address and port')
  t.equal(first('Starting development server at http://127.0.0.1:8000/\nQuit the server with CONTROL-C.'), 'announcement')
  // A failure right after the line is the answer (issue 11: the announcement is its context).
  t.equal(first('(7) wsgi starting up on http://0.0.0.0:5000\nOSError: [Errno 98] Address already in use'), 'port-in-use')
})

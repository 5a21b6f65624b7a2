/**
 * The rules added after quoted-7.json (users' texts from public issues, round 7) and round 13's captured programs,
 * each checked on what it rests on: texts of the development split (read by id; a test-split id throws), the wording in
 * forms the corpus does not hold, and a look-alike the rule must leave alone, so each check can fail.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { devEntry } from './corpus-entries.js'

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind
const top3 = (text: string): Kind[] => explain(text).candidates.slice(0, 3).map((c) => c.kind)

t.test('engine.io-client\'s "xhr poll error" is a connect that failed without saying why (socketio/engine.io-client polling.ts)', async (t) => {
  // quoted: socketio/socket.io-website#215, the Java client's EngineIOException alone: labelled timeout, refused accepted.
  const java = devEntry('quoted-7', 'quoted-socketio-socket.io-website-215')
  t.equal(first(java.text), 'refused')
  t.ok(top3(java.text).includes(java.kind), 'the thread\'s timeout in the top three')
  // quoted: socketio/socket.io#5089, the Node client's uncaught error with its stack.
  t.equal(first(devEntry('quoted-6', 'quoted-socketio-socket.io-5089').text), 'refused')
  // A browser console line the corpus does not hold.
  t.equal(first('socket.io.js:1 connect_error Error: xhr poll error'), 'refused')
  // A look-alike: an XHR that got its answer and failed on it is no connect failure.
  t.not(first('xhr poll response parse error: unexpected token'), 'refused')
})

t.test('libvirt\'s "End of file while reading data" is a hang-up (libvirt/libvirt virnetsocket.c, virNetSocketReadWire)', async (t) => {
  // captured: virsh against a listener that closes, in C and in Polish (libvirt prints it in English in every locale).
  for (const id of ['virsh-hang-up', 'virsh-hang-up-pl-pl']) t.equal(first(devEntry('translated-clients', id).text), 'hang-up', id)
  // The same through libvirt-python, as a user's traceback prints it.
  t.equal(first("libvirt.libvirtError: End of file while reading data: Input/output error"), 'hang-up')
  // No look-alike here: libvirt's sentence alone cannot be told from a program reading a file ("end of file while
  // reading data section of firmware.bin"), and the table holds libvirt's catalogue entry, so both read as a hang-up.
})

/**
 * A Node process with its debugger open, as `node --inspect=127.0.0.1:0` leaves one: the inspector listens on
 * 127.0.0.1 on a port the OS picks and prints its `Debugger listening on ws://…` line to stderr, as every Node does.
 * Started by the is-it-dangerous lesson through `startProgram`, so the lab owns it and kills it at the end. It opens
 * the inspector with `inspector.open()` rather than the flag because startProgram runs `node …/children/<name>.js`:
 * the socket, the HTTP endpoints and the line Node prints are the same ones `--inspect` gives (Node's own
 * inspector_socket_server serves both).
 *
 * Its hello names the inspector's listener; the lesson still reads the port from the line, as a user would.
 */
import inspector from 'node:inspector'
import { leaveWithParent, programSpec, sayHello, sayListenFailed } from './protocol.js'

leaveWithParent()
programSpec('inspector', undefined)
try {
  inspector.open(0, '127.0.0.1')
} catch (err) {
  sayListenFailed(err as NodeJS.ErrnoException, { host: '127.0.0.1', port: 0 })
}
const url = inspector.url()
if (url !== undefined) {
  const port = Number(new URL(url).port)
  sayHello('inspector', { type: 'hello', pid: process.pid, listeners: [{ name: 'inspector', kind: 'tcp', address: '127.0.0.1', port, family: 'IPv4' }] })
}
// Stay alive until the lab goes (leaveWithParent) or kills it.
setInterval(() => {}, 1 << 30)

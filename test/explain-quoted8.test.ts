/**
 * The facts added after quoted-8.json (users' texts from public issues, round 8, sampled by ecosystem and failure),
 * each checked on the quoted texts of the development split (read by id; a test-split id throws), the wording in a form
 * the corpus does not hold, and a look-alike the rule must leave alone.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { devEntry } from './corpus-entries.js'

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind
const quoted = (id: string): string => devEntry('quoted-8', id).text

t.test('Windows\' ERROR_CONNECTION_REFUSED (1225): "The remote computer refused the network connection."', async (t) => {
  t.equal(first(quoted('quoted-flutter-flutter-153706')), 'refused')
  t.equal(first('SocketException: The remote computer refused the network connection.\r\n (OS Error: The remote computer refused the network connection.\r\n, errno = 1225), address = 127.0.0.1, port = 50312'), 'refused')
})

t.test('a gateway\'s status in words, and the Kubernetes API server\'s proxy answer (pkg/util/proxy/transport.go)', async (t) => {
  t.equal(first(quoted('quoted-rizafahmi-phoenix-jobs-6')), 'proxy')
  t.equal(first(quoted('quoted-kubernetes-ingress-nginx-5121')), 'proxy')
  t.equal(first(quoted('quoted-kubernetes-retired-dashboard-2893')), 'proxy')
  t.equal(first("Error: 'dial tcp 10.244.1.7:8443: i/o timeout'\nTrying to reach: 'https://10.244.1.7:8443/'"), 'proxy')
  // A look-alike: a 502 that is a count, not a status.
  t.not(first('Processed 502 records in 3.1 s'), 'proxy')
})

t.test('a gen_server call that timed out (Erlang/OTP gen_server:call/3), in Erlang\'s and Elixir\'s words', async (t) => {
  t.equal(first(quoted('quoted-elixir-ecto-db-connection-107')), 'timeout')
  t.equal(first('** (exit) exited in: GenServer.call(MyApp.Cache, {:get, "k"}, 5000)\n    ** (EXIT) time out'), 'timeout')
  t.not(first('{:error, {:gen_server, :call, :noproc}}'), 'timeout')
})

t.test('python-websockets\' "connection handler failed" is a connection closed with an error (legacy/server.py)', async (t) => {
  t.equal(first(quoted('quoted-lucianocirino-efficiency-nodes-comfyui-89')), 'websocket-abnormal-close')
  t.not(first('The connection handler failed to start because the config file is missing'), 'websocket-abnormal-close')
})

/**
 * The rules added for quoted-2.json (users' texts from public issues, round 2), each checked on what it rests on: the
 * quoted texts of the development split (read by id; a test-split id throws), the wording the rule is about in forms
 * the corpus does not hold, and a look-alike the rule must leave alone, so each check can fail.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import { windowsMessages } from '../src/diagnose/explain/knowledge/windows-messages.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { corpusFamily, devEntry, type CorpusEntry } from './corpus-entries.js'

const quoted = (id: string): CorpusEntry => devEntry('quoted-2', id)

const kinds = (text: string): Kind[] => explain(text).candidates.map((c) => c.kind)
const first = (text: string): Kind | undefined => kinds(text)[0]

t.test('"was refused" after the connection it names is a refusal (kubectl\'s sentence, and any other)', async (t) => {
  for (const id of ['quoted-liumiaocn-easypack-7', 'quoted-kubernetes-minikube-1546']) {
    const e = quoted(id)
    t.match(e.text, /The connection to the server \S+ was refused/)
    t.equal(first(e.text), 'refused', id)
  }
  // kubectl to localhost: the container rule (a Kubernetes tool, a loopback target) ranks its own reading just above.
  const local = explain(quoted('quoted-kubernetes-kubernetes-44665').text).candidates
  t.same(local.slice(0, 2).map((c) => c.kind).sort(), ['container-localhost', 'refused'])
  t.ok(local.find((c) => c.kind === 'refused')!.evidence.some((w) => w.includes('was refused')), 'the sentence is the refusal\'s evidence')
  t.equal(first('The connection to the server 10.1.2.3:6443 was refused - did you specify the right host or port?'), 'refused')
  t.equal(first('java.io.IOException: the connection was refused by 127.0.0.1:9000'), 'refused')
  // A request the server refused is not a refused connection.
  t.not(first('The request was refused by the server: 403 Forbidden'), 'refused', 'a refused request stays something else')
})

t.test('a waiter that says it still waits for a server is "not ready yet", not a server\'s own waiting for clients', async (t) => {
  for (const id of ['quoted-tauri-apps-tauri-6413', 'quoted-n8jadams-tauri-typescript-react-boilerplate-34', 'quoted-tauri-apps-create-tauri-app-127']) {
    t.equal(first(quoted(id).text), 'not-ready', id)
  }
  t.equal(first('wait-for-it.sh: waiting 15 seconds for db:5432'), 'not-ready', 'wait-for-it with another host')
  t.equal(first('Waiting for the database server to be ready...'), 'not-ready')
  t.not(first('[initandlisten] waiting for connections on port 27017'), 'not-ready', 'MongoDB announcing where it listens')
  t.equal(first('[initandlisten] waiting for connections on port 27017'), 'announcement', 'a server naming only its port announces it')
  t.equal(first("/usr/sbin/mysqld: ready for connections. Version: '8.0.36'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL."), 'announcement', "MySQL's ready line")
})

t.test('an SSH channel refused by the server\'s policy is a refusal by permission; a refused target stays refused', async (t) => {
  for (const id of ['quoted-microsoft-vscode-remote-release-84', 'quoted-microsoft-vscode-remote-release-4039']) {
    const e = quoted(id)
    t.match(e.text, /open failed: administratively prohibited/)
    t.equal(first(e.text), 'permission-denied', id)
  }
  t.equal(first('channel 7: open failed: administratively prohibited: open failed'), 'permission-denied')
  const connect = quoted('quoted-microsoft-vscode-remote-release-773')
  t.equal(first(connect.text), 'refused', 'ssh\'s "open failed: connect failed: Connection refused" is the target refusing')
})

t.test('Envoy\'s 503 body is a proxy\'s failure with or without its reset reason', async (t) => {
  const envoy = corpusFamily('quoted-2').filter((e) => e.split === 'dev' && /upstream connect error or disconnect\/reset before headers/.test(e.text))
  t.ok(envoy.length >= 8, `${envoy.length} dev texts hold Envoy's sentence`)
  for (const e of envoy) t.equal(first(e.text), 'proxy', e.id)
  t.equal(first('upstream connect error or disconnect/reset before headers. retried and the latest reset reason: remote connection failure, transport failure reason: delayed connect error: 111'), 'proxy', 'the newest wording')
})

t.test('gRPC\'s bare UNAVAILABLE and "All connection attempts failed" are a connect that failed: a refusal first', async (t) => {
  for (const id of ['quoted-grpc-grpc-java-3854', 'quoted-grpc-grpc-12116', 'quoted-tokopedia-gripmock-171', 'quoted-lmstudio-ai-lmstudio-python-66']) {
    t.equal(first(quoted(id).text), 'refused', id)
  }
  t.equal(first('rpc error: code = Unavailable desc = connection error'), 'refused', "grpc-go's form")
  t.ok(kinds('io.grpc.StatusRuntimeException: UNAVAILABLE').slice(0, 3).includes('timeout'), 'a timeout stays a candidate: the text does not say why')
})

t.test('Go\'s EOF quoted inside a structured log line is the peer closing', async (t) => {
  const e = quoted('quoted-aeleos-cloudflared-14')
  t.match(e.text, /: EOF" cfRay=/)
  t.ok(kinds(e.text).slice(0, 3).includes('hang-up'), 'hang-up among the first three (the proxy names where it failed)')
  t.equal(first('level=error msg="read tcp 127.0.0.1:50514->127.0.0.1:8080: read: EOF"'), 'hang-up')
  t.not(first('level=info msg="EOFs are counted in the eof_total metric"'), 'hang-up', 'the word in a sentence is not the error')
})

t.test('a failure next to an announcement is the answer; an announcement alone stays one', async (t) => {
  const unicorn = quoted('quoted-travis-ci-travis-api-150')
  t.match(unicorn.text, /listening on addr=127\.0\.0\.1:3000/)
  t.equal(first(unicorn.text), 'port-in-use', 'unicorn: the second listener failed (in use)')
  t.ok(kinds(unicorn.text).includes('announcement'), 'the announcement stays a candidate')
  for (const id of ['quoted-apache-skywalking-3696', 'quoted-spring-guides-gs-rest-service-65']) t.equal(first(quoted(id).text), 'port-in-use', id)
  t.equal(first('I, [2014-11-26T21:46:45.286247 #15714]  INFO -- : listening on addr=127.0.0.1:3000 fd=9'), 'announcement', 'the listener line alone')
})

t.test('the Windows socket texts: Japanese 10048, quoted by a public page, is in the table with its source', async (t) => {
  const page = quoted('quoted-daeudaeu.com-python-address-already-in-use')
  const ja = JSON.stringify(windowsMessages)
  t.ok(ja.includes('通常、各ソケット アドレスに対してプロトコル、ネットワーク アドレス、またはポートのどれか 1 つのみを使用できます。'), 'the text is in the generated table')
  t.ok(ja.includes('https://daeudaeu.com/python-address-already-in-use'), 'with the page it was quoted from')
  t.equal(first(page.text), 'port-in-use')
  // Without the number and without Python's errno, the Japanese sentence alone.
  t.equal(first('通常、各ソケット アドレスに対してプロトコル、ネットワーク アドレス、またはポートのどれか 1 つのみを使用できます。'), 'port-in-use')
})

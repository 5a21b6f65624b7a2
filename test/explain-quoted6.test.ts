/**
 * The rules added for quoted-6.json (users' texts from public issues, round 6), each checked on what it rests on: the
 * quoted texts of the development split (read by id; a test-split id throws), the wording the rule is about in forms
 * the corpus does not hold, and a look-alike the rule must leave alone, so each check can fail.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { devEntry, type CorpusEntry } from './corpus-entries.js'

const quoted = (id: string): CorpusEntry => devEntry('quoted-6', id)

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind
const top3 = (text: string): Kind[] => explain(text).candidates.slice(0, 3).map((c) => c.kind)

t.test('pgjdbc\'s "Connection to HOST:PORT refused" is a refusal (pgjdbc/pgjdbc ConnectionFactoryImpl.java)', async (t) => {
  // quoted: axelor/open-platform-demo#9, the title alone; before the rule the host:port made it an address question.
  t.equal(first(quoted('quoted-axelor-open-platform-demo-9').text), 'refused')
  // quoted: joker8023/confluence#2, Confluence in a container dialling localhost: a refusal first, the thread's cause in the top three.
  const confluence = quoted('quoted-joker8023-confluence-2')
  t.equal(confluence.kind, 'container-localhost')
  t.equal(first(confluence.text), 'refused')
  t.ok(top3(confluence.text).includes('refused'))
  // The whole sentence, wrapped by Spring's DataSource, with a host name the corpus does not hold.
  t.equal(first('Unable to obtain Jdbc connection from DataSource (jdbc:postgresql://db:5432/pulse) for user \'app\': Connection to db:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.'), 'refused')
  // A look-alike: "connection to" something that was reset is no refusal.
  t.not(first('Connection to the upstream was reset'), 'refused')
})

t.test('Kafka\'s "Connection to node N (host/ip:port) could not be established" is a connect that failed (apache/kafka NetworkClient.java)', async (t) => {
  // quoted: obsidiandynamics/kafdrop#681, the title.
  t.equal(first(quoted('quoted-obsidiandynamics-kafdrop-681').text), 'refused')
  // quoted: obsidiandynamics/kafdrop#352, a compose log line: refused now ranks in the top three.
  t.ok(top3(quoted('quoted-obsidiandynamics-kafdrop-352').text).includes('refused'))
  // The newer wording ("Node may not be available") from a producer, not in the corpus.
  t.equal(first('[kafka-producer-network-thread | producer-1] WARN org.apache.kafka.clients.NetworkClient -- [Producer clientId=producer-1] Connection to node 1 (localhost/127.0.0.1:9092) could not be established. Node may not be available.'), 'refused')
  // A look-alike from the same method: a connection that was made and then dropped during authentication.
  t.not(first('WARN [Consumer clientId=c-1, groupId=g] Connection to node 3 (kafka-3/10.0.0.7:9094) terminated during authentication. This may happen due to any of the following reasons: (1) Firewall blocking Kafka TLS traffic (eg it may only allow HTTPS traffic), (2) Transient network issue.'), 'refused')
})

t.test('the legacy Elasticsearch client\'s "No living connections" is a connect that failed (elastic/elasticsearch-js-legacy transport.js)', async (t) => {
  // quoted: elastic/elasticsearch-js#69, the warnings after the refused request; before the rule, the URL made it an address question.
  t.equal(first(quoted('quoted-elastic-elasticsearch-js-69').text), 'refused')
  // Kibana 7's log line, a form the corpus does not hold.
  t.equal(first('  log   [14:34:29.976] [warning][data][elasticsearch] No living connections'), 'refused')
  // A look-alike: the words in a sentence about something else, lower case.
  t.not(first('The pool has no living connections left after the rebalance'), 'refused')
})

t.test('a dev server\'s own proxy error stays proxy (the labels amended in quoted-6.json)', async (t) => {
  // quoted: ossn/fixme#100 (HPM) and itq5/OpenClaw-Admin#25 (Vite): the proxy signature's title names dev servers.
  for (const id of ['quoted-ossn-fixme-100', 'quoted-itq5-openclaw-admin-25']) {
    const e = quoted(id)
    t.equal(e.kind, 'proxy', `${id} is labelled proxy`)
    t.equal(first(e.text), 'proxy', id)
    t.ok(top3(e.text).includes('refused'), `${id}: the target's refusal is in the top three`)
  }
})

// Every source the knowledge tables are generated from, named once. A table entry cites a source by its id; the
// generated module carries the records it cites, so an entry's origin is readable without this file.
//
// Repository sources were read from snapshots of the public repositories (the session's `fetch` tool; any clone of
// the same commit is the same text). `file` is the extract committed under tools/knowledge/sources/ and `extract`
// the line filter extract-sources.mjs applies. Installed sources are read from this machine's Debian packages.
import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const sourcesDir = fileURLToPath(new URL('./sources/', import.meta.url))

const XNU = 'e3723e1f17661b24996789d8afc084c0c3303b26'
const LIBINFO = '39b70c515baee5b609e7e91693edbd934b6845a1'
const MINGW = '9b3dd0125792fe94d16cacdc596dbd42fca1b369'
const LIBUV = '1cfa32ff59c076ffb6ed735bbc8c18361558661f'
const GLIBC = 'c804cd1c00adde061ca51711f63068c103e94eef'
const CURL_NEW = '68720b4837284335b2d63cb358f8f6ce65f5bc55'
const CURL_OLD = '046209e561b7e9b5aab1aef7daebf29ee6e6e8c7'
const CHROMIUM = '0182b17bc505e3d68ffd2269d18e1a2fa5bc8876'
const SWIFT_FOUNDATION = 'e55e1d88001997be830fbc01086564431d405dad'
const GECKO_ERRORLIST = '020ce4b8e6aad44c800895727117756fe3c4936f'
const GECKO_SOCKET_TRANSPORT = '258754e5c153a781e87ad3542b281c1b198972f8'
/** a..b inclusive, for line lists. */
const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => a + i)

// tool-wording: begin
/**
 * One repository read at one commit: a source per file, id `<short>:<path>`, whose extract
 * (tools/knowledge/sources/<owner>+<name>/<path>) keeps only the origin's lines listed (1-based), verbatim and in order:
 * the lines carrying the messages (for .po catalogues, the msgid/msgstr lines of the entries used). `null` lines: the
 * repository is too large to fetch whole; the file was read with the search tool's read_file at that commit and the
 * lines transcribed verbatim (as chromium-net-errors was). `extract: null`: extract-sources.mjs has no line filter yet.
 */
function repository (repo, short, project, commit, files) {
  return Object.entries(files).map(([path, lines]) => ({ id: `${short}:${path}`, project, repo, commit, path, file: `${repo.replace('/', '+')}/${path}`, extract: null, lines }))
}

/**
 * One npm package as npm's client installed it (`npm install NAME@VERSION`): a source per file, id
 * `<name>@<version>:<path>`, whose extract (tools/knowledge/sources/<owner>+<repo>/npm-<version>/<path>) keeps only the
 * installed file's lines listed (1-based), verbatim and in order.
 */
function npmPackage (name, repo, project, version, files) {
  return Object.entries(files).map(([path, lines]) => {
    const file = `${repo.replace('/', '+')}/npm-${version}/${path}`
    return { id: `${name}@${version}:${path}`, project, package: `${name} (npm)`, version, path: `node_modules/${name}/${path}`, file, extract: `tools/knowledge/sources/${file}`, lines }
  })
}

/**
 * The sources of tools/knowledge/sources/quoted/tool-wording.json (tools' own wording, quoted from their source code).
 * Installed programs (Debian packages) have no extract: `strings` are the printf templates found in the binary with
 * strings(1), or the source text as the installed file holds it. `issue`: no source file could be read here (the
 * repository is too large and the search tool does not hold the file); `quotes` is the text as the issue shows it.
 */
export const TOOL_WORDING_SOURCES = [
  ...repository('aio-libs/aiohttp', 'aiohttp', 'aiohttp', '495e778360d1924da63e16dba0f0d76baf56a56a', { 'aiohttp/client.py': [240], 'aiohttp/client_exceptions.py': [168, 210, 226] }),
  ...repository('amqp-node/amqplib', 'amqplib', 'amqplib (RabbitMQ client)', 'f7503e571a80dacfc863c2690ab797d31667b868', { 'lib/connection.js': [156, 205, 215] }),
  ...repository('axios/axios', 'axios', 'axios', '23a25af0688d1db2c396deb09229d2271cc24f6c', { 'lib/adapters/http.js': [652], 'lib/adapters/xhr.js': [110], 'lib/core/settle.js': [20] }),
  ...repository('caddyserver/caddy', 'caddy', 'Caddy', '0cf03d32f7d99cf160d5375e8a40fbe3d910d515', { 'modules/caddyhttp/app.go': [579], 'modules/caddyhttp/reverseproxy/addresses.go': [112], 'modules/caddyhttp/reverseproxy/reverseproxy.go': [1297, 1887] }),
  ...repository('kubernetes/client-go', 'client-go', 'client-go (kubectl port-forward)', '32ce75a7d6bc6960fd048d3d1e3b34185418d8c8', { 'tools/portforward/portforward.go': [47, 322, 347, 353, 386, 411, 423, 549] }),
  // kubectl before client-go's structured logging (Kubernetes 1.32 and older) worded its forwarding error as a
  // sentence, around the kubelet's: "an error occurred forwarding 8080 -> 80: error forwarding port 80 to pod …".
  ...repository('kubernetes/kubernetes', 'kubernetes', 'Kubernetes (client-go as vendored before structured logging: kubectl port-forward)', 'fa7ba8e2f963aad48acbd0aee416f9743af443f5', { 'staging/src/k8s.io/client-go/tools/portforward/portforward.go': null }),
  ...repository('kubernetes/kubernetes', 'kubernetes', 'Kubernetes (kubelet: the pod end of port-forward)', '15b08666fae3c54f934d362f493ca9448aa62719', { 'pkg/kubelet/cri/streaming/portforward/httpstream.go': null }),
  ...repository('cloudflare/cloudflared', 'cloudflared', 'cloudflared (Cloudflare Tunnel)', 'd1df7985bdf189c4caf34e290bafbf8f411e603b', { 'carrier/websocket.go': [35], 'proxy/proxy.go': [226] }),
  ...repository('facebook/create-react-app', 'create-react-app', 'Create React App (react-dev-utils)', '6254386531d263688ccfa542d0e628fbc0de0b28', { 'packages/react-dev-utils/WebpackDevServerUtils.js': [289, 290, 291, 292, 293, 294, 295, 296, 297, 400, 401] }),
  ...repository('dart-lang/sdk', 'dart-sdk', "Dart SDK (dart:io's HTTP parser)", 'ba954df9d61c18a2dbfc8dbf44f203ea6d905910', { 'sdk/lib/_http/http_parser.dart': null }),
  ...repository('django/django', 'django', 'Django (runserver)', '00cb80fdaf1939a8b691127e295f9399c931fc97', { 'django/core/management/commands/runserver.py': null }),
  ...repository('docker/cli', 'docker-cli', 'Docker CLI (vendored moby client)', '28f756087eea5fa301f3fbf12b01ae62f91521c2', { 'vendor/github.com/moby/moby/client/errors.go': [40], 'vendor/github.com/moby/moby/client/request.go': [218] }),
  ...repository('dotnet/SqlClient', 'sqlclient', 'Microsoft.Data.SqlClient (.NET data provider for SQL Server)', 'c16adb7a11674b66f9e9ca5e5a38e768ce8d5ff3', {'src/Microsoft.Data.SqlClient/src/Resources/Strings.resx': [718, 1375, 1423, 1429, 1447, 1450], 'src/Microsoft.Data.SqlClient/src/Resources/Strings.cs.resx': [718, 1375, 1423, 1429, 1447, 1450], 'src/Microsoft.Data.SqlClient/src/Resources/Strings.de.resx': [718, 1375, 1423, 1429, 1447, 1450], 'src/Microsoft.Data.SqlClient/src/Resources/Strings.es.resx': [718, 1375, 1423, 1429, 1447, 1450], 'src/Microsoft.Data.SqlClient/src/Resources/Strings.fr.resx': [718, 1375, 1423, 1429, 1447, 1450], 'src/Microsoft.Data.SqlClient/src/Resources/Strings.it.resx': [718, 1375, 1423, 1429, 1447, 1450], 'src/Microsoft.Data.SqlClient/src/Resources/Strings.ja.resx': [718, 1375, 1423, 1429, 1447, 1450], 'src/Microsoft.Data.SqlClient/src/Resources/Strings.ko.resx': [718, 1375, 1423, 1429, 1447, 1450], 'src/Microsoft.Data.SqlClient/src/Resources/Strings.pl.resx': [718, 1375, 1423, 1429, 1447, 1450], 'src/Microsoft.Data.SqlClient/src/Resources/Strings.pt-BR.resx': [718, 1375, 1423, 1429, 1447, 1450], 'src/Microsoft.Data.SqlClient/src/Resources/Strings.ru.resx': [718, 1375, 1423, 1429, 1447, 1450], 'src/Microsoft.Data.SqlClient/src/Resources/Strings.tr.resx': [718, 1375, 1423, 1429, 1447, 1450], 'src/Microsoft.Data.SqlClient/src/Resources/Strings.zh-Hans.resx': [718, 1375, 1423, 1429, 1447, 1450], 'src/Microsoft.Data.SqlClient/src/Resources/Strings.zh-Hant.resx': [718, 1375, 1423, 1429, 1447, 1450]}),
  ...repository('elastic/elasticsearch', 'elasticsearch', 'Elasticsearch (security)', '24364bf6a947fa1db6895c8a3a5ff1fcb7c483b9', { 'x-pack/plugin/security/src/main/java/org/elasticsearch/xpack/security/transport/SecurityHttpExceptionHandler.java': null }),
  ...repository('firebase/firebase-tools', 'firebase-tools', 'Firebase CLI (emulators)', 'a786bda73b48196fce1df22fe2b1cbc9e463b2d0', { 'src/emulator/portUtils.ts': [319, 433, 465] }),
  ...repository('gradio-app/gradio', 'gradio', 'Gradio', '375335e60e2b4504a57f3eef0eb6bca3c7bb765a', { 'gradio/blocks.py': [643, 3172, 3182, 3210] }),
  ...repository('grpc/grpc-go', 'grpc-go', 'gRPC-Go', '4793ad0474669eafbd5346c8a3d098fdfa542498', { 'balancer/balancer.go': [275], 'balancer/base/balancer.go': [138, 156], 'internal/status/status.go': [202], 'internal/transport/http2_client.go': [230, 1698], 'internal/transport/transport.go': [794] }),
  ...repository('grpc/grpc', 'grpc', 'gRPC C core (Python, Ruby, PHP, C#, C++ clients)', '01f5e533614b87c91180106b72808ab24ad89835', { 'src/core/load_balancing/pick_first/pick_first.cc': null }),
  ...repository('benoitc/gunicorn', 'gunicorn', 'Gunicorn', '65ac1a3a4c0aa00960968c720d6e6bd2ac32f1b9', { 'gunicorn/arbiter.py': [565, 619, 683], 'gunicorn/sock.py': [210, 216, 222] }),
  ...repository('haproxy/haproxy', 'haproxy', 'HAProxy', '50872daa6a857e82afc40b1c5161924aef4172d7', { 'src/backend.c': [3011], 'src/check.c': [316, 317], 'src/protocol.c': [326], 'src/server.c': [5658, 7245], 'src/sock_inet.c': [461] }),
  ...repository('NomicFoundation/hardhat', 'hardhat', 'Hardhat', 'a658fefa1806c5fa8292af007c835d758083c7b8', { 'packages/hardhat-core/src/internal/core/errors-list.ts': [393, 394] }),
  ...repository('NomicFoundation/hardhat', 'hardhat', 'Hardhat', 'aff14bae2a24a788e29e09885a5803f588072c14', { 'packages/hardhat-errors/src/descriptors.ts': [1006, 1007], 'packages/hardhat/src/internal/builtin-plugins/node/task-action.ts': [98] }),
  ...repository('chimurai/http-proxy-middleware', 'http-proxy-middleware', 'http-proxy-middleware', '014a19804c2f55fefdbe6c336d4be510ba64b073', { 'src/plugins/default/debug-proxy-errors-plugin.ts': [10], 'src/plugins/default/logger-plugin.ts': [31] }),
  ...repository('encode/httpcore', 'httpcore', 'httpcore (under httpx)', '98209758cc14e1a5f966fe1dfdc1064b94055d8c', { 'httpcore/_async/http11.py': [230] }),
  ...repository('apache/httpd', 'httpd', 'Apache HTTP Server', '0cb680442ecaa6118cc610b5ecc6e824330bf61a', { 'modules/proxy/mod_proxy_http.c': [745, 746, 1157, 1158, 1159, 1752, 1753, 2133, 2134], 'modules/proxy/proxy_util.c': [425, 426, 2787, 2788, 3842, 3843, 3844, 3941, 3942, 4008, 4009, 4010, 4032, 4033, 4034, 5124, 5125], 'server/listen.c': [197, 198], 'server/mpm/event/event.c': [3942] }),
  ...repository('hyperium/hyper', 'hyper', 'hyper', '8fcaf1a62787b824fdd7b95a3e7c9ea81acd3449', { 'src/error.rs': [504, 506, 532, 534, 542] }),
  ...repository('redis/ioredis', 'ioredis', 'ioredis', 'dfd542824dfb7168420f19fdfabe9fe1156efe10', { 'lib/Redis.ts': [332, 573, 808], 'lib/cluster/index.ts': [352], 'lib/connectors/SentinelConnector/index.ts': [136], 'lib/errors/ClusterAllFailedError.ts': [4], 'lib/errors/MaxRetriesPerRequestError.ts': [5], 'lib/utils/index.ts': [405] }),
  ...repository('jupyter-server/jupyter_server', 'jupyter-server', 'Jupyter Server', '9a4d6eea2b16815a493b11fffe0b51b1fe55a81b', { 'jupyter_server/i18n/zh_CN/LC_MESSAGES/notebook.po': [332, 333], 'jupyter_server/serverapp.py': [2737, 2757, 2758, 2764, 2765] }),
  ...repository('tulios/kafkajs', 'kafkajs', 'KafkaJS', '55b0b416308b9e597a5a6b97b0a6fd6b846255dc', { 'src/cluster/brokerPool.js': [100], 'src/network/connection.js': [210, 223, 347] }),
  ...repository('confluentinc/librdkafka', 'librdkafka', 'librdkafka', '4c3b017c3de8d9c10de12b9eec0ea688e8d5787d', { 'src/rdkafka.c': [440, 443, 449, 450], 'src/rdkafka_broker.c': [384, 1150, 2183], 'src/rdkafka_ssl.c': [736], 'src/rdkafka_transport.c': [675] }),
  ...repository('mariadb-corporation/mariadb-connector-c', 'mariadb-connector-c', 'MariaDB Connector/C', '53243b8a7a3d8125d86004b1b784e40f75298d6b', { 'libmariadb/ma_errmsg.c': [32, 33, 35, 43, 85] }),
  ...repository('mariadb-corporation/mariadb-connector-j', 'mariadb-connector-j', 'MariaDB Connector/J', 'c9377bc8659c5547834fc18507824bacd10464a0', { 'src/main/java/org/mariadb/jdbc/client/impl/ConnectionHelper.java': [131], 'src/main/java/org/mariadb/jdbc/client/impl/StandardClient.java': [450] }),
  ...repository('moby/moby', 'moby', 'Docker Engine (moby)', 'b985e2313a8676e18072b442911fc8f64f17d440', { 'daemon/libnetwork/endpoint.go': [661], 'daemon/libnetwork/portallocator/osallocator_linux.go': [222], 'daemon/libnetwork/portallocator/portallocator.go': [34] }),
  ...repository('mongodb/node-mongodb-native', 'mongodb-node', 'MongoDB Node.js driver', 'bb35ded18aa1031d8e4be88cad4fc1cc1225b00e', { 'src/cmap/connect.ts': [435], 'src/cmap/connection.ts': [324, 330], 'src/error.ts': [1013, 1324], 'src/sdam/topology.ts': [639] }),
  ...repository('Automattic/mongoose', 'mongoose', 'Mongoose', '3e212cec87dbf710216a3c6125121aefa60a4475', { 'lib/drivers/node-mongodb-native/collection.js': [140, 141], 'lib/error/serverSelection.js': [16, 17, 18, 19, 26] }),
  ...repository('microsoft/mssql-jdbc', 'mssql-jdbc', 'Microsoft JDBC Driver for SQL Server (mssql-jdbc)', '34285fd75cc26e84bfe50fc77fd138f31a0b3675', {'src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource.java': [48, 54, 56, 79]}),
  // The translations as microsoft/mssql-jdbc#441 proposed them (never merged; the releases' own are not in the repository, #1558).
  ...repository('microsoft/mssql-jdbc', 'mssql-jdbc', 'Microsoft JDBC Driver for SQL Server (mssql-jdbc)', '2b801fc30d1249e537c27a49958f24c98ea34571', {'src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource_de.java': [21, 27, 30, 50], 'src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource_es.java': [17, 23, 26, 46], 'src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource_fr.java': [17, 23, 26, 46], 'src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource_it.java': [17, 23, 26, 46], 'src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource_ja.java': [17, 23, 26, 46], 'src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource_ko.java': [17, 23, 26, 46], 'src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource_pt_BR.java': [17, 23, 26, 46], 'src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource_ru.java': [17, 23, 26, 46], 'src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource_sv.java': [17, 23, 26, 46], 'src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource_zh_CN.java': [17, 23, 26, 46], 'src/main/java/com/microsoft/sqlserver/jdbc/SQLServerResource_zh_TW.java': [17, 23, 26, 46]}),
  ...repository('mysql/mysql-connector-j', 'mysql-connector-j', 'MySQL Connector/J', 'cf2917ea44ae2e43a4514a33771035aa99de73bf', { 'src/main/resources/com/mysql/cj/LocalizedErrorMessages.properties': [145, 694, 696, 697] }),
  ...repository('mysql/mysql-server', 'mysql-server', 'MySQL client library (libmysqlclient)', '021affa16c55ae748ad7fc588e6bea9fbc56d2c3', { 'libmysql/errmsg.cc': null }),
  ...repository('nginx/nginx', 'nginx', 'nginx', '3f6f7824d4e2eb1ac37dec76683d525ac0ff521c', { 'src/core/ngx_connection.c': [635, 735], 'src/event/ngx_event_connect.c': [254], 'src/event/ngx_event_openssl.c': [2328, 2342], 'src/http/ngx_http_request.c': [2142], 'src/http/ngx_http_upstream.c': [1577, 1632, 2549, 3733, 6670], 'src/http/ngx_http_upstream_round_robin.c': [1068] }),
  ...repository('nmap/nmap', 'nmap', 'Ncat (Nmap)', 'db4aefddfa348ec815ffa83a109c97e05db88766', { 'ncat/ncat_connect.c': [1220], 'ncat/ncat_main.c': [902], 'ncat/util.c': [195, 199, 453, 464] }),
  ...repository('node-fetch/node-fetch', 'node-fetch', 'node-fetch', '8b3320d2a7c07bce4afc6b2bf6c3bbddda85b01f', { 'src/body.js': [249], 'src/index.js': [108] }),
  ...repository('sidorares/node-mysql2', 'node-mysql2', 'mysql2 (Node.js)', '928c3c511a0316713966ade2cf27e47285feb878', { 'lib/base/connection.js': [126, 209, 249] }),
  ...repository('brianc/node-postgres', 'node-postgres', 'node-postgres (pg)', 'c9e57617bc92c2ded23a75345f50eadc527bd131', { 'packages/pg-pool/index.js': [224, 276], 'packages/pg/lib/client.js': [204], 'packages/pg/lib/connection.js': [86] }),
  ...repository('redis/node-redis', 'node-redis', 'node-redis', '2a92b2e51aea18b31776ede15e022217e7ea9b37', { 'packages/client/lib/errors.ts': [15, 27, 45] }),
  ...repository('remy/nodemon', 'nodemon', 'nodemon', '1d0a639b67f6d9dfa6dc3089d53461993106ebab', { 'lib/monitor/run.js': [266] }),
  ...repository('mono/mono', 'mono', ".NET Framework's System.dll resource strings (Microsoft's reference source, as Mono ships it)", '6deb114ce54371d00b1bdff397e28360e957c2c9', { 'mcs/class/referencesource/System/System.txt': null }),
  ...repository('ollama/ollama', 'ollama', 'Ollama', 'fb30760996871fa9460115c753afd2c60d4ab0f7', { 'cmd/start_default.go': [13], 'server/routes.go': [2008] }),
  ...repository('openjdk/jdk', 'jdk', "OpenJDK's JDI socket transport (jdb and IDE debuggers attaching to JDWP)", '9a83785bebab42cff817340ad81c6244d3b9695f', { 'src/jdk.jdi/share/classes/com/sun/tools/jdi/SocketTransportService.java': null }),
  ...repository('microsoft/playwright', 'playwright', 'Playwright Test (webServer)', 'd4e1023f6c03a8dced50eb3db88c2217e7c1a86a', { 'packages/playwright/src/plugins/webServerPlugin.ts': [102, 142, 208] }),
  ...repository('prisma/prisma-engines', 'prisma-engines', 'Prisma engines (user-facing errors)', '08de4fc535a68b747832dcb8d7eaf83ae43a7146', { 'libs/user-facing-errors/src/common.rs': null }),
  ...repository('puma/puma', 'puma', 'Puma', 'ff2e2126ee2f0f97e21c57ce1967afde1b6f05a1', { 'lib/puma/binder.rb': [428] }),
  ...repository('redis/redis-py', 'redis-py', 'redis-py', '34817ce2a2accc893a81180fe737e0c4f5ac6b0c', { 'redis/_parsers/socket.py': [23], 'redis/connection.py': [1057, 1391, 1419], 'redis/utils.py': [313, 314, 315, 316] }),
  ...repository('redis/redis', 'redis', 'Redis', '4f8cdc2a1ea53e42955af758aabffee67cb455dd', { 'src/cluster_legacy.c': [1050], 'src/config.c': [2455], 'src/redis-cli.c': [8005], 'src/server.c': [2516, 2878] }),
  ...repository('seanmonstar/reqwest', 'reqwest', 'reqwest', '065a5ae5209d27d4f4e3c4409725672c49a8aa39', { 'src/connect.rs': [1928], 'src/error.rs': [256, 296, 421, 445] }),
  ...repository('sockjs/sockjs-client', 'sockjs-client', 'SockJS client', '06e6959d751c7efd6952c6be3c10107a173b7355', { 'lib/main.js': [230, 240, 329] }),
  ...repository('bahmutov/start-server-and-test', 'start-server-and-test', 'start-server-and-test', '3b4e82fa91af5d670a4bd90a97a624d4c583b220', { 'src/utils.js': [263, 268] }),
  ...repository('streamlit/streamlit', 'streamlit', 'Streamlit', '2db81f7f72017dd25a16eb7bd96ca0b327ef283d', { 'frontend/app/src/connection/WebsocketConnection.tsx': [659, 660], 'lib/streamlit/web/server/server.py': [205, 225, 226] }),
  ...repository('nodejs/undici', 'undici', 'undici', '7eb7c8ec8f23acd9c3da93a286162f8c1dc68326', { 'lib/core/connect.js': [177, 181, 184], 'lib/core/errors.js': [43, 79], 'lib/dispatcher/client-h1.js': [481, 999], 'lib/web/fetch/index.js': [271] }),
  ...repository('urllib3/urllib3', 'urllib3', 'urllib3 (under requests)', '6a8536b6e1b0cbe69ae801337c599951e527ae29', { 'src/urllib3/connection.py': [219, 224], 'src/urllib3/connectionpool.py': [368, 839], 'src/urllib3/exceptions.py': [100, 170], 'src/urllib3/response.py': [932] }),
  ...repository('encode/uvicorn', 'uvicorn', 'Uvicorn', 'e6c7ce791fc634b6eedee40e0d0207faa8a9aefd', { 'uvicorn/lifespan/on.py': [59], 'uvicorn/protocols/http/h11_impl.py': [154, 157, 179], 'uvicorn/server.py': [200, 214] }),
  ...repository('vitejs/vite', 'vite', 'Vite', 'a98c8d95d552c6fa98ab66fb810f5b39ad5abf49', { 'packages/vite/src/client/client.ts': [88, 98, 277], 'packages/vite/src/node/http.ts': [274, 312], 'packages/vite/src/node/logger.ts': [178, 196, 201, 202, 203], 'packages/vite/src/node/server/middlewares/proxy.ts': [101, 115, 128], 'packages/vite/src/node/server/ws.ts': [274] }),
  ...repository('jeffbski/wait-on', 'wait-on', 'wait-on', '30ec1418bf53e4aed39a06cc2806302d758167a7', { 'lib/wait-on.js': [24, 351] }),
  ...repository('webpack/webpack-dev-server', 'webpack-dev-server', 'webpack-dev-server', 'f78499fbb2f3cdb32f00894dd2535b997ae13104', { 'client-src/index.js': [593], 'client-src/socket.js': [72], 'lib/Server.js': [1987, 2621, 2933, 2954, 2959, 2965] }),
  ...repository('pallets/werkzeug', 'werkzeug', "Werkzeug (Flask's development server)", '1b00618e787f40dfb21eba29caf8f8be7c8e1d93', { 'src/werkzeug/serving.py': [765, 766, 767, 773, 774, 845, 854] }),
  ...repository('websockets/ws', 'ws', 'ws', 'a2f4e7c046c2112bbce6fef39a083dac77d6f0d2', { 'lib/receiver.js': [444, 733], 'lib/websocket.js': [305, 890, 933, 961, 975] }),
  // npm packages as npm installs them (round 14, js-dev-tools): `extract` keeps the installed file's listed lines verbatim.
  ...npmPackage('sockjs-client', 'sockjs/sockjs-client', 'SockJS client', '1.6.1', { 'lib/main.js': [180, 230] }),
  { id: 'adb:/usr/lib/android-sdk/platform-tools/adb', project: 'Android Debug Bridge', package: 'adb', version: '1:29.0.6-28', path: '/usr/lib/android-sdk/platform-tools/adb', strings: ['* daemon not running; starting now at %s', '* failed to start daemon', 'Could not connect to emulator on ports %d,%d: %s', 'cannot bind listener: %s', 'cannot connect to daemon at %s: %s', 'error: could not connect to TCP port %d: %s', "failed to connect to '%s:%d': %s"] },
  { id: 'libpython3.11-stdlib:/usr/lib/python3.11/asyncio/base_events.py', project: 'Python 3.11 standard library (Debian 12)', package: 'libpython3.11-stdlib', version: '3.11.2-6+deb12u6', path: '/usr/lib/python3.11/asyncio/base_events.py', strings: ["raise OSError('Multiple exceptions: {}'.format(", "raise OSError(err.errno, 'error while attempting '\n                                      'to bind on address %r: %s'"] },
  { id: 'libpython3.11-stdlib:/usr/lib/python3.11/asyncio/selector_events.py', project: 'Python 3.11 standard library (Debian 12)', package: 'libpython3.11-stdlib', version: '3.11.2-6+deb12u6', path: '/usr/lib/python3.11/asyncio/selector_events.py', strings: ["raise OSError(err, f'Connect call failed {address}')"] },
  { id: 'golang-1.19-src:/usr/share/go-1.19/src/net/http/transport.go', project: 'Go 1.19 standard library, net/http (Debian 12)', package: 'golang-1.19-src', version: '1.19.8-2', path: '/usr/share/go-1.19/src/net/http/transport.go', strings: ['var errTimeout error = &httpError{err: "net/http: timeout awaiting response headers", timeout: true}', 'errServerClosedIdle = errors.New("http: server closed idle connection")', 'return &net.OpError{Op: "proxyconnect", Net: "tcp", Err: err}'] },
  { id: 'golang-1.19-src:/usr/share/go-1.19/src/net/http/h2_bundle.go', project: 'Go 1.19 standard library, net/http (Debian 12)', package: 'golang-1.19-src', version: '1.19.8-2', path: '/usr/share/go-1.19/src/net/http/h2_bundle.go', strings: ['http2errClientConnGotGoAway = errors.New("http2: Transport received Server\'s graceful shutdown GOAWAY")'] },
  { id: 'lynx:/usr/bin/lynx', project: 'Lynx', package: 'lynx', version: '2.9.0dev.12-1', path: '/usr/bin/lynx', strings: ['Unable to make secure connection to remote host.'] },
  { id: 'mariadb-server-core:/usr/sbin/mariadbd', project: 'MariaDB server', package: 'mariadb-server-core', version: '1:10.11.19-0+deb12u1', path: '/usr/sbin/mariadbd', strings: ["Can't start server : Bind on unix socket", "Can't start server: Bind on TCP/IP port. Got error: %d", "Can't start server: listen() on TCP/IP port", 'Do you already have another server running on port: %u ?', "Server socket created on IP: '%s', port: '%u'."] },
  { id: 'mariadb-server-core:/usr/share/mysql/*/errmsg.sys', project: 'MariaDB server messages (errmsg.sys, every language)', package: 'mariadb-server-core', version: '1:10.11.19-0+deb12u1', path: '/usr/share/mysql/*/errmsg.sys', strings: ["Aborted connection %lld to db: '%-.192s' user: '%-.48s' host: '%-.64s'%-.64s (%-.64s)", "Can't create IP socket", 'Got an error reading communication packets', 'Got timeout reading communication packets'] },
  { id: 'netcat-openbsd:/bin/nc.openbsd', project: 'netcat (OpenBSD, Debian)', package: 'netcat-openbsd', version: '1.219-1', path: '/bin/nc.openbsd', strings: ['connect to %s port %s (%s) %s', 'getaddrinfo for host "%s" port %s: %s'] },
  { id: 'nodejs:/usr/bin/node', project: 'Node.js (built-in http, tls; the JavaScript library compiled into the binary)', package: 'nodejs', version: '20.20.2-1nodesource1+repack1', path: '/usr/bin/node', strings: ["    const connReset = new ConnResetException('socket hang up');", "    const error = new ConnResetException('Client network socket disconnected ' +\n                                         'before secure TLS connection was ' +\n                                         'established');", "E('ERR_HTTP_REQUEST_TIMEOUT', 'Request timeout', Error);"] },
  { id: 'openssh-client:/usr/bin/ssh', project: 'OpenSSH client', package: 'openssh-client', version: '1:9.2p1-2+deb12u6', path: '/usr/bin/ssh', strings: ['%s: Could not resolve hostname %.100s: %s', 'Connection closed by remote host', 'Connection timed out during banner exchange', 'Could not request local forwarding.', 'Warning: remote port forwarding failed for listen port %d', 'cannot listen to port: %d', 'channel %d: open failed: %s%s%s', 'ssh: connect to host %s port %s: %s'] },
  { id: 'php8.2-cli:/usr/bin/php8.2', project: 'PHP CLI built-in web server (sapi/cli)', package: 'php8.2-cli', version: '8.2.36-1~deb12u1', path: '/usr/bin/php8.2', strings: ['Failed to listen on %s:%d (reason: %s)', 'PHP %s Development Server (http://%s%s%s:%d) started'] },
  { id: 'catchpoint/WebPageTest.api-nodejs#173', project: 'Chromium DevTools HTTP handler', issue: 'catchpoint/WebPageTest.api-nodejs#173', quotes: ['[286:286:0426/155407.402019:ERROR:devtools_http_handler.cc(766)] Rejected an incoming WebSocket connection from the ws://localhost:9222 origin. Use the command line flag --remote-allow-origins=ws://localhost:9222 to allow connections from this origin or --remote-allow-origins=* to allow all origins.'] },
  { id: 'cypress-io/cypress#28438', project: 'Cypress', issue: 'cypress-io/cypress#28438', quotes: ["Cypress could not verify that this server is running\n\n  > https://wwwdev3.x.xcom/\n\nWe are verifying this server because it has been configured as your baseUrl.\n\nCypress automatically waits until your server is accessible before running tests.\n\nWe will try connecting to it 3 more times...\nWe will try connecting to it 2 more times...\nWe will try connecting to it 1 more time...\n\nCypress failed to verify that your server is running.\n\nPlease start this server and then run Cypress again."] },
  { id: 'envoyproxy/envoy#8937', project: 'Envoy', issue: 'envoyproxy/envoy#8937', quotes: ['upstream connect error or disconnect/reset before headers. reset reason: connection failure'] },
  { id: 'oven-sh/bun#27264', project: 'Bun (fetch)', issue: 'oven-sh/bun#27264', quotes: ['error.FailedToOpenSocket => bun.String.static("Was there a typo in the url or port?"),', 'error.ConnectionRefused => bun.String.static("Unable to connect. Is the computer able to access the url?"),', 'error.ConnectionClosed => bun.String.static("The socket connection was closed unexpectedly. For more information, pass `verbose: true` in the second argument to fetch()"),'] },
  { id: 'react/react-native#56', project: 'React Native', issue: 'react/react-native#56', quotes: ['Could not connect to development server.'] },
]
// tool-wording: end

/** Repository sources, in the order extract-sources.mjs must process them (winerrorSubset last: it keeps the ERROR_* names the others mention). */
export const SOURCES = [
  { id: 'xnu-errno', project: 'xnu (macOS kernel)', version: 'xnu-11417.101.15', repo: 'apple-oss-distributions/xnu', commit: XNU, path: 'bsd/sys/errno.h', file: 'apple-oss-distributions+xnu/bsd/sys/errno.h', extract: 'defineEWithConditions' },
  { id: 'libinfo-netdb', project: 'Libinfo (macOS libc resolver)', version: 'Libinfo-600', repo: 'apple-oss-distributions/Libinfo', commit: LIBINFO, path: 'lookup.subproj/netdb.h', file: 'apple-oss-distributions+Libinfo/lookup.subproj/netdb.h', extract: 'defineEAIWithConditions' },
  { id: 'mingw-wsa-errnos', project: 'mingw-w64 headers', version: 'v14.0.0', repo: 'mingw-w64/mingw-w64', commit: MINGW, path: 'mingw-w64-headers/include/psdk_inc/_wsa_errnos.h', file: 'mingw-w64+mingw-w64/mingw-w64-headers/include/psdk_inc/_wsa_errnos.h', extract: 'all' },
  { id: 'mingw-ws2tcpip', project: 'mingw-w64 headers', version: 'v14.0.0', repo: 'mingw-w64/mingw-w64', commit: MINGW, path: 'mingw-w64-headers/include/ws2tcpip.h', file: 'mingw-w64+mingw-w64/mingw-w64-headers/include/ws2tcpip.h', extract: 'defineEAI' },
  { id: 'libuv-errno', project: 'libuv', version: 'v1.52.1', repo: 'libuv/libuv', commit: LIBUV, path: 'include/uv/errno.h', file: 'libuv+libuv/include/uv/errno.h', extract: 'uvErrnoH' },
  { id: 'libuv-errno-map', project: 'libuv', version: 'v1.52.1', repo: 'libuv/libuv', commit: LIBUV, path: 'include/uv.h', file: 'libuv+libuv/include/uv.h', extract: 'uvErrnoMap' },
  { id: 'libuv-win-error', project: 'libuv', version: 'v1.52.1', repo: 'libuv/libuv', commit: LIBUV, path: 'src/win/error.c', file: 'libuv+libuv/src/win/error.c', extract: 'uvWinMap' },
  { id: 'libuv-win-getaddrinfo', project: 'libuv', version: 'v1.52.1', repo: 'libuv/libuv', commit: LIBUV, path: 'src/win/getaddrinfo.c', file: 'libuv+libuv/src/win/getaddrinfo.c', extract: 'uvWinMap' },
  { id: 'mingw-winsock2', project: 'mingw-w64 headers', version: 'v14.0.0', repo: 'mingw-w64/mingw-w64', commit: MINGW, path: 'mingw-w64-headers/include/winsock2.h', file: 'mingw-w64+mingw-w64/mingw-w64-headers/include/winsock2.h', extract: 'defineWSA' },
  // The English message texts of Schannel's codes: the Windows SDK's winerror.h carries them as MessageText comments,
  // which winresult's generator copies into doc comments beside each code (its xtask scan.rs reads the SDK header).
  { id: 'winresult-sec', project: 'winresult (Windows SDK winerror.h MessageText, SEC_ codes)', version: 'winresult 0.1.3', repo: 'MaulingMonkey/winresult', commit: 'ea84ea5608f20654d5fe947531b83164ed055522', path: 'crates/winresult/src/gen/codes/SEC.rs', file: 'MaulingMonkey+winresult/crates/winresult/src/gen/codes/SEC.rs', extract: 'winresultDocs' },
  { id: 'mingw-winerror', project: 'mingw-w64 headers', version: 'v14.0.0', repo: 'mingw-w64/mingw-w64', commit: MINGW, path: 'mingw-w64-headers/include/winerror.h', file: 'mingw-w64+mingw-w64/mingw-w64-headers/include/winerror.h', extract: 'winerrorSubset' },
  { id: 'glibc-errlist', project: 'GNU C Library', version: 'glibc-2.36 (Debian 12 ships 2.36)', repo: 'bminor/glibc', commit: GLIBC, path: 'sysdeps/gnu/errlist.h', file: 'bminor+glibc/sysdeps/gnu/errlist.h', extract: 'glibcList' },
  { id: 'glibc-gai-strerror', project: 'GNU C Library', version: 'glibc-2.36 (Debian 12 ships 2.36)', repo: 'bminor/glibc', commit: GLIBC, path: 'sysdeps/posix/gai_strerror-strs.h', file: 'bminor+glibc/sysdeps/posix/gai_strerror-strs.h', extract: 'glibcList' },
  { id: 'curl-h', project: 'curl', version: 'curl 8.21.0', repo: 'curl/curl', commit: CURL_NEW, path: 'include/curl/curl.h', file: 'curl+curl/curl-8_21_0/include/curl/curl.h', extract: 'curlEnum' },
  { id: 'curl-strerror', project: 'curl', version: 'curl 8.21.0', repo: 'curl/curl', commit: CURL_NEW, path: 'lib/strerror.c', file: 'curl+curl/curl-8_21_0/lib/strerror.c', extract: 'curlStrerror' },
  { id: 'curl-h-7.88.1', project: 'curl', version: 'curl 7.88.1 (Debian 12)', repo: 'curl/curl', commit: CURL_OLD, path: 'include/curl/curl.h', file: 'curl+curl/curl-7_88_1/include/curl/curl.h', extract: 'curlEnum' },
  { id: 'curl-strerror-7.88.1', project: 'curl', version: 'curl 7.88.1 (Debian 12)', repo: 'curl/curl', commit: CURL_OLD, path: 'lib/strerror.c', file: 'curl+curl/curl-7_88_1/lib/strerror.c', extract: 'curlStrerror' },
  // Too large to fetch whole (the snapshot limit); read with the search tool's read_file and transcribed verbatim,
  // NET_ERROR lines and the comment block before each.
  { id: 'chromium-net-errors', project: 'Chromium', version: 'main', repo: 'chromium/chromium', commit: CHROMIUM, path: 'net/base/net_error_list.h', file: 'chromium+chromium/net/base/net_error_list.h', extract: null },
  // WinHTTP's and WinINet's codes (12029 ERROR_WINHTTP_CANNOT_CONNECT = ERROR_INTERNET_CANNOT_CONNECT, HRESULT 0x80072EFD).
  { id: 'mingw-winhttp', project: 'mingw-w64 headers', version: 'v14.0.0', repo: 'mingw-w64/mingw-w64', commit: MINGW, path: 'mingw-w64-headers/include/winhttp.h', file: 'mingw-w64+mingw-w64/mingw-w64-headers/include/winhttp.h', extract: 'winhttpErrors' },
  { id: 'mingw-wininet', project: 'mingw-w64 headers', version: 'v14.0.0', repo: 'mingw-w64/mingw-w64', commit: MINGW, path: 'mingw-w64-headers/include/wininet.h', file: 'mingw-w64+mingw-w64/mingw-w64-headers/include/wininet.h', extract: 'wininetErrors' },
  // NSURLErrorDomain (platform error tables, issue 11): swift-corelibs-foundation's open copy of Foundation. Lines kept:
  // the error numbers (NSURLError.swift's constants, NSError.swift's URLError.Code), NSError's and CFError's print
  // format, CFStream's error domains and libcurl-to-URLError mapping (lines 1-based at the commit).
  ...repository('apple/swift-corelibs-foundation', 'swift-foundation', 'swift-corelibs-foundation', SWIFT_FOUNDATION, {
    'Sources/Foundation/NSURLError.swift': [15, ...range(48, 72), ...range(75, 82), ...range(85, 92), ...range(94, 97), ...range(99, 101)],
    'Sources/Foundation/NSError.swift': [135, 185, 727, 737, ...range(740, 787)],
    'Sources/CoreFoundation/CFError.c': [370, 371],
    'Sources/CoreFoundation/include/CFStream.h': range(490, 494),
    'Sources/FoundationNetworking/URLSession/libcurl/MultiHandle.swift': range(358, 385),
  }),
  // Gecko is too large to fetch whole: read with the search tool's read_file at these commits (the index's versions)
  // and a subset of lines transcribed verbatim, in file order: ErrorList.py's nsresult arithmetic and the NETWORK
  // module's failure codes with the comment above each (its redirect, cache, status, WebTransport and proxy-status codes
  // and section headings left out), and ErrorAccordingToNSPR's network cases (its memory and file-system cases left out).
  ...repository('mozilla/gecko-dev', 'gecko', 'Gecko (Firefox)', GECKO_ERRORLIST, { 'xpcom/base/ErrorList.py': null }),
  ...repository('mozilla/gecko-dev', 'gecko', 'Gecko (Firefox)', GECKO_SOCKET_TRANSPORT, { 'netwerk/base/nsSocketTransport2.cpp': null }),
]

/** /usr/include/<triplet>/<file> for this machine's architecture (x86_64-linux-gnu, aarch64-linux-gnu …). */
function multiarch (file) {
  const dirs = existsSync('/usr/include') ? readdirSync('/usr/include').filter((d) => /-linux-gnu/.test(d)) : []
  const dir = dirs.find((d) => existsSync(`/usr/include/${d}/${file}`)) ?? 'x86_64-linux-gnu'
  return `/usr/include/${dir}/${file}`
}

/** Sources on this machine: read at generation time from their installed path. */
export const INSTALLED = [
  { id: 'linux-errno-base', project: 'Linux kernel UAPI headers', package: 'linux-libc-dev', path: '/usr/include/asm-generic/errno-base.h' },
  { id: 'linux-errno', project: 'Linux kernel UAPI headers', package: 'linux-libc-dev', path: '/usr/include/asm-generic/errno.h' },
  // glibc's own additions to the kernel's list (ENOTSUP = EOPNOTSUPP); the directory is the multiarch triplet.
  { id: 'glibc-bits-errno', project: 'GNU C Library', package: 'libc6-dev', path: multiarch('bits/errno.h') },
  { id: 'glibc-netdb', project: 'GNU C Library', package: 'libc6-dev', path: '/usr/include/netdb.h' },
  { id: 'libc-l10n', project: 'GNU C Library translations', package: 'libc-l10n', path: '/usr/share/locale/*/LC_MESSAGES/libc.mo' },
  // aria2c prints the code as `errorCode=N` in its log lines and exits with it; the manual is its one list.
  { id: 'aria2-manual', project: 'aria2', package: 'aria2', path: '/usr/share/man/man1/aria2c.1.gz' },
  // NSPR's and NSS's error codes (Firefox, Thunderbird, curl built with NSS print their names): the installed headers.
  { id: 'nspr-prerr', project: 'NSPR', package: 'libnspr4-dev', path: '/usr/include/nspr/prerr.h' },
  { id: 'nss-sslerr', project: 'NSS (libssl3)', package: 'libnss3-dev', path: '/usr/include/nss/sslerr.h' },
  // OpenSSL 3's and GnuTLS's error codes (gen-tls.mjs): the headers name and number them, the libraries' own tables
  // (ERR_reason_error_string, gnutls_strerror / gnutls_strerror_name through python3's ctypes) give the English text.
  { id: 'openssl-err-h', project: 'OpenSSL 3', package: 'libssl-dev', path: '/usr/include/openssl/err.h' },
  { id: 'openssl-sslerr', project: 'OpenSSL 3', package: 'libssl-dev', path: '/usr/include/openssl/sslerr.h' },
  { id: 'openssl-bioerr', project: 'OpenSSL 3', package: 'libssl-dev', path: '/usr/include/openssl/bioerr.h' },
  { id: 'openssl-ssl-h', project: 'OpenSSL 3', package: 'libssl-dev', path: '/usr/include/openssl/ssl.h' },
  { id: 'openssl-libcrypto', project: 'OpenSSL 3 (libcrypto, libssl), its error tables', package: 'libssl3', path: '/usr/lib/x86_64-linux-gnu/libcrypto.so.3' },
  { id: 'gnutls-h', project: 'GnuTLS', package: 'libgnutls28-dev', path: '/usr/include/gnutls/gnutls.h' },
  { id: 'gnutls-lib', project: 'GnuTLS, its error table', package: 'libgnutls30', path: '/usr/lib/x86_64-linux-gnu/libgnutls.so.30' },
  { id: 'mbedtls-ssl-h', project: 'Mbed TLS', package: 'libmbedtls-dev', path: '/usr/include/mbedtls/ssl.h' },
  { id: 'mbedtls-net-h', project: 'Mbed TLS', package: 'libmbedtls-dev', path: '/usr/include/mbedtls/net_sockets.h' },
  { id: 'mbedtls-lib', project: 'Mbed TLS (libmbedcrypto), mbedtls_strerror', package: 'libmbedcrypto7', path: '/usr/lib/x86_64-linux-gnu/libmbedcrypto.so.7' },
  // Chromium's error page: the English pack (chromium) names each sentence's resource id, the translated packs give it.
  { id: 'chromium-error-page-en', project: 'Chromium (its error page, en-US locale pack)', package: 'chromium', path: '/usr/lib/chromium/locales/en-US.pak' },
  { id: 'chromium-error-page-l10n', project: 'Chromium translations (its error page, every locale pack)', package: 'chromium-l10n', path: '/usr/lib/chromium/locales/*.pak' },
  // Firefox's error page: the English strings in firefox-esr's browser/omni.ja, each language in its own
  // firefox-esr-l10n-* package (the version recorded is firefox-esr-l10n-de's; the packs install at firefox-esr's version).
  { id: 'firefox-error-page-en', project: 'Firefox ESR (its error page, browser/omni.ja appstrings.properties)', package: 'firefox-esr', path: '/usr/lib/firefox-esr/browser/omni.ja' },
  { id: 'firefox-error-page-l10n', project: 'Firefox ESR language packs (firefox-esr-l10n-*: appstrings.properties)', package: 'firefox-esr-l10n-de', path: '/usr/lib/firefox-esr/browser/extensions/langpack-*@firefox-esr.mozilla.org.xpi' },
  // Qt 5's own translations of its socket and proxy errors (QNativeSocketEngine, QAbstractSocket …), in every language.
  { id: 'qt5-qtbase-translations', project: 'Qt 5 translations (qtbase)', package: 'qttranslations5-l10n', path: '/usr/share/qt5/translations/qtbase_*.qm' },
  // Qt 5's error enums as the compiler numbers them (QAbstractSocket::SocketError, QNetworkReply::NetworkError).
  { id: 'qt5-qtbase-dev-headers', project: 'Qt 5 base development files (QtNetwork headers)', package: 'qtbase5-dev', path: '/usr/include/*-linux-gnu/qt5/QtNetwork/qabstractsocket.h, qnetworkreply.h' },
  // The libraries' own error tables (PR_ErrorToName, PR_ErrorToString): every code's English text, and a check of the headers.
  { id: 'nss-libssl3', project: 'NSS (libssl3), its error table', package: 'libnss3', path: '/usr/lib/x86_64-linux-gnu/libssl3.so' },
]

/** Documents (RFCs, registries) whose facts were transcribed into a committed input file. */
export const DOCUMENTS = [
  { id: 'node-dns-exception', project: 'Node.js', repo: 'nodejs/node', path: 'lib/internal/errors.js', version: 'main (DNSException; read with the search tool, no commit pinned)', url: 'https://github.com/nodejs/node/blob/main/lib/internal/errors.js' },
  { id: 'rfc6455', project: 'RFC 6455 The WebSocket Protocol', url: 'https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1', version: 'December 2011' },
  { id: 'iana-ws-close', project: 'IANA WebSocket Close Code Number Registry', url: 'https://www.iana.org/assignments/websocket/websocket.xhtml#close-code-number' },
  // OpenSSL 1.1's packing of an error code (lib << 24 | func << 12 | reason), which 3.0 replaced (lib << 23 | reason):
  // err.h at a commit that still has it, read with read_file; its numbers are in sources/documents/openssl-1.1-error-packing.json.
  { id: 'openssl-1.1-err-h', project: 'OpenSSL 1.1 (err.h before 3.0 changed the packing)', repo: 'openssl/openssl', commit: '29f178bddfdbd11218fbcba0b8060297696968e3', path: 'include/openssl/err.h', version: 'ERR_PACK(l,f,r) as 1.1 defines it' },
  // Schannel's codes (gen-tls.mjs): what Microsoft documents each to mean, and the codes curl's Schannel backend names.
  { id: 'ms-schannel-alerts', project: 'Microsoft Learn: Schannel Error Codes for TLS and SSL Alerts', url: 'https://learn.microsoft.com/en-us/windows/win32/secauthn/schannel-error-codes-for-tls-and-ssl-alerts' },
  { id: 'ms-sspi-status-codes', project: 'Microsoft Learn: SSPI Status Codes', url: 'https://learn.microsoft.com/en-us/windows/win32/secauthn/sspi-status-codes' },
  { id: 'ms-schannel-shutdown', project: 'Microsoft Learn: Shutting Down an Schannel Connection', url: 'https://learn.microsoft.com/en-us/windows/win32/secauthn/shutting-down-an-schannel-connection' },
  { id: 'curl-sspi-strerror', project: 'curl (Schannel backend)', repo: 'curl/curl', path: 'lib/strerror.c', version: 'Curl_sspi_strerror as the search tool\'s index holds it (no commit pinned): SEC2TXT names, `%s (0x%08lx)`', url: 'https://github.com/curl/curl/blob/master/lib/strerror.c' },
  { id: 'rfc9110', project: 'RFC 9110 HTTP Semantics', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15', version: 'June 2022' },
]

/**
 * The local listeners people actually meet, as data: what each one is in one plain sentence, what someone who can
 * reach it could do, and how to recognise it — the owner's command line, the protocol answer, the port. `check` names
 * the program from here so that a reader who never started "node" on 9229 learns it is a debugger.
 *
 * Matching weighs the evidence: a protocol answer (4) outweighs the command line (3), which outweighs the port (1). A
 * process such as `node --inspect node_modules/.bin/vite` holds two listeners and matches two entries by its command
 * line; the answer (or, without probes, the port) tells which listener is which. A port alone names a program only
 * when nothing else is known (no visible owner, no answer), and then only as "probably".
 *
 * `what` reads after "This is <name>: "; a leading A, An, The or It is lower-cased there.
 *
 * Sources: each entry lists where its facts (default port, protocol) come from — the program's documentation, a
 * public advisory, or an installed Debian package's file (`debian:<package> <version> <path>`). The `what` and
 * `ifReached` sentences are ours, written from those facts.
 *
 * Beware: default ports are only defaults. A port match says "probably"; a command-line pattern can match a wrapper
 * script of the same name.
 */
import { needleFilter, type Haystack } from '../explain/literal-needles.js'
import { commandLineNeedlesJson } from './command-line-needles.js'
import type { Protocol, Service } from './types.js'

export type ProgramCategory =
  | 'dev-server' | 'notebook' | 'debugger' | 'browser-automation' | 'database' | 'message-broker' | 'local-ai'
  | 'container' | 'oauth-redirect' | 'desktop-helper' | 'tunnel' | 'proxy' | 'vpn' | 'system' | 'monitoring' | 'lab'

export interface KnownProgram {
  /** Stable, kebab-case. */
  id: string
  name: string
  category: ProgramCategory
  /** Tested against the owner's (redacted) command line, which starts with the program's path. */
  commandLine?: RegExp
  /** What it answers to a probe: the protocol, and optionally a pattern for the product the probe named. */
  answer?: { protocol: Protocol, product?: RegExp }
  /** Default or usual ports. Short-lived OAuth listeners have none: the OS picks an ephemeral one. */
  ports?: readonly number[]
  /** The line it prints when it starts listening (`Debugger listening on ws://…`): explain names the program from it. */
  announces?: RegExp
  what: string
  ifReached: string
  sources: readonly string[]
}

export type MatchedBy = 'answer' | 'command-line' | 'port'

export interface ProgramMatch {
  program: KnownProgram
  /** What matched, strongest first. Only `port`: a guess. */
  by: MatchedBy[]
}

const NETBASE = 'debian:netbase 6.4 /etc/services'
const RFC8252 = 'https://www.rfc-editor.org/rfc/rfc8252#section-7.3'

/** `(^|/|\s)name(\s|$)`: the word as a program or script name, not inside another word. */
function word (name: string, flags = ''): RegExp {
  return new RegExp(`(^|[/\\s])${name}(\\s|$)`, flags)
}

export const KNOWN_PROGRAMS: readonly KnownProgram[] = [
  // ---- debuggers and browser control: code execution for whoever connects ----------------------------------------
  {
    id: 'node-inspector', name: 'Node.js inspector (debugger)', category: 'debugger',
    announces: /\bDebugger listening on ws:\/\//,
    commandLine: /(^|\s)--inspect(-brk|-wait)?(=\S*)?(\s|$)/, answer: { protocol: 'node-inspector' }, ports: [9229],
    what: 'The debugger of a Node.js program started with --inspect: a developer tool, not a normal part of any app.',
    ifReached: 'Anyone who can connect can run any code inside that program, with its user\'s rights (files, keys, network).',
    sources: ['https://nodejs.org/en/learn/getting-started/debugging', 'https://nodejs.org/api/cli.html#--inspecthostport'],
  },
  {
    id: 'chrome-devtools', name: 'Chrome/Chromium remote debugging (DevTools protocol)', category: 'browser-automation',
    announces: /\bDevTools listening on ws:\/\//,
    commandLine: /--remote-debugging-port(=\S*)?(\s|$)/, answer: { protocol: 'chrome-devtools' }, ports: [9222],
    what: 'A browser started with --remote-debugging-port, usually by a test tool (Puppeteer, Playwright, Cypress) or an editor.',
    ifReached: 'Anyone who can connect controls the browser: opens pages as the user, reads their cookies and logged-in sessions, runs scripts.',
    sources: ['https://chromedevtools.github.io/devtools-protocol/', 'https://developer.chrome.com/blog/remote-debugging-port'],
  },
  {
    id: 'jdwp', name: 'Java debugger (JDWP)', category: 'debugger',
    commandLine: /(-agentlib:jdwp|-Xrunjdwp)/,
    what: 'A Java program started with its debugger port open (-agentlib:jdwp), typically by an IDE or a "debug" run configuration.',
    ifReached: 'Anyone who can connect can run any code inside that Java program.',
    sources: ['https://docs.oracle.com/en/java/javase/21/docs/specs/jpda/conninv.html'],
  },
  {
    id: 'debugpy', name: 'debugpy (Python debugger)', category: 'debugger',
    commandLine: /(-m\s+debugpy|[/\s]debugpy[/\s])/, ports: [5678],
    what: 'The Python debugger VS Code and other editors use, listening for the editor to attach.',
    ifReached: 'Anyone who can connect can run any Python code inside that program.',
    sources: ['https://github.com/microsoft/debugpy#readme'],
  },
  {
    id: 'delve', name: 'Delve (Go debugger)', category: 'debugger',
    commandLine: /(^|[/\s])dlv\s.*--headless/,
    what: 'The Go debugger in headless mode, waiting for an editor to attach.',
    ifReached: 'Anyone who can connect can control the debugged Go program and run code in it.',
    sources: ['https://github.com/go-delve/delve/blob/master/Documentation/usage/dlv.md'],
  },
  {
    id: 'chromedriver', name: 'ChromeDriver', category: 'browser-automation',
    announces: /ChromeDriver was started successfully on port/,
    commandLine: word('chromedriver'), ports: [9515],
    what: 'The WebDriver server Selenium and other test tools start to drive Chrome.',
    ifReached: 'Anyone who can connect can start a browser and make it open pages and run scripts as this user.',
    sources: ['https://developer.chrome.com/docs/chromedriver/get-started'],
  },
  {
    id: 'geckodriver', name: 'geckodriver', category: 'browser-automation',
    commandLine: word('geckodriver'), ports: [4444],
    what: 'The WebDriver server test tools start to drive Firefox.',
    ifReached: 'Anyone who can connect can start Firefox and make it open pages and run scripts as this user.',
    sources: ['https://firefox-source-docs.mozilla.org/testing/geckodriver/Flags.html'],
  },
  {
    id: 'selenium', name: 'Selenium server / Grid', category: 'browser-automation',
    commandLine: /selenium-server|selenium\.grid|org\.openqa\.selenium/, ports: [4444],
    what: 'A Selenium server that runs browser sessions for automated tests.',
    ifReached: 'Anyone who can connect can start browser sessions and make them open pages as this machine.',
    sources: ['https://www.selenium.dev/documentation/grid/getting_started/'],
  },
  {
    id: 'playwright', name: 'Playwright', category: 'browser-automation',
    commandLine: /playwright(\.js|\.cmd)?\s+(run-server|launch-server)|playwright[/\\]driver|ms-playwright/,
    what: 'Playwright\'s browser server or one of the browsers it started for tests.',
    ifReached: 'Anyone who can connect can drive the browser: open pages, read what they show, run scripts.',
    sources: ['https://playwright.dev/docs/api/class-browsertype#browser-type-launch-server'],
  },
  // ---- dev servers -----------------------------------------------------------------------------------------------
  {
    id: 'vite', name: 'Vite dev server', category: 'dev-server',
    announces: /\bVITE v\d[\d.]* +ready in|➜ +Local: +https?:\/\//,
    commandLine: /(^|[/\s])vite(\.js)?(\s|$)|node_modules\/vite\//, answer: { protocol: 'http', product: /vite/i }, ports: [5173, 4173],
    what: 'The development server of a web project (npm run dev): it serves the project\'s source files to the browser.',
    ifReached: 'Someone who can reach it can read the project\'s source files it serves, and sometimes other files on disk.',
    sources: ['https://vite.dev/config/server-options#server-port', 'https://vite.dev/config/preview-options#preview-port'],
  },
  {
    id: 'webpack-dev-server', name: 'webpack-dev-server', category: 'dev-server',
    announces: /\[webpack-dev-server\] (?:Project is running at|Loopback:)/,
    commandLine: /webpack(-dev-server|\.js)?\s+(serve|s)\b|webpack-dev-server/, ports: [8080],
    what: 'The development server of a webpack project: it serves the bundled app and reloads it on changes.',
    ifReached: 'Someone who can reach it can read the app\'s code and source maps it serves.',
    sources: ['https://webpack.js.org/configuration/dev-server/#devserverport'],
  },
  {
    id: 'next', name: 'Next.js dev server', category: 'dev-server',
    announces: /\bready - started server on|▲ Next\.js \d/,
    commandLine: /(^|[/\s])next(\.js)?\s+(dev|start)\b|next-server|next\/dist\/server/, ports: [3000],
    what: 'A Next.js app running locally (next dev or next start).',
    ifReached: 'Someone who can reach it can use the app and, in dev mode, read its source.',
    sources: ['https://nextjs.org/docs/app/api-reference/cli/next'],
  },
  {
    id: 'create-react-app', name: 'Create React App dev server', category: 'dev-server',
    announces: /You can now view \S+ in the browser/,
    commandLine: /react-scripts(\.js)?\s+start|react-scripts\/scripts\/start/, ports: [3000],
    what: 'The development server of a Create React App project (npm start).',
    ifReached: 'Someone who can reach it can read the app\'s source it serves.',
    sources: ['https://create-react-app.dev/docs/advanced-configuration/'],
  },
  {
    id: 'angular', name: 'Angular dev server (ng serve)', category: 'dev-server',
    announces: /Angular Live Development Server is listening on/,
    commandLine: /(^|[/\s])ng(\.js)?\s+(serve|s)\b|@angular\/cli/, ports: [4200],
    what: 'The development server of an Angular project (ng serve).',
    ifReached: 'Someone who can reach it can read the app\'s source it serves.',
    sources: ['https://angular.dev/cli/serve'],
  },
  {
    id: 'storybook', name: 'Storybook', category: 'dev-server',
    commandLine: /storybook(\.js)?\s+dev|start-storybook|@storybook\//, ports: [6006],
    what: 'A local catalogue of a project\'s UI components.',
    ifReached: 'Someone who can reach it can browse the components and the source they show.',
    sources: ['https://storybook.js.org/docs/api/cli-options'],
  },
  {
    id: 'nuxt', name: 'Nuxt dev server', category: 'dev-server',
    commandLine: /(nuxi|nuxt)(\.m?js)?\s+dev\b/, ports: [3000],
    what: 'The development server of a Nuxt project (nuxi dev).',
    ifReached: 'Someone who can reach it can use the app and read its source in dev mode.',
    sources: ['https://nuxt.com/docs/api/commands/dev'],
  },
  {
    id: 'astro', name: 'Astro dev server', category: 'dev-server',
    commandLine: /astro(\.m?js)?\s+(dev|preview)\b/, ports: [4321],
    what: 'The development server of an Astro site.',
    ifReached: 'Someone who can reach it can read the site\'s source it serves.',
    sources: ['https://docs.astro.build/en/reference/cli-reference/#astro-dev'],
  },
  {
    id: 'gatsby', name: 'Gatsby dev server', category: 'dev-server',
    commandLine: /gatsby(\.js)?\s+develop\b/, ports: [8000],
    what: 'The development server of a Gatsby site (gatsby develop).',
    ifReached: 'Someone who can reach it can read the site and its GraphQL explorer (/___graphql).',
    sources: ['https://www.gatsbyjs.com/docs/reference/gatsby-cli/#develop'],
  },
  {
    id: 'hugo', name: 'Hugo server', category: 'dev-server',
    commandLine: /(^|[/\s])hugo\s+(server|serve)\b/, ports: [1313],
    what: 'Hugo\'s local preview of a static site.',
    ifReached: 'Someone who can reach it can read the site, drafts included.',
    sources: ['https://gohugo.io/commands/hugo_server/'],
  },
  {
    id: 'jekyll', name: 'Jekyll server', category: 'dev-server',
    commandLine: /jekyll\s+(serve|s)\b/, ports: [4000],
    what: 'Jekyll\'s local preview of a static site.',
    ifReached: 'Someone who can reach it can read the site, drafts included.',
    sources: ['https://jekyllrb.com/docs/configuration/options/'],
  },
  {
    id: 'django', name: 'Django development server', category: 'dev-server',
    announces: /Starting development server at https?:\/\//,
    commandLine: /manage\.py\s+runserver|django-admin\s+runserver/, ports: [8000],
    what: 'A Django app run with manage.py runserver, the development server Django says not to use in production.',
    ifReached: 'Someone who can reach it can use the app; with DEBUG on, error pages show settings and code.',
    sources: ['https://docs.djangoproject.com/en/stable/ref/django-admin/#runserver'],
  },
  {
    id: 'flask', name: 'Flask development server', category: 'dev-server',
    announces: /^ ?\* Running on https?:\/\//m,
    commandLine: /flask\s+run\b|-m\s+flask\b/, ports: [5000],
    what: 'A Flask app run with flask run, its development server.',
    ifReached: 'Someone who can reach it can use the app; with the debugger on, run Python code in it.',
    sources: ['https://flask.palletsprojects.com/en/stable/cli/', 'https://flask.palletsprojects.com/en/stable/debugging/'],
  },
  {
    id: 'uvicorn', name: 'Uvicorn (FastAPI, Starlette)', category: 'dev-server',
    announces: /Uvicorn running on https?:\/\//,
    commandLine: word('uvicorn'), ports: [8000],
    what: 'A Python web app (often FastAPI) served by Uvicorn.',
    ifReached: 'Someone who can reach it can call the app\'s API as any client could.',
    sources: ['https://www.uvicorn.org/settings/'],
  },
  {
    id: 'rails', name: 'Ruby on Rails server', category: 'dev-server',
    commandLine: /(rails|bin\/rails)\s+(server|s)\b|puma.*\btcp:\/\//, ports: [3000],
    what: 'A Ruby on Rails app running locally (bin/rails server).',
    ifReached: 'Someone who can reach it can use the app; in development mode, see detailed error pages.',
    sources: ['https://guides.rubyonrails.org/command_line.html#bin-rails-server'],
  },
  {
    id: 'phoenix', name: 'Phoenix server', category: 'dev-server',
    announces: /Running [\w.]+Endpoint with/,
    commandLine: /mix\s+phx\.server|phx\.server/, ports: [4000],
    what: 'An Elixir Phoenix app running locally (mix phx.server).',
    ifReached: 'Someone who can reach it can use the app and, in dev, its LiveDashboard.',
    sources: ['https://hexdocs.pm/phoenix/up_and_running.html'],
  },
  {
    id: 'python-http-server', name: 'Python http.server', category: 'dev-server',
    announces: /Serving HTTPS? on \S+ port \d+/,
    commandLine: /-m\s+(http\.server|SimpleHTTPServer)\b/, answer: { protocol: 'http', product: /SimpleHTTP/ }, ports: [8000],
    what: 'Python\'s built-in file server (python3 -m http.server): it lists and serves every file in the folder it was started in.',
    ifReached: 'Someone who can reach it can download every file in that folder and below it.',
    sources: ['https://docs.python.org/3/library/http.server.html'],
  },
  {
    id: 'live-server', name: 'Live Server (VS Code extension)', category: 'dev-server',
    commandLine: /ritwickdey\.liveserver|live-server/i, ports: [5500],
    what: 'A small file server that an editor extension starts to preview HTML pages with live reload.',
    ifReached: 'Someone who can reach it can read the files of the opened folder.',
    sources: ['https://github.com/ritwickdey/vscode-live-server/blob/master/docs/settings.md'],
  },
  {
    id: 'jupyter', name: 'Jupyter server (Notebook, Lab)', category: 'notebook',
    announces: /Jupyter Server [\d.]+ is running at|\/(?:lab|tree)\?token=/,
    commandLine: /jupyter(-lab|-notebook|-server)?(\s+(lab|notebook|server))?(\s|$)|ipykernel_launcher/, answer: { protocol: 'http', product: /jupyter|TornadoServer/i }, ports: [8888],
    what: 'A Jupyter notebook server: it runs Python (or other) code typed into notebooks in the browser.',
    ifReached: 'Anyone who gets past its token (or reaches one started without it) can run any code as this user.',
    sources: ['https://jupyter-server.readthedocs.io/en/latest/operators/security.html'],
  },
  // ---- databases and brokers ---------------------------------------------------------------------------------------
  {
    id: 'redis', name: 'Redis', category: 'database',
    commandLine: /(redis|valkey|keydb)-server/, answer: { protocol: 'redis' }, ports: [6379],
    what: 'An in-memory database apps use for caches, sessions and queues.',
    ifReached: 'Without a password, anyone who can connect reads and changes all its data, and can often make it write files.',
    sources: [NETBASE, 'debian:redis-server 5:7.0.15-1~deb12u10 /etc/redis/redis.conf', 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/'],
  },
  {
    id: 'postgres', name: 'PostgreSQL', category: 'database',
    commandLine: /(^|[/\s])(postgres|postmaster)(\s|$)/, answer: { protocol: 'postgres' }, ports: [5432],
    what: 'A PostgreSQL database server.',
    ifReached: 'Whoever logs in reads and changes its data; with "trust" authentication no password is needed.',
    sources: [NETBASE, 'https://www.postgresql.org/docs/current/auth-trust.html'],
  },
  {
    id: 'mysql', name: 'MySQL / MariaDB', category: 'database',
    commandLine: /(^|[/\s])(mysqld|mariadbd)(\s|$)/, answer: { protocol: 'mysql' }, ports: [3306],
    what: 'A MySQL or MariaDB database server.',
    ifReached: 'Whoever logs in reads and changes its data; an account without a password lets anyone in.',
    sources: [NETBASE, 'https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html#sysvar_port'],
  },
  {
    id: 'mongodb', name: 'MongoDB', category: 'database',
    commandLine: word('mongod'), answer: { protocol: 'mongodb' }, ports: [27017],
    what: 'A MongoDB database server.',
    ifReached: 'Without access control enabled (the default), anyone who can connect reads and changes all its data.',
    sources: ['https://www.mongodb.com/docs/manual/reference/default-mongodb-port/', 'https://www.mongodb.com/docs/manual/administration/security-checklist/'],
  },
  {
    id: 'elasticsearch', name: 'Elasticsearch / OpenSearch', category: 'database',
    commandLine: /org\.elasticsearch\.|org\.opensearch\./, answer: { protocol: 'http', product: /elasticsearch|opensearch/i }, ports: [9200, 9300],
    what: 'A search database with an HTTP API (9200) and a cluster port (9300).',
    ifReached: 'Without security enabled, anyone who can connect reads, changes and deletes every index.',
    sources: ['https://www.elastic.co/guide/en/elasticsearch/reference/current/modules-network.html'],
  },
  {
    id: 'memcached', name: 'memcached', category: 'database',
    commandLine: word('memcached'), ports: [11211],
    what: 'A cache server; it has no passwords unless built and started with SASL.',
    ifReached: 'Anyone who can connect reads and overwrites cached data (often sessions).',
    sources: ['https://github.com/memcached/memcached/wiki/ConfiguringServer'],
  },
  {
    id: 'couchdb', name: 'CouchDB', category: 'database',
    commandLine: /couchdb\/bin|(^|\/)couchdb(\s|$)/, ports: [5984],
    what: 'A CouchDB database with an HTTP API.',
    ifReached: 'Whoever has an account reads and changes its data; an admin account controls the server.',
    sources: ['https://docs.couchdb.org/en/stable/config/http.html'],
  },
  {
    id: 'clickhouse', name: 'ClickHouse', category: 'database',
    commandLine: /clickhouse(-server|\s+server)/, ports: [8123, 9000],
    what: 'A ClickHouse analytics database (HTTP on 8123, native protocol on 9000).',
    ifReached: 'Whoever logs in runs queries; the default user has no password in a fresh install.',
    sources: ['https://clickhouse.com/docs/guides/sre/network-ports'],
  },
  {
    id: 'rabbitmq', name: 'RabbitMQ', category: 'message-broker',
    commandLine: /rabbitmq-server|beam\.smp.*\brabbit\b/, ports: [5672, 15672],
    what: 'A RabbitMQ message broker (AMQP on 5672, management page on 15672).',
    ifReached: 'Whoever logs in reads and sends messages between apps; the guest account works only from this machine.',
    sources: [NETBASE, 'https://www.rabbitmq.com/docs/networking#ports', 'https://www.rabbitmq.com/docs/access-control#default-state'],
  },
  {
    id: 'kafka', name: 'Apache Kafka', category: 'message-broker',
    commandLine: /kafka\.Kafka|kafka-server-start/, ports: [9092],
    what: 'A Kafka message broker.',
    ifReached: 'Without authentication configured, anyone who can connect reads and writes every topic.',
    sources: ['https://kafka.apache.org/documentation/#brokerconfigs_listeners'],
  },
  // ---- local AI ------------------------------------------------------------------------------------------------
  {
    id: 'ollama', name: 'Ollama', category: 'local-ai',
    announces: /msg=\"Listening on|Listening on 127\.0\.0\.1:11434/,
    commandLine: /(^|[/\s])ollama\s+serve/, answer: { protocol: 'http', product: /ollama/i }, ports: [11434],
    what: 'It runs large language models on this computer and answers over an HTTP API.',
    ifReached: 'Anyone who can connect uses the models, downloads or deletes them; the API has no authentication.',
    sources: ['https://github.com/ollama/ollama/blob/main/docs/faq.md', 'https://github.com/ollama/ollama/blob/main/docs/api.md'],
  },
  {
    id: 'lm-studio', name: 'LM Studio server', category: 'local-ai',
    commandLine: /lm-?studio|(^|[/\s])lms\s+server/i, ports: [1234],
    what: 'LM Studio\'s local server, an OpenAI-compatible API for the models it runs.',
    ifReached: 'Anyone who can connect uses the loaded models through its API.',
    sources: ['https://lmstudio.ai/docs/app/api'],
  },
  {
    id: 'llama-cpp-server', name: 'llama.cpp server', category: 'local-ai',
    commandLine: /llama-server|llama\.cpp.*server/, ports: [8080],
    what: 'llama.cpp\'s HTTP server for a local language model.',
    ifReached: 'Anyone who can connect uses the model; an API key is optional (--api-key).',
    sources: ['https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md'],
  },
  {
    id: 'gradio', name: 'Gradio app (e.g. Stable Diffusion web UIs)', category: 'local-ai',
    announces: /Running on local URL: +https?:\/\//,
    commandLine: /gradio|(^|[/\s])webui\.py/, ports: [7860],
    what: 'A Gradio web app, the kind many local AI tools (image generation, chat UIs) open in the browser.',
    ifReached: 'Anyone who can connect uses the app and whatever it can do on this machine.',
    sources: ['https://www.gradio.app/guides/environment-variables#1-gradio-server-port'],
  },
  // ---- containers --------------------------------------------------------------------------------------------------
  {
    id: 'docker-api', name: 'Docker Engine API', category: 'container',
    commandLine: /dockerd.*-H\s*tcp:|dockerd.*--host[= ]tcp:/, answer: { protocol: 'docker-api' }, ports: [2375, 2376],
    what: 'The Docker daemon\'s control API on a TCP port (2375 plain, 2376 with TLS) instead of only its local socket file.',
    ifReached: 'Anyone who can connect starts containers with this computer\'s disk mounted: full control of the machine, as root.',
    sources: ['https://docs.docker.com/engine/security/protect-access/', 'https://docs.docker.com/reference/cli/dockerd/'],
  },
  {
    id: 'kubectl-proxy', name: 'kubectl proxy', category: 'container',
    commandLine: /kubectl\s+proxy/, ports: [8001],
    what: 'It forwards local HTTP requests to a Kubernetes cluster\'s API with the user\'s credentials.',
    ifReached: 'Anyone who can connect acts on the cluster as this user, without a password.',
    sources: ['https://kubernetes.io/docs/reference/kubectl/generated/kubectl_proxy/'],
  },
  // ---- short-lived OAuth loopback redirects ------------------------------------------------------------------------
  {
    id: 'gcloud-auth', name: 'gcloud sign-in (OAuth redirect listener)', category: 'oauth-redirect',
    commandLine: /gcloud(\.py)?\s+auth\s+(login|application-default\s+login)/,
    what: 'The Google Cloud CLI waiting for the browser to come back after you sign in; it goes away when sign-in ends.',
    ifReached: 'It accepts only the one sign-in answer it is waiting for; nothing to do unless it stays after sign-in.',
    sources: ['https://cloud.google.com/sdk/gcloud/reference/auth/login', RFC8252],
  },
  {
    id: 'az-login', name: 'Azure CLI sign-in (OAuth redirect listener)', category: 'oauth-redirect',
    commandLine: /(^|[/\s])az(\.cmd)?\s+login|azure\.cli\s+login/,
    what: 'The Azure CLI waiting for the browser to come back after you sign in; it goes away when sign-in ends.',
    ifReached: 'It accepts only the one sign-in answer it is waiting for.',
    sources: ['https://learn.microsoft.com/en-us/cli/azure/authenticate-azure-cli-interactively', RFC8252],
  },
  {
    id: 'gh-auth', name: 'GitHub CLI sign-in (OAuth redirect listener)', category: 'oauth-redirect',
    commandLine: /(^|[/\s])gh\s+auth\s+(login|refresh)/,
    what: 'The GitHub CLI signing in through the browser; a listener of its own exists only while sign-in runs.',
    ifReached: 'It accepts only the one sign-in answer it is waiting for.',
    sources: ['https://cli.github.com/manual/gh_auth_login', 'https://github.com/cli/oauth', RFC8252],
  },
  {
    id: 'aws-sso', name: 'AWS CLI SSO sign-in (OAuth redirect listener)', category: 'oauth-redirect',
    commandLine: /(^|[/\s])aws\s+sso\s+login/,
    what: 'The AWS CLI waiting for the browser to come back after SSO sign-in; it goes away when sign-in ends.',
    ifReached: 'It accepts only the one sign-in answer it is waiting for.',
    sources: ['https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html', RFC8252],
  },
  // ---- desktop apps ------------------------------------------------------------------------------------------------
  {
    id: 'jetbrains', name: 'JetBrains IDE built-in server', category: 'desktop-helper',
    commandLine: /jetbrains|(^|[/\s])(idea|pycharm|webstorm|goland|phpstorm|rider|clion|rubymine)(64)?(\.sh|\.exe)?(\s|$)/i, ports: [63342],
    what: 'The built-in web server of a JetBrains IDE (IntelliJ IDEA, PyCharm, WebStorm ...), used to preview files and talk to browser extensions.',
    ifReached: 'It serves files of open projects to requests it trusts; a page that gets past its checks could read them.',
    sources: ['https://www.jetbrains.com/help/idea/settings-debugger.html'],
  },
  {
    id: 'vscode', name: 'Visual Studio Code', category: 'desktop-helper',
    commandLine: /(^|[/\s])(code|code-insiders|Code Helper[^/]*|code-tunnel)(\s|$)|vscode-server|\.vscode-server/,
    what: 'Visual Studio Code: its listeners are usually ports it forwards from a remote machine or container, or an extension\'s own server.',
    ifReached: 'A forwarded port reaches the remote service behind it, with whatever that service allows.',
    sources: ['https://code.visualstudio.com/docs/debugtest/port-forwarding'],
  },
  {
    id: 'zoom', name: 'Zoom', category: 'desktop-helper',
    commandLine: /(^|\/)(zoom|ZoomOpener)(\s|$)|zoom\.us\.app\/|[\\/]Zoom\.exe/i, ports: [19421],
    what: 'The Zoom meeting app; older versions for macOS ran a local web server (port 19421) so that web pages could start meetings.',
    ifReached: 'That old web server let any web page put the user into a meeting with the camera on (CVE-2019-13450).',
    sources: ['https://nvd.nist.gov/vuln/detail/CVE-2019-13450'],
  },
  {
    id: 'dropbox', name: 'Dropbox', category: 'desktop-helper',
    commandLine: /\.dropbox-dist\/|Dropbox\.app\/Contents\/MacOS\/Dropbox|[\\/]Dropbox\.exe/i, ports: [17500],
    what: 'The Dropbox app; port 17500 is its LAN sync, which finds other computers of yours on the same network.',
    ifReached: 'Other computers on the network see that Dropbox runs here; files go only to your own linked devices.',
    sources: [NETBASE, 'https://help.dropbox.com/sync/lan-sync-overview'],
  },
  {
    id: 'spotify', name: 'Spotify', category: 'desktop-helper',
    commandLine: /(^|\/)spotify(\s|$)|Spotify\.app\/Contents\/MacOS\/Spotify|[\\/]Spotify\.exe/i,
    what: 'The Spotify app; its listeners serve its own features, such as Spotify Connect (playing from another device).',
    ifReached: 'Devices that can reach it may see it and control playback.',
    sources: ['https://github.com/librespot-org/librespot'],
  },
  // ---- tunnels, proxies, VPNs ----------------------------------------------------------------------------------------
  {
    id: 'ssh-forward', name: 'SSH port forward (ssh -L / -D)', category: 'tunnel',
    commandLine: /(^|[/\s])ssh\s(.*\s)?-[A-Za-z]*[LD]\s?\S/,
    what: 'An ssh connection that forwards this local port to a machine on the other side (-L), or a SOCKS proxy (-D).',
    ifReached: 'Anyone who can connect reaches the remote service, or the remote network, as if from the SSH server.',
    sources: ['https://man.openbsd.org/ssh#L', 'https://man.openbsd.org/ssh#D'],
  },
  {
    id: 'kubectl-port-forward', name: 'kubectl port-forward', category: 'tunnel',
    announces: /Forwarding from (?:127\.0\.0\.1|\[::1\]):\d+ -> \d+/,
    commandLine: /kubectl\s+port-forward/,
    what: 'kubectl forwarding this local port to a pod or service inside a Kubernetes cluster.',
    ifReached: 'Anyone who can connect reaches that pod\'s service as if inside the cluster.',
    sources: ['https://kubernetes.io/docs/reference/kubectl/generated/kubectl_port-forward/'],
  },
  {
    id: 'ngrok', name: 'ngrok agent', category: 'tunnel',
    commandLine: word('ngrok'), ports: [4040],
    what: 'It publishes a local port on the internet; 4040 is its local inspection page.',
    ifReached: 'The inspection page shows every request that came through the tunnel; the tunnel itself is public.',
    sources: ['https://ngrok.com/docs/agent/web-inspection-interface/'],
  },
  {
    id: 'cloudflared', name: 'cloudflared (Cloudflare Tunnel)', category: 'tunnel',
    commandLine: word('cloudflared'),
    what: 'Cloudflare\'s tunnel client, which publishes local services through Cloudflare; its local port is a metrics page or a proxy.',
    ifReached: 'Its metrics page shows tunnel details; an access proxy port reaches the protected service.',
    sources: ['https://github.com/cloudflare/cloudflared'],
  },
  {
    id: 'mitmproxy', name: 'mitmproxy', category: 'proxy',
    commandLine: /mitm(proxy|dump|web)/, ports: [8080, 8081],
    what: 'A debugging proxy that shows (and can change) the web traffic sent through it.',
    ifReached: 'Anyone who can use it sends traffic through this machine; its web UI shows captured requests.',
    sources: ['https://docs.mitmproxy.org/stable/concepts-options/'],
  },
  {
    id: 'squid', name: 'Squid proxy', category: 'proxy',
    commandLine: word('squid'), ports: [3128],
    what: 'A caching web proxy that browsers and programs send their web requests through.',
    ifReached: 'Anyone its rules allow browses through this machine, with its address.',
    sources: ['https://wiki.squid-cache.org/SquidFaq/ConfiguringSquid'],
  },
  {
    id: 'tor', name: 'Tor', category: 'proxy',
    commandLine: /(^|[/\s])tor(\s|$)|Tor Browser/i, ports: [9050, 9150],
    what: 'Tor\'s SOCKS proxy (9050 for the tor service, 9150 for Tor Browser).',
    ifReached: 'Anyone who can connect sends traffic through the Tor network from here.',
    sources: ['https://gitlab.torproject.org/tpo/core/tor/-/blob/main/doc/man/tor.1.txt'],
  },
  {
    id: 'privoxy', name: 'Privoxy', category: 'proxy',
    commandLine: word('privoxy'), ports: [8118],
    what: 'A filtering web proxy that browsers and programs can send their web requests through.',
    ifReached: 'Anyone who can connect browses through this machine.',
    sources: ['https://www.privoxy.org/user-manual/config.html#LISTEN-ADDRESS'],
  },
  {
    id: 'tailscale', name: 'Tailscale', category: 'vpn',
    commandLine: /tailscaled|Tailscale|IPNExtension/,
    what: 'The Tailscale VPN; its local listeners are its own control API and the services it offers to your tailnet.',
    ifReached: 'Devices on your tailnet reach what Tailscale offers them; its local API changes the VPN\'s settings.',
    sources: ['https://tailscale.com/kb/1080/cli'],
  },
  {
    id: 'openvpn-management', name: 'OpenVPN management interface', category: 'vpn',
    commandLine: /openvpn.*--management\s/,
    what: 'OpenVPN\'s management port, which a VPN app uses to control the connection.',
    ifReached: 'Anyone who can connect controls the VPN connection (stop it, read its state) unless a password is set.',
    sources: ['https://openvpn.net/community-resources/management-interface/'],
  },
  // ---- system services -----------------------------------------------------------------------------------------------
  {
    id: 'sshd', name: 'SSH server (sshd)', category: 'system',
    commandLine: /(^|[/\s])sshd(:|\s|$)/, answer: { protocol: 'ssh' }, ports: [22],
    what: 'The SSH server, which lets people log in to this computer remotely.',
    ifReached: 'Anyone who can connect can try to log in; passwords can be guessed unless only keys are allowed.',
    sources: [NETBASE, 'https://man.openbsd.org/sshd_config#Port', 'https://man.openbsd.org/sshd_config#PasswordAuthentication'],
  },
  {
    id: 'cupsd', name: 'CUPS (printing)', category: 'system',
    commandLine: word('cupsd'), answer: { protocol: 'http', product: /CUPS/i }, ports: [631],
    what: 'The printing service (CUPS); its web page on 631 manages printers and print jobs.',
    ifReached: 'From this machine: see and manage print jobs; changing settings asks for an administrator password.',
    sources: [NETBASE, 'https://www.cups.org/doc/man-cupsd.conf.html'],
  },
  {
    id: 'systemd-resolved', name: 'systemd-resolved (DNS)', category: 'system',
    commandLine: /systemd-resolved/, ports: [53],
    what: 'The system\'s DNS resolver stub on 127.0.0.53 (and 127.0.0.54): programs ask it to turn names into addresses.',
    ifReached: 'From this machine it only answers name lookups.',
    sources: [NETBASE, 'https://www.freedesktop.org/software/systemd/man/latest/systemd-resolved.service.html'],
  },
  {
    id: 'dnsmasq', name: 'dnsmasq (DNS, DHCP)', category: 'system',
    commandLine: word('dnsmasq'), ports: [53],
    what: 'A small DNS (and DHCP) server, often started by libvirt, NetworkManager or Docker tooling.',
    ifReached: 'It answers name lookups for whoever can reach it.',
    sources: [NETBASE, 'https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html'],
  },
  {
    id: 'avahi', name: 'Avahi (mDNS, .local names)', category: 'system',
    commandLine: /avahi-daemon/,
    what: 'It announces and finds .local names and services (printers, shares) on the local network.',
    ifReached: 'Devices on the network learn this computer\'s name and services.',
    sources: ['debian:netbase 6.4 /etc/services (mdns 5353/udp)', 'https://avahi.org/'],
  },
  {
    id: 'mta', name: 'Mail transfer agent (Postfix, Exim)', category: 'system',
    commandLine: /postfix\/master|(^|[/\s])(exim4?|sendmail)(\s|$)/, answer: { protocol: 'smtp' }, ports: [25],
    what: 'A local mail server that programs use to send e-mail.',
    ifReached: 'From this machine: send mail as this computer.',
    sources: [NETBASE, 'https://www.postfix.org/BASIC_CONFIGURATION_README.html'],
  },
  {
    id: 'rpcbind', name: 'rpcbind', category: 'system',
    commandLine: word('rpcbind'), ports: [111],
    what: 'The directory of RPC services that NFS file sharing uses.',
    ifReached: 'Anyone who can connect lists the RPC services running here.',
    sources: [NETBASE],
  },
  {
    id: 'x11', name: 'X11 display server (TCP)', category: 'system',
    commandLine: /(^|[/\s])(Xorg|Xvfb|X)\s.*-listen\s+tcp/, ports: [6000],
    what: 'An X11 display server accepting connections over TCP.',
    ifReached: 'A client that is let in sees the screen and types keystrokes into it.',
    sources: [NETBASE, 'https://www.x.org/releases/current/doc/man/man1/Xserver.1.xhtml'],
  },
  // ---- monitoring ----------------------------------------------------------------------------------------------------
  {
    id: 'prometheus', name: 'Prometheus', category: 'monitoring',
    commandLine: word('prometheus'), ports: [9090],
    what: 'The Prometheus monitoring server.',
    ifReached: 'Anyone who can connect reads every metric it collected, and their labels (host names, paths).',
    sources: ['https://prometheus.io/docs/introduction/first_steps/'],
  },
  {
    id: 'node-exporter', name: 'Prometheus node_exporter', category: 'monitoring',
    commandLine: /node_exporter/, ports: [9100],
    what: 'It publishes this computer\'s metrics (CPU, disks, network) for Prometheus.',
    ifReached: 'Anyone who can connect reads those metrics.',
    sources: ['https://github.com/prometheus/node_exporter'],
  },
  {
    id: 'grafana', name: 'Grafana', category: 'monitoring',
    commandLine: /grafana(-server|\s+server)/, ports: [3000],
    what: 'A dashboard for monitoring data.',
    ifReached: 'Whoever logs in sees the dashboards; a fresh install\'s admin password is admin until changed.',
    sources: ['https://grafana.com/docs/grafana/latest/setup-grafana/configure-grafana/#http_port', 'https://grafana.com/docs/grafana/latest/setup-grafana/sign-in-to-grafana/'],
  },
  // ---- this lab ------------------------------------------------------------------------------------------------------
  {
    id: 'localhost-lab-dashboard', name: 'localhost-lab dashboard', category: 'lab',
    commandLine: /localhost-lab(\.js)?\s+dashboard|cli\/(main\.[jt]s|bin\.c?js)\s+dashboard/,
    what: 'The lab\'s own workshop page, which answers only to its own names (Host) and its own pages (Origin).',
    ifReached: 'From this machine: run the lab\'s lessons and read their results.',
    sources: ['src/dashboard/server.ts'],
  },
]

const WEIGHT: Record<MatchedBy, number> = { answer: 4, 'command-line': 3, port: 1 }

export interface ProgramClues {
  commandLine: string | null
  port: number
  service?: Service
}

/** An observed protocol that is known and differs from the entry's rules the entry out. */
function contradicts (entry: KnownProgram, service: Service | undefined): boolean {
  return entry.answer !== undefined && service !== undefined && service.protocol !== 'unknown' && service.protocol !== entry.answer.protocol
}

function answerMatches (entry: KnownProgram, service: Service | undefined): boolean {
  if (entry.answer === undefined || service === undefined || service.protocol !== entry.answer.protocol) return false
  return entry.answer.product === undefined || entry.answer.product.test(service.product ?? '')
}

/**
 * V8 compiles a pattern the first time it runs: testing every command-line pattern on a listener's command line cost
 * check 2.3-3.4 ms of its start (issue 15). Each pattern has its needles, words one of which a line it matches must
 * contain, worked out at build time (tools/knowledge/gen-command-line-needles.mjs) by explain's reader
 * (literal-needles.ts), so a line runs only the few patterns whose needle it holds.
 */
const commandLineNeedles = /* @__PURE__ */ needleFilter(() => commandLineNeedlesJson)

function commandLineMatches (re: RegExp, line: Haystack): boolean {
  return commandLineNeedles.mayMatch(re, line) && re.test(line.text)
}

/**
 * The known program behind a listener, or undefined. A port alone counts only without a command line and without a
 * recognised answer: a `node` on 5432 is not PostgreSQL.
 */
export function knownProgram (clues: ProgramClues, table: readonly KnownProgram[] = KNOWN_PROGRAMS): ProgramMatch | undefined {
  let best: { match: ProgramMatch, score: number } | undefined
  const answered = clues.service !== undefined && clues.service.protocol !== 'unknown'
  const line: Haystack | null = clues.commandLine === null ? null : { text: clues.commandLine }
  for (const program of table) {
    if (contradicts(program, clues.service)) continue
    const by: MatchedBy[] = []
    if (answerMatches(program, clues.service)) by.push('answer')
    if (program.commandLine !== undefined && line !== null && commandLineMatches(program.commandLine, line)) by.push('command-line')
    if (program.ports?.includes(clues.port) === true) by.push('port')
    if (by.length === 0 || (by.length === 1 && by[0] === 'port' && (clues.commandLine !== null || answered))) continue
    const score = by.reduce((sum, b) => sum + WEIGHT[b], 0)
    if (best === undefined || score > best.score) best = { match: { program, by }, score }
  }
  return best?.match
}

/** The known program whose start-up line `text` contains (the first line that matches), or undefined. */
export function announcedProgram (text: string, table: readonly KnownProgram[] = KNOWN_PROGRAMS): KnownProgram | undefined {
  return table.find((p) => p.announces?.test(text) === true)
}

// The dashboard page: no build step, no dependency, nothing but its own origin. Everything it shows comes from the
// server: the catalogue, each run's events as they happen (worded on the server by the same code as the console),
// the explain candidates, the listening ports with their owners, and the check of one listener when asked. Text goes
// in with textContent only, never as HTML.

const $ = (selector, root = document) => root.querySelector(selector)

/** el('p', { class: 'say', 'data-testid': 'x' }, 'text', childNode, ...) */
function el (tag, attrs = {}, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue
    if (key === 'class') node.className = value
    else if (key === 'text') node.textContent = value
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value)
    else node.setAttribute(key, value === true ? '' : String(value))
  }
  for (const child of children) if (child !== undefined && child !== null) node.append(child)
  return node
}

const state = {
  catalogue: [],
  /** The run in progress: { run, id } or null. */
  running: null,
  /** The run the log shows. */
  shown: null,
}

const log = $('[data-testid="run-log"]')
const notice = $('[data-testid="notice"]')

function say (text) {
  notice.textContent = text
  notice.hidden = !text
}

// ---- tabs ----------------------------------------------------------------------------------------------------------

const tabs = ['run', 'explain', 'ports']
function showTab (name) {
  for (const t of tabs) {
    $(`#tab-${t}`).setAttribute('aria-selected', String(t === name))
    $(`#panel-${t}`).hidden = t !== name
  }
  if (name === 'ports') void loadPorts()
  if (name === 'explain') $('[data-testid="explain-input"]').focus()
}
for (const t of tabs) $(`#tab-${t}`).addEventListener('click', () => showTab(t))

// ---- the catalogue -------------------------------------------------------------------------------------------------

async function loadCatalogue () {
  const res = await fetch('/api/scenarios')
  state.catalogue = await res.json()
  const list = $('[data-testid="catalogue"]')
  list.replaceChildren(...state.catalogue.map((s) => el('li', {},
    el('button', {
      type: 'button', class: 'scenario', 'data-testid': `scenario-${s.id}`, 'data-id': s.id, title: s.symptom,
      onclick: () => runScenario(s.id),
    },
    el('span', { class: 'id' }, el('span', { text: s.id }), el('span', { class: 'go', 'aria-hidden': 'true', text: '▶' })),
    el('span', { class: 'title', text: s.title })))))
  renderRunState()
}

function renderRunState () {
  const pill = $('[data-testid="run-state"]')
  pill.dataset.state = state.running ? 'running' : 'idle'
  pill.textContent = state.running ? `running: ${state.running.id}` : 'idle'
  for (const button of document.querySelectorAll('.scenario')) {
    const mine = state.running !== null && button.dataset.id === state.running.id
    button.disabled = state.running !== null
    button.setAttribute('aria-current', String(mine))
  }
  for (const button of document.querySelectorAll('[data-testid="candidate-run"]')) button.disabled = state.running !== null
}

async function runScenario (id) {
  say('')
  showTab('run')
  const res = await fetch('/api/run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) })
  if (res.status === 202) return
  const answer = await res.json().catch(() => ({ message: `HTTP ${res.status}` }))
  say(answer.message ?? `HTTP ${res.status}`)
}

// ---- the live run --------------------------------------------------------------------------------------------------

function time (at) {
  return el('span', { class: 'time', text: `+${at}` })
}

function startLog (run, id, title) {
  state.shown = run
  const scenario = state.catalogue.find((s) => s.id === id)
  log.replaceChildren(el('div', { class: 'run-head', 'data-testid': 'run-head', 'data-run': run, 'data-scenario': id },
    el('h2', {}, el('span', { class: 'id', text: id }), `: ${title}`),
    scenario ? el('p', { class: 'symptom' }, 'Symptom: ', el('code', { text: scenario.symptom })) : null))
}

function codeOf (event) {
  if (event.kind === 'attempt') return event.outcome.code ?? (event.outcome.closeCode !== undefined && event.outcome.closeCode !== 1000 ? String(event.outcome.closeCode) : undefined)
  if (event.kind === 'listen-error') return event.code
  return undefined
}

const marks = { good: '✔', bad: '✘', info: '•' }

function renderEvent ({ run, event, at, line }) {
  if (run !== state.shown) return
  let node
  switch (event.type) {
    case 'start':
      return
    case 'step':
      node = el('h3', { class: 'step', 'data-testid': 'step', 'data-n': event.n },
        el('span', { class: 'n', text: event.n }), el('span', { text: event.title }), time(at))
      break
    case 'say':
      node = el('p', { class: 'say', 'data-testid': 'say', text: event.text })
      break
    case 'observe':
      node = el('div', { class: `obs ${line.tone}`, 'data-testid': 'observation', 'data-kind': event.kind, 'data-code': codeOf(event), 'data-tone': line.tone },
        el('span', { class: 'mark', 'aria-hidden': 'true', text: marks[line.tone] }),
        el('span', { class: 'text', text: line.text }),
        time(at),
        line.detail.length > 0 ? el('pre', { text: line.detail.join('\n') }) : null)
      break
    case 'explain':
      node = el('p', { class: 'callout why', 'data-testid': 'why' }, el('b', { text: 'Why' }), event.text)
      break
    case 'fix':
      node = el('p', { class: 'callout fix', 'data-testid': 'fix' }, el('b', { text: 'Fix' }), event.text)
      break
    case 'done':
      node = el('p', { class: `done ${line.tone}`, 'data-testid': 'run-status', 'data-ok': String(event.ok) },
        `${marks[line.tone]} ${line.text}`)
      break
    default:
      return
  }
  log.append(node)
  // Follow the run, as a console would.
  const panel = $('#panel-run')
  panel.scrollTop = panel.scrollHeight
}

function onMessage (message) {
  switch (message.type) {
    case 'hello':
      state.running = message.running
      for (const m of message.replay) onMessage(m)
      state.running = message.running
      break
    case 'run-started':
      state.running = { run: message.run, id: message.id }
      startLog(message.run, message.id, message.title)
      break
    case 'event':
      renderEvent(message)
      break
    case 'run-finished':
      if (state.running && state.running.run === message.run) state.running = null
      // A "busy" notice is stale once the run it was about has ended.
      say('')
      break
  }
  renderRunState()
}

function connect (delay = 500) {
  const pill = $('[data-testid="connection"]')
  const ws = new WebSocket(`ws://${location.host}/ws`)
  ws.addEventListener('open', () => {
    pill.dataset.state = 'connected'
    pill.textContent = 'live'
    delay = 500
  })
  ws.addEventListener('message', (e) => onMessage(JSON.parse(e.data)))
  ws.addEventListener('close', () => {
    pill.dataset.state = 'closed'
    pill.textContent = 'reconnecting…'
    setTimeout(() => connect(Math.min(delay * 2, 5000)), delay)
  })
}

// ---- explain -------------------------------------------------------------------------------------------------------

const examples = [
  'Error: connect ECONNREFUSED 127.0.0.1:3000',
  'Error: listen EADDRINUSE: address already in use :::8080',
  'TypeError: fetch failed [cause]: connect ECONNREFUSED ::1:5173',
]
$('[data-testid="explain-examples"]').replaceChildren(...examples.map((text) => el('button', {
  type: 'button', class: 'example', 'data-testid': 'explain-example', text: text.length > 44 ? `${text.slice(0, 42)}…` : text, title: text,
  onclick: () => { $('[data-testid="explain-input"]').value = text; void explain() },
})))

function renderCandidate (c) {
  const known = state.catalogue.some((s) => s.id === c.scenario)
  return el('article', { class: 'candidate', 'data-testid': 'candidate', 'data-scenario': c.scenario, 'data-kind': c.kind },
    el('header', {},
      el('span', { class: 'kind', text: c.kind }),
      el('span', { class: 'scenario-id', text: c.scenario }),
      el('span', { class: 'confidence', text: `${Math.round((c.confidence ?? 0) * 100)}% sure` }),
      el('button', {
        type: 'button', class: 'primary', 'data-testid': 'candidate-run', disabled: !known || state.running !== null,
        title: known ? `run ${c.scenario} now` : `${c.scenario} is not in this catalogue`,
        onclick: () => runScenario(c.scenario),
      }, '▶ Run this scenario')),
    el('p', { class: 'why' }, el('b', { text: 'Why' }), c.why),
    el('p', { class: 'fix' }, el('b', { text: 'Fix' }), c.fix),
    c.command ? el('p', {}, el('b', { text: 'Try it' }), el('code', { text: c.command })) : null)
}

async function explain () {
  const input = $('[data-testid="explain-input"]')
  const results = $('[data-testid="explain-results"]')
  const text = input.value.trim()
  if (!text) {
    input.focus()
    return
  }
  results.dataset.state = 'loading'
  results.replaceChildren(el('p', { class: 'hint', text: 'Reading it…' }))
  try {
    const res = await fetch('/api/explain', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) })
    const answer = await res.json()
    if (!res.ok) throw new Error(answer.message ?? `HTTP ${res.status}`)
    const parts = []
    if (answer.address !== undefined && answer.port !== undefined) {
      parts.push(el('p', { class: 'address', 'data-testid': 'explain-address' }, 'Address in your text: ', el('code', { text: `${answer.address.includes(':') ? `[${answer.address}]` : answer.address}:${answer.port}` })))
    }
    if (answer.note) parts.push(el('p', { class: 'note', 'data-testid': 'explain-note', text: answer.note }))
    parts.push(...answer.candidates.map(renderCandidate))
    if (answer.candidates.length === 0 && !answer.note) parts.push(el('p', { class: 'note', 'data-testid': 'explain-note', text: 'No scenario matches this text.' }))
    results.replaceChildren(...parts)
    results.dataset.state = 'done'
  } catch (err) {
    results.replaceChildren(el('p', { class: 'note', 'data-testid': 'explain-note', text: `Could not explain it: ${err.message}` }))
    results.dataset.state = 'error'
  }
}
$('[data-testid="explain-form"]').addEventListener('submit', (e) => {
  e.preventDefault()
  void explain()
})

// ---- ports ---------------------------------------------------------------------------------------------------------

const exposureText = { loopback: 'loopback', 'all-interfaces': 'all interfaces', interface: 'interface' }
const columns = 6

function hostPort (address, port) {
  return `${address.includes(':') ? `[${address}]` : address}:${port}`
}

function ownerCell (p) {
  if (p.pid === null) return el('td', { class: 'proc unknown', text: 'not visible from here' })
  const command = p.commandLine ?? p.command ?? '?'
  return el('td', { class: 'proc' },
    el('span', { class: 'pid', 'data-testid': 'port-pid', text: p.pid }),
    el('span', { class: 'user', 'data-testid': 'port-user', text: p.user ?? '?' }),
    // The command line comes redacted from the server (--requirepass ***); it goes in as text, like everything else.
    el('span', { class: 'command', 'data-testid': 'port-command', title: command, text: command }))
}

async function loadPorts () {
  const summary = $('[data-testid="ports-summary"]')
  const body = $('[data-testid="ports-table"] tbody')
  summary.textContent = 'Reading the kernel’s table…'
  try {
    const res = await fetch('/api/ports')
    const { self, ports } = await res.json()
    body.replaceChildren(...ports.flatMap((p) => {
      const isSelf = p.port === self.port && p.address === self.address
      const result = el('tr', { class: 'check-result', 'data-testid': 'check-result', 'data-port': p.port, 'data-address': p.address, hidden: true },
        el('td', { colspan: columns }))
      const row = el('tr', { class: isSelf ? 'self' : '', 'data-testid': 'port-row', 'data-port': p.port, 'data-address': p.address, 'data-exposure': p.exposure, 'data-self': String(isSelf) },
        el('td', { class: 'port', text: p.port }),
        el('td', { class: 'addr' }, hostPort(p.address, p.port), isSelf ? el('span', { class: 'tag', text: 'this dashboard' }) : null),
        el('td', {}, el('span', { class: `badge ${p.exposure}`, text: exposureText[p.exposure] ?? p.exposure })),
        el('td', { text: p.ephemeral === null ? '?' : p.ephemeral ? 'yes' : 'no' }),
        ownerCell(p),
        el('td', {}, el('button', {
          type: 'button', class: 'check', 'data-testid': 'port-check', title: `check what ${hostPort(p.address, p.port)} is and whether it is a risk`,
          onclick: (e) => void checkListener(p, e.currentTarget, result),
        }, 'Check')))
      return [row, result]
    }))
    const count = (kind) => ports.filter((p) => p.exposure === kind).length
    summary.textContent = `${ports.length} listening TCP sockets: ${count('loopback')} loopback only, ${count('all-interfaces')} on all interfaces, ${count('interface')} on one interface. Check one to see what it is.`
  } catch (err) {
    summary.textContent = `Could not read the ports: ${err.message}`
  }
}

const verdictText = { danger: 'danger', review: 'review', ok: 'ok' }

function renderCheck (answer) {
  const l = answer.listener
  // replaceChildren would print a null as the text "null": only nodes go back.
  return [
    el('p', { class: 'verdict' },
      el('span', { class: `badge verdict ${l.verdict}`, 'data-testid': 'check-verdict', 'data-verdict': l.verdict, text: verdictText[l.verdict] ?? l.verdict }),
      el('span', { class: 'service', text: ` ${l.program ?? '?'} · ${l.service.product ?? l.service.protocol}` })),
    ...answer.plain.map((text) => el('p', { class: 'plain', 'data-testid': 'check-plain', text })),
    l.risks.length === 0 ? null : el('ul', { class: 'risks' }, ...l.risks.map((r) => el('li', { class: `risk ${r.severity}`, 'data-testid': 'check-risk', 'data-risk': r.id, 'data-severity': r.severity },
      el('b', { text: `${r.id} (${r.severity})` }), ` ${r.evidence}. `, el('span', { class: 'fix' }, el('b', { text: 'Fix' }), ` ${r.fix}`)))),
    l.service.evidence.length === 0 ? null : el('details', {}, el('summary', { text: 'What it answered' }), el('pre', { 'data-testid': 'check-evidence', text: l.service.evidence.join('\n') })),
    ...answer.notes.map((text) => el('p', { class: 'note', text })),
  ].filter((node) => node !== null)
}

/** Ask the server to check this one listener; the page never checks listeners on its own. */
async function checkListener (p, button, result) {
  const cell = result.firstElementChild
  result.hidden = false
  result.dataset.state = 'loading'
  button.disabled = true
  cell.replaceChildren(el('p', { class: 'hint', text: `Checking ${hostPort(p.address, p.port)}…` }))
  try {
    const res = await fetch('/api/check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ address: p.address, port: p.port }) })
    const answer = await res.json()
    if (!res.ok) throw new Error(answer.message ?? `HTTP ${res.status}`)
    cell.replaceChildren(...renderCheck(answer))
    result.dataset.state = 'done'
    result.dataset.verdict = answer.listener.verdict
  } catch (err) {
    cell.replaceChildren(el('p', { class: 'note', 'data-testid': 'check-error', text: `Could not check it: ${err.message}` }))
    result.dataset.state = 'error'
  } finally {
    button.disabled = false
  }
}
$('[data-testid="ports-refresh"]').addEventListener('click', () => void loadPorts())

// ---- start ---------------------------------------------------------------------------------------------------------

$('[data-testid="origin"]').textContent = location.host
await loadCatalogue()
connect()

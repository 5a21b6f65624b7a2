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
  /** This page's client token (from the WebSocket's hello), which a paced run it starts belongs to. */
  client: null,
  /** The token the latest hello offered: taken when a resume is refused. */
  offered: null,
  /** The run this page started with a pace, which only it can move on: a run number, or null. */
  owned: null,
  /** The paced run waits before a step: { run, n, title, pace, autoMs, since } or null. */
  waiting: null,
  /** The owner of the paced run in progress went away: { run, until } or null. */
  ownerAway: null,
  /** The pace of the run in progress (`step`, `slow`), or null at full speed. */
  pace: null,
  /** The shown run's errors by code: { count, steps, row }. */
  errors: new Map(),
  /** The current step's heading in the log: the scroll keeps it in view. */
  stepHead: null,
  /** The shown run has its verdict: the log stays scrolled to it. */
  ended: false,
  ws: null,
}

const log = $('[data-testid="run-log"]')
const notice = $('[data-testid="notice"]')
const stepSwitch = $('[data-testid="step-mode"]')
const slowSwitch = $('[data-testid="slow-mode"]')
const nextButton = $('[data-testid="next"]')
const stopButton = $('[data-testid="stop"]')
const paceState = $('[data-testid="pace-state"]')
const errorsPanel = $('[data-testid="errors-seen"]')
const errorsList = $('[data-testid="errors-list"]')

/**
 * Keys pressed this soon after the run starts waiting are dropped, as in the terminal: a clicker's double press, or a
 * second Enter meant for a step that took no time, must not skip the next step unseen.
 */
const SETTLE_MS = 200

function say (text) {
  notice.textContent = text
  notice.hidden = !text
}

/** Narration with `inline code`: the code parts become <code> elements, every part goes in as text. */
function rich (text) {
  return String(text).split('`').map((part, i) => i % 2 === 1 && part !== '' ? el('code', { text: part }) : part)
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
  renderPace()
}

/** The pace bar: what the run waits for, and whether this page may move it on. */
function renderPace () {
  const w = state.waiting
  const mine = state.running !== null && state.owned === state.running.run
  const ready = w !== null && mine && performance.now() - w.since >= SETTLE_MS
  nextButton.disabled = !ready
  nextButton.dataset.n = w === null ? '' : String(w.n)
  stopButton.hidden = !mine
  nextButton.hidden = state.running === null || state.pace === null
  stepSwitch.disabled = slowSwitch.disabled = state.running !== null
  // The placeholder in the log names the next step; this line says who may move on, and how.
  let text = ''
  if (state.ownerAway !== null && state.running !== null && state.ownerAway.run === state.running.run) {
    const left = Math.max(0, Math.ceil((state.ownerAway.until - performance.now()) / 1000))
    text = `The presenter's page went away: the run stops in ${left} s unless it comes back.`
  } else if (w !== null && state.running !== null && w.run === state.running.run) {
    const next = `Up next: ${w.n}. ${w.title}`
    if (!mine) text = `${next} · waiting for the presenter's page`
    else if (w.autoMs !== undefined) text = `${next}, in ${Math.max(0, Math.ceil((w.since + w.autoMs - performance.now()) / 1000))} s · Next: now · q: stop`
    else text = `${next} · Enter, Space, →: Next · q: stop`
  } else if (state.running !== null && state.pace !== null) {
    text = 'Step running…'
  } else if (state.running === null && pace() !== undefined) {
    text = pace() === 'step' ? 'Each step waits for Next.' : 'Each step waits a moment.'
  }
  paceState.textContent = text
  paceState.title = text
  paceState.hidden = text === ''
  paceState.dataset.state = w !== null ? 'waiting' : state.ownerAway !== null ? 'away' : 'idle'
}
// Countdowns (slow mode, an absent owner) and the end of the settle time need a redraw without a message.
setInterval(() => { if (state.waiting !== null || state.ownerAway !== null) renderPace() }, 250)

/**
 * A reload (F5 on the projector) must not lose the run: the token and the run it owns are kept for this tab only
 * (sessionStorage: not shared with other tabs, gone when the tab closes).
 */
const OWNED_KEY = 'localhost-lab:owned'
function keepOwned (value) {
  try {
    if (value === null) sessionStorage.removeItem(OWNED_KEY)
    else sessionStorage.setItem(OWNED_KEY, JSON.stringify(value))
  } catch {}
}
function keptOwned () {
  try {
    const kept = JSON.parse(sessionStorage.getItem(OWNED_KEY) ?? 'null')
    return kept !== null && typeof kept.client === 'string' && typeof kept.run === 'number' ? kept : null
  } catch {
    return null
  }
}

function pace () {
  if (stepSwitch.checked) return 'step'
  if (slowSwitch.checked) return 'slow'
  return undefined
}
// One pace at a time: turning one on turns the other off.
stepSwitch.addEventListener('change', () => { if (stepSwitch.checked) slowSwitch.checked = false; renderPace() })
slowSwitch.addEventListener('change', () => { if (slowSwitch.checked) stepSwitch.checked = false; renderPace() })

async function runScenario (id) {
  say('')
  showTab('run')
  const chosen = pace()
  if (chosen !== undefined && state.client === null) {
    say('Not connected to the dashboard yet: a run that waits for Next needs the live connection. Try again in a moment.')
    return
  }
  const body = chosen === undefined ? { id } : { id, pace: chosen, client: state.client }
  const res = await fetch('/api/run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (res.status === 202) {
    const started = await res.json()
    if (chosen !== undefined) {
      state.owned = started.run
      keepOwned({ client: state.client, run: started.run })
    }
    renderRunState()
    return
  }
  const answer = await res.json().catch(() => ({ message: `HTTP ${res.status}` }))
  say(answer.message ?? `HTTP ${res.status}`)
}

function pressNext () {
  const w = state.waiting
  if (nextButton.disabled || w === null || state.ws === null) return
  state.ws.send(JSON.stringify({ type: 'next', run: w.run, n: w.n }))
  // Until the step's own events come back, a second press has nothing to move on.
  state.waiting = null
  renderPace()
}

function pressStop () {
  if (state.running === null || state.owned !== state.running.run || state.ws === null) return
  state.ws.send(JSON.stringify({ type: 'stop', run: state.running.run }))
}

nextButton.addEventListener('click', pressNext)
stopButton.addEventListener('click', pressStop)

/** The keys a presentation clicker sends, as in `demo --step`. */
const NEXT_KEYS = new Set(['Enter', ' ', 'ArrowRight', 'ArrowDown', 'PageDown'])
document.addEventListener('keydown', function pageOnKey (e) {
  if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return
  const target = e.target
  // Typing in the explain box, or Enter and Space on a button or switch, keep their own meaning.
  if (target instanceof HTMLElement && (target.closest('textarea, input, select, [contenteditable]') || (target.closest('button') && (e.key === 'Enter' || e.key === ' ')))) return
  const mine = state.running !== null && state.owned === state.running.run
  if (!mine) return
  if (NEXT_KEYS.has(e.key)) {
    if (state.waiting === null) return
    e.preventDefault()
    pressNext()
  } else if (e.key === 'q' || e.key === 'Q') {
    e.preventDefault()
    pressStop()
  }
})

// ---- the live run --------------------------------------------------------------------------------------------------

function time (at) {
  return el('span', { class: 'time', text: `+${at}` })
}

function startLog (run, id, title, runPace) {
  state.shown = run
  state.stepHead = null
  state.ended = false
  state.errors = new Map()
  const scenario = state.catalogue.find((s) => s.id === id)
  $('[data-testid="run-head-slot"]').replaceChildren(el('div', { class: 'run-head', 'data-testid': 'run-head', 'data-run': run, 'data-scenario': id, 'data-pace': runPace ?? 'full' },
    el('h2', {}, el('span', { class: 'id', text: id }), `: ${title}`),
    scenario ? el('p', { class: 'symptom', title: scenario.symptom }, 'Symptom: ', el('code', { text: scenario.symptom })) : null))
  log.replaceChildren()
  errorsList.replaceChildren()
  $('[data-testid="errors-count"]').textContent = ''
  errorsPanel.hidden = false
  errorsPanel.dataset.count = '0'
  errorsList.append(el('li', { class: 'none', 'data-testid': 'errors-none', text: 'None yet.' }))
}

function codeOf (event) {
  if (event.kind === 'attempt') return event.outcome.code ?? (event.outcome.closeCode !== undefined && event.outcome.closeCode !== 1000 ? String(event.outcome.closeCode) : undefined)
  if (event.kind === 'listen-error') return event.code
  return undefined
}

const marks = { good: '✔', bad: '✘', info: '•' }

/**
 * An error of the run goes in the pinned summary too: the fixes come later, and the room must still see what broke.
 * One row a code (how often, in which steps, the latest one in full), so that six refusals fit on a projector.
 */
function pinError (event, line, at) {
  $('[data-testid="errors-none"]')?.remove()
  // A refusal has a code; a 403 has a status; anything else is filed under its kind.
  const code = codeOf(event) ?? (event.outcome?.status !== undefined ? `HTTP ${event.outcome.status}` : event.kind)
  const step = state.stepHead?.dataset.n
  let seen = state.errors.get(code)
  if (seen === undefined) {
    seen = { count: 0, steps: [], row: el('li', { class: 'seen', 'data-testid': 'error-seen', 'data-code': code }) }
    state.errors.set(code, seen)
    errorsList.append(seen.row)
  }
  seen.count += 1
  if (step !== undefined && !seen.steps.includes(step)) seen.steps.push(step)
  seen.row.dataset.count = String(seen.count)
  seen.row.replaceChildren(
    el('span', { class: 'code', text: code }),
    el('span', { class: 'times', text: `×${seen.count}` }),
    seen.steps.length > 0 ? el('span', { class: 'steps', text: `step${seen.steps.length > 1 ? 's' : ''} ${seen.steps.join(', ')}` }) : null,
    el('span', { class: 'latest', title: line.text, 'data-testid': 'error-latest' }, el('span', { text: line.text }), time(at)))
  let total = 0
  for (const s of state.errors.values()) total += s.count
  errorsPanel.dataset.count = String(total)
  $('[data-testid="errors-count"]').textContent = `(${total})`
}

/** What the run waits for, where its step will appear. */
function renderWaiting (w) {
  $('[data-testid="up-next"]')?.remove()
  log.append(el('div', { class: 'up-next', 'data-testid': 'up-next', 'data-n': w.n },
    el('span', { class: 'n', text: w.n }), el('span', {}, ...rich(w.title)),
    el('span', { class: 'hint', text: w.autoMs !== undefined ? 'in a moment' : 'after Next' })))
  follow()
}

/**
 * Keep the current step in view: follow the run as a console would, but never so far that the current step's heading
 * scrolls away. At the end, the verdict (the errors stay in their pinned list).
 */
function follow () {
  const bottom = log.scrollHeight - log.clientHeight
  const head = state.stepHead
  // The log is the heading's offsetParent (position: relative), so offsetTop is measured from the log's top.
  log.scrollTop = state.ended || head === null ? bottom : Math.min(bottom, head.offsetTop - 4)
}
// A projector's resolution changes, a window is resized: the same rule, at the new size.
new ResizeObserver(() => follow()).observe(log)

function renderEvent ({ run, event, at, line }) {
  if (run !== state.shown) return
  let node
  switch (event.type) {
    case 'start':
      return
    case 'step':
      $('[data-testid="up-next"]')?.remove()
      if (state.waiting !== null && state.waiting.n <= event.n) state.waiting = null
      node = el('h3', { class: 'step', 'data-testid': 'step', 'data-n': event.n },
        el('span', { class: 'n', text: event.n }), el('span', {}, ...rich(event.title)), time(at))
      state.stepHead = node
      break
    case 'say':
      node = el('p', { class: 'say', 'data-testid': 'say' }, ...rich(event.text))
      break
    case 'observe':
      node = el('div', { class: `obs ${line.tone}`, 'data-testid': 'observation', 'data-kind': event.kind, 'data-code': codeOf(event), 'data-tone': line.tone },
        el('span', { class: 'mark', 'aria-hidden': 'true', text: marks[line.tone] }),
        el('span', { class: 'text', text: line.text }),
        time(at),
        line.detail.length > 0 ? el('pre', { text: line.detail.join('\n') }) : null)
      if (line.tone === 'bad') pinError(event, line, at)
      break
    case 'explain':
      node = el('p', { class: 'callout why', 'data-testid': 'why' }, el('b', { text: 'Why' }), ...rich(event.text))
      break
    case 'fix':
      node = el('p', { class: 'callout fix', 'data-testid': 'fix' }, el('b', { text: 'Fix' }), ...rich(event.text))
      break
    case 'done':
      $('[data-testid="up-next"]')?.remove()
      state.ended = true
      node = el('p', { class: `done ${line.tone}`, 'data-testid': 'run-status', 'data-ok': String(event.ok) },
        `${marks[line.tone]} ${line.text}`)
      break
    default:
      return
  }
  // Before the step's placeholder, if one is there: what comes next stays last.
  const upNext = $('[data-testid="up-next"]')
  if (upNext) upNext.before(node)
  else log.append(node)
  follow()
}

function onMessage (message) {
  switch (message.type) {
    case 'hello':
      state.offered = message.client
      if (state.client === null) {
        const kept = keptOwned()
        if (kept !== null) {
          state.client = kept.client
          state.owned = kept.run
        }
      }
      $('[data-testid="slow-label"]').textContent = `Slow (${Math.round(message.slowStepMs / 100) / 10} s)`
      // A page that lost its connection while its run waited takes it back; anyone else starts afresh.
      if (state.client !== null && state.owned !== null && message.running !== null && message.running.run === state.owned) {
        state.ws.send(JSON.stringify({ type: 'resume', client: state.client }))
      } else {
        state.client = message.client
        state.owned = null
        keepOwned(null)
      }
      state.waiting = null
      state.ownerAway = null
      state.running = message.running
      for (const m of message.replay) onMessage(m)
      state.running = message.running
      if (state.running === null) state.pace = null
      break
    case 'run-started':
      state.running = { run: message.run, id: message.id }
      state.pace = message.pace ?? null
      state.waiting = null
      state.ownerAway = null
      startLog(message.run, message.id, message.title, message.pace)
      break
    case 'event':
      renderEvent(message)
      break
    case 'waiting':
      state.waiting = { run: message.run, n: message.n, title: message.title, pace: message.pace, autoMs: message.autoMs, since: performance.now() }
      if (message.run === state.shown) renderWaiting(state.waiting)
      break
    case 'owner':
      state.ownerAway = message.present ? null : { run: message.run, until: performance.now() + message.graceMs }
      break
    case 'denied':
      if (message.asked === 'resume') {
        state.client = state.offered
        state.owned = null
        keepOwned(null)
      } else {
        say(message.message)
      }
      break
    case 'run-finished':
      if (state.running && state.running.run === message.run) state.running = null
      state.waiting = null
      state.ownerAway = null
      if (state.owned === message.run) {
        state.owned = null
        keepOwned(null)
      }
      state.pace = null
      // A "busy" notice is stale once the run it was about has ended.
      say('')
      break
  }
  renderRunState()
}

function connect (delay = 500) {
  const pill = $('[data-testid="connection"]')
  const ws = new WebSocket(`ws://${location.host}/ws`)
  state.ws = ws
  ws.addEventListener('open', () => {
    pill.dataset.state = 'connected'
    pill.textContent = 'live'
    delay = 500
  })
  ws.addEventListener('message', (e) => onMessage(JSON.parse(e.data)))
  ws.addEventListener('close', () => {
    if (state.ws === ws) state.ws = null
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

/**
 * The dashboard as a person sees it: real headless Chromium (Debian's `chromium`, driven by playwright-core) against a
 * real dashboard on 127.0.0.1. The screenshots go to .tap/screenshots/ (ignored by git).
 *
 * The ports tab lists every listener of the machine it runs on, so that part runs in a network namespace the test
 * creates: the dashboard, Chromium and the listeners it checks all run inside it, and nothing else is there.
 */
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import type { Lab } from '../src/core/lab.js'
import { startDashboard, type Dashboard, type DashboardOptions } from '../src/dashboard/server.js'
import { createNamespace } from '../src/netns/namespace.js'
import { catalogue } from '../demos/index.js'
import { isLinux, ourSockets } from './helpers.js'
import { programsIn } from './namespace-programs.js'

const CHROMIUM = '/usr/bin/chromium'
const SHOTS = fileURLToPath(new URL('../.tap/screenshots/', import.meta.url))
const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** The CLI from the sources, so this test needs no build. */
const CLI_SOURCE = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url))
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

/** Headless Chromium with a fresh profile, one page, and every page error or console error and warning it reports. */
async function launchPage (executablePath: string, profile: string, height: number, defer: (fn: () => unknown) => void): Promise<{ context: BrowserContext, page: Page, problems: string[] }> {
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: ARGS, viewport: { width: 1280, height } })
  defer(() => context.close())
  const page = context.pages()[0] ?? await context.newPage()
  page.setDefaultTimeout(15_000)
  const problems: string[] = []
  page.on('pageerror', (e) => { problems.push(`page error: ${e.message}`) })
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`) })
  return { context, page, problems }
}

t.test('the dashboard in headless Chromium', { skip: existsSync(CHROMIUM) ? false : `needs ${CHROMIUM} (apt-get install chromium)` }, async (t) => {
  const dashboards: Dashboard[] = []
  async function dashboard (opts: Partial<DashboardOptions> = {}): Promise<Dashboard> {
    const d = await startDashboard({ catalogue, ...opts })
    dashboards.push(d)
    t.teardown(() => d.close())
    return d
  }
  const d = await dashboard()

  // A fresh profile each run (launchPersistentContext passes it as --user-data-dir).
  const profile = mkdtempSync(join(tmpdir(), 'lab-chromium-'))
  t.teardown(() => rmSync(profile, { recursive: true, force: true }))
  const { context, page, problems } = await launchPage(CHROMIUM, profile, 720, (fn) => { t.teardown(fn) })

  const requests: string[] = []
  const sockets: string[] = []
  /** Every WebSocket message the page received, with the time it arrived. */
  const frames: Array<{ at: number, type: string, event?: string, code?: string, n?: number, done?: { t: number, durationMs: number, pausedMs?: number } }> = []
  context.on('request', (r) => { requests.push(r.url()) })
  page.on('websocket', (ws) => {
    sockets.push(ws.url())
    ws.on('framereceived', (f) => {
      const m = JSON.parse(String(f.payload)) as { type: string, n?: number, event?: { type: string, t: number, durationMs: number, pausedMs?: number, outcome?: { code?: string } } }
      const frame: (typeof frames)[number] = { at: performance.now(), type: m.type, event: m.event?.type, code: m.event?.outcome?.code }
      if (m.type === 'waiting') frame.n = m.n
      if (m.event?.type === 'done') frame.done = { t: m.event.t, durationMs: m.event.durationMs, pausedMs: m.event.pausedMs }
      frames.push(frame)
    })
  })

  await page.goto(d.url)
  await page.waitForSelector('[data-testid="connection"][data-state="connected"]')

  await t.test('click a scenario: its events stream in, the ECONNREFUSED observation appears live', async (t) => {
    await page.click('[data-testid="scenario-refused"]')
    const refused = page.locator('[data-testid="observation"][data-code="ECONNREFUSED"]').first()
    await refused.waitFor()
    mkdirSync(SHOTS, { recursive: true })
    const shot = join(SHOTS, 'dashboard-run.png')
    await page.screenshot({ path: shot })
    t.ok(statSync(shot).size > 10_000, `screenshot taken during the run: ${shot}`)

    t.match(await refused.textContent(), /ECONNREFUSED, syscall connect, IPv4 127\.0\.0\.1:\d+/)
    t.equal(await refused.getAttribute('data-tone'), 'bad', 'the error is highlighted')
    t.match(await refused.locator('pre').textContent(), /the client says: connect ECONNREFUSED 127\.0\.0\.1:\d+/)
    t.match(await refused.locator('.time').textContent(), /^\+\d/, 'with the time it happened')

    const status = page.locator('[data-testid="run-status"]')
    await status.waitFor()
    t.equal(await status.getAttribute('data-ok'), 'true')
    t.match(await status.textContent(), /reproduced .*ECONNREFUSED.* in /)

    // Live: one WebSocket message per event, arriving over the run, not one batch at the end.
    const events = frames.filter((f) => f.type === 'event')
    const firstRefusal = events.findIndex((f) => f.code === 'ECONNREFUSED')
    t.ok(events.length > 20, `${events.length} event messages`)
    t.equal(events[0]!.event, 'start')
    t.equal(events.at(-1)!.event, 'done')
    t.ok(firstRefusal > 0 && events[firstRefusal]!.at > events[0]!.at, 'the refusal arrived after the start, as its own message')
    const steps = await page.locator('[data-testid="step"]').evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.n)))
    t.same(steps, steps.map((_, i) => i + 1), 'steps shown in order')
    t.ok(steps.length >= 3)
  })

  await t.test('paste an error into the explain box: the right scenario is suggested', async (t) => {
    await page.click('[data-testid="tab-explain"]')
    await page.fill('[data-testid="explain-input"]', 'Error: connect ECONNREFUSED 127.0.0.1:3000')
    await page.click('[data-testid="explain-submit"]')
    await page.waitForSelector('[data-testid="explain-results"][data-state="done"]')
    const suggested = await page.$$eval('[data-testid="candidate"]', (els) => els.map((e) => (e as HTMLElement).dataset.scenario))
    t.equal(suggested[0], 'refused', 'refused is the first candidate')
  })

  await t.test('the explain box renders candidates and runs the one chosen', async (t) => {
    // The page's half of explain, on a dashboard whose explain source answers with a known candidate.
    const canned = await dashboard({
      sources: {
        explainText: async () => ({
          address: '127.0.0.1', port: 3000,
          candidates: [{ kind: 'dangerous?', scenario: 'dns-rebinding', confidence: 0.8, why: 'a page reached 127.0.0.1', fix: 'check Host', command: 'npm run demo:dns-rebinding' }],
        }),
      },
    })
    await page.goto(canned.url)
    await page.waitForSelector('[data-testid="connection"][data-state="connected"]')
    await page.click('[data-testid="tab-explain"]')
    await page.fill('[data-testid="explain-input"]', 'is 127.0.0.1:3000 dangerous?')
    await page.click('[data-testid="explain-submit"]')
    const candidate = page.locator('[data-testid="candidate"]')
    await candidate.waitFor()
    t.equal(await candidate.getAttribute('data-scenario'), 'dns-rebinding')
    t.match(await candidate.textContent(), /dangerous\?.*dns-rebinding.*80% sure.*Why.*a page reached 127\.0\.0\.1.*Fix.*check Host.*npm run demo:dns-rebinding/s)
    t.match(await page.textContent('[data-testid="explain-address"]'), '127.0.0.1:3000')
    await page.click('[data-testid="candidate-run"]')
    await page.waitForSelector('[data-testid="run-head"][data-scenario="dns-rebinding"]')
    const status = page.locator('[data-testid="run-status"]')
    await status.waitFor()
    t.equal(await status.getAttribute('data-ok'), 'true', 'the suggested scenario ran')
    t.ok(await page.locator('[data-testid="observation"][data-tone="bad"]', { hasText: 'HTTP 403' }).count() > 0, 'its 403 is highlighted')
  })

  await t.test('step by step: nothing happens before Next; the heading, the list and the errors stay on screen at 1024×768 and 1920×1080', async (t) => {
    await page.goto(d.url)
    await page.waitForSelector('[data-testid="connection"][data-state="connected"]')
    await page.setViewportSize({ width: 1024, height: 768 })
    await page.getByRole('switch', { name: /step/i }).check()
    const mark = frames.length
    await page.click('[data-testid="scenario-refused"]')
    const upNext = page.locator('[data-testid="up-next"][data-n="1"]')
    await upNext.waitFor()
    t.match(await upNext.textContent(), 'Borrow a port from the OS', 'the page shows what comes next while it waits')
    // The presenter talks; the run must not move on by itself.
    await page.waitForTimeout(2000)
    const held = frames.slice(mark)
    t.notOk(held.some((f) => f.event === 'done'), 'after 2 s nothing has finished')
    t.same(held.filter((f) => f.type === 'event').map((f) => f.event), ['start'], 'the only event is start: no step, no observation, so no socket of the lesson was made')
    t.same(held.filter((f) => f.type === 'waiting').map((f) => f.n), [1], 'it waits before step 1')
    const ownPorts = dashboards.map((x) => `LISTEN 127.0.0.1:${x.port}`).sort()
    if (isLinux) t.same((await ourSockets('LISTEN')).sort(), ownPorts, 'the kernel agrees: no listener but the dashboards\' (step 1 listens on port 0)')
    t.equal(await page.locator('[data-testid="step"]').count(), 0)
    mkdirSync(SHOTS, { recursive: true })
    await page.screenshot({ path: join(SHOTS, 'dashboard-step-waiting-1024x768.png') })

    // Next until the verdict: the button, then the keys a clicker sends (focus on the page, not on a button).
    const next = page.getByRole('button', { name: /^Next/ })
    const status = page.locator('[data-testid="run-status"]')
    const ways = ['click', 'ArrowRight', 'Space', 'click', 'PageDown', 'click']
    let presses = 0
    for (;;) {
      await page.locator('[data-testid="next"]:not([disabled]), [data-testid="run-status"]').first().waitFor()
      if (await status.count() > 0) break
      const way = ways[presses++]!
      if (way === 'click') {
        await next.click()
      } else {
        await page.evaluate(() => { (document.activeElement as HTMLElement | null)?.blur() })
        await page.keyboard.press(way)
      }
      if (presses === 2) {
        await page.locator('[data-testid="up-next"][data-n="3"]').waitFor()
        await page.screenshot({ path: join(SHOTS, 'dashboard-step-midway-1024x768.png') })
      }
      t.ok(presses <= ways.length, 'a verdict within a few presses')
      if (presses > ways.length) break
    }
    t.equal(presses, 4, 'one press for each of the four steps')
    t.equal(await status.getAttribute('data-ok'), 'true', 'reproduced')
    const waits = frames.slice(mark).filter((f) => f.type === 'waiting').map((f) => f.n)
    t.same(waits, [1, 2, 3, 4])
    const done = frames.slice(mark).find((f) => f.event === 'done')!.done!
    t.ok(done.pausedMs! > 2000, `the run waited ${done.pausedMs} ms at Next`)
    t.ok(Math.abs(done.durationMs - (done.t - done.pausedMs!)) < 2, `its reported time, ${done.durationMs} ms, leaves the waits out`)

    /** On screen: inside the viewport, and not hidden by a scrolled container or anything on top of it. */
    const onScreen = (selector: string) => page.locator(selector).evaluateAll((els) => els.some((el) => {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0 || r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) return false
      const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 40), r.top + r.height / 2)
      return hit !== null && (hit === el || el.contains(hit))
    }))
    for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height })
      // The log follows its verdict from a ResizeObserver, whose callback runs in the next frame after the resize.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
      t.ok(await onScreen('[data-testid="error-seen"][data-code="ECONNREFUSED"]'), `${width}×${height}: an ECONNREFUSED error is on screen with the verdict`)
      t.ok(await onScreen('[data-testid="run-status"]'), `${width}×${height}: the verdict is on screen`)
      t.ok(await onScreen('[data-testid="run-head"] h2'), `${width}×${height}: the scenario's heading is on screen`)
      t.ok(await onScreen('[data-testid="scenario-refused"]'), `${width}×${height}: the scenario list is on screen`)
      t.ok(await onScreen('[data-testid="presenter"] [role="switch"]'), `${width}×${height}: so is the step switch`)
      const size = await page.locator('[data-testid="observation"] .text').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
      t.ok(size >= 18, `${width}×${height}: observations in ${size}px type`)
      const shot = join(SHOTS, `dashboard-step-${width}x${height}.png`)
      await page.screenshot({ path: shot })
      t.ok(statSync(shot).size > 10_000, `screenshot: ${shot}`)
    }
    const pinned = page.locator('[data-testid="error-seen"]')
    t.same(await pinned.evaluateAll((els) => els.map((e) => [(e as HTMLElement).dataset.code, (e as HTMLElement).dataset.count])), [['ECONNREFUSED', '6']], 'the six refusals of steps 2 and 3 are pinned, as one row')
    t.match(await pinned.first().textContent(), /^ECONNREFUSED×6steps 2, 3GET ws:\/\/127\.0\.0\.1:\d+\/ \(Upgrade: websocket\): ECONNREFUSED/, 'with the latest one in full')
    const code = await page.locator('[data-testid="fix"] code').allTextContents()
    t.ok(code.some((c) => c.startsWith('ss -ltnp')), 'inline code in the narration is rendered as <code>')
    t.notOk((await page.locator('[data-testid="fix"]').allTextContents()).some((x) => x.includes('`')), 'no raw backticks')
    await page.setViewportSize({ width: 1280, height: 720 })
  })

  await t.test('another page sees the held run but cannot move it; q on the presenter\'s page stops it', async (t) => {
    const viewer = await context.newPage()
    t.teardown(() => viewer.close())
    viewer.on('pageerror', (e) => { problems.push(`viewer page error: ${e.message}`) })
    await viewer.goto(d.url)
    await viewer.waitForSelector('[data-testid="connection"][data-state="connected"]')
    t.ok(await page.getByRole('switch', { name: /step/i }).isChecked(), 'the presenter\'s switch is still on')
    await page.click('[data-testid="scenario-refused"]')
    // The presenter's page knows the run is its own once POST /api/run has answered (the viewer may hear of the run
    // over its WebSocket sooner): a reload before that is a new page, rightly.
    await page.locator('[data-testid="next"]:not([disabled])').waitFor()
    await viewer.locator('[data-testid="up-next"][data-n="1"]').waitFor()
    t.ok(await viewer.getByRole('button', { name: /^Next/ }).isDisabled(), 'Next is not the viewer\'s to press')
    t.match(await viewer.textContent('[data-testid="pace-state"]'), /^Up next: 1\. Borrow a port .* waiting for the presenter's page$/)
    await viewer.keyboard.press('ArrowRight')
    // The presenter reloads: the same tab takes its run back (the old page's WebSocket is gone, the grace has begun).
    await page.reload()
    await page.locator('[data-testid="next"]:not([disabled])').waitFor()
    t.match(await page.textContent('[data-testid="pace-state"]'), /^Up next: 1\. .* Enter, Space, →: Next · q: stop$/, 'after a reload, the run is still the presenter\'s')
    await page.evaluate(() => { (document.activeElement as HTMLElement | null)?.blur() })
    await page.keyboard.press('q')
    const stopped = viewer.locator('[data-testid="run-status"]')
    await stopped.waitFor()
    t.equal(await stopped.getAttribute('data-ok'), 'false')
    t.match(await stopped.textContent(), /stopped from the page/, 'the viewer is told why it ended')
    t.equal(await viewer.locator('[data-testid="step"]').count(), 0, 'no step ran: the viewer\'s → did nothing')
    t.equal(d.running(), undefined, 'the slot is free')
  })

  await t.test('the page talked to nobody but its own origin', async (t) => {
    const own = new Set(dashboards.map((x) => new URL(x.url).origin))
    t.ok(requests.length >= 5)
    for (const url of requests) t.ok(own.has(new URL(url).origin), url)
    t.ok(sockets.length >= 2)
    for (const url of sockets) t.ok(dashboards.some((x) => url === `ws://127.0.0.1:${x.port}/ws`), url)
    t.same(problems, [], 'no page error, no console error (a CSP violation would be one)')
  })
})

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0
const namespaces = isLinux && process.getuid?.() === 0 && has('ip')

t.test('the ports tab and Check, in a namespace of our own: owners at once, verdicts on a click', {
  skip: !existsSync(CHROMIUM) ? `needs ${CHROMIUM} (apt-get install chromium)` : namespaces ? false : 'needs Linux, root and ip (a namespace of its own)',
}, async (t) => {
  const cleanups: Array<() => unknown> = []
  t.teardown(async () => { for (const fn of cleanups.reverse()) await fn() })
  const ns = await createNamespace({ defer: (fn: () => unknown) => { cleanups.push(fn) } } as unknown as Lab, 'dash')
  const { prefix, start } = await programsIn(ns, (fn) => { cleanups.push(fn) }, { cwd: ROOT })

  const secret = `hunter2-${randomBytes(4).toString('hex')}`
  const markup = '<script>window.pwned = 1</script><b>bold</b>'
  const [dashboard, secretive, inspector] = await Promise.all([
    start([process.execPath, '--import', 'tsx', CLI_SOURCE, 'dashboard'], /localhost-lab dashboard: (http:\/\/127\.0\.0\.1:(\d+)\/)/),
    start([process.execPath, '-e', "const s = require('node:net').createServer((c) => c.destroy()).listen(0, '127.0.0.1', () => console.log('port', s.address().port)); process.stdin.resume()", '--', '--requirepass', secret, markup],
      /^port (\d+)$/),
    start([process.execPath, '--inspect=127.0.0.1:0', '-e', 'process.stdin.resume()'], /Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//),
  ])
  const url = dashboard.match[1]!
  const ports = { dashboard: Number(dashboard.match[2]), secretive: Number(secretive.match[1]), inspector: Number(inspector.match[1]) }

  // Chromium runs inside the namespace too (playwright talks to it over a pipe, which `ip netns exec` passes on).
  const dir = mkdtempSync(join(tmpdir(), 'lab-chromium-ns-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const wrapper = join(dir, 'chromium-in-namespace')
  writeFileSync(wrapper, `#!/bin/sh\nexec ${prefix.join(' ')} ${CHROMIUM} "$@"\n`)
  chmodSync(wrapper, 0o755)
  const { context, page, problems } = await launchPage(wrapper, join(dir, 'profile'), 900, (fn) => { cleanups.push(fn) })
  const checks: string[] = []
  context.on('request', (r) => { if (new URL(r.url()).pathname === '/api/check') checks.push(r.postData() ?? '') })

  await page.goto(url)
  await page.waitForSelector('[data-testid="connection"][data-state="connected"]')
  await page.click('[data-testid="tab-ports"]')
  await page.locator('[data-testid="port-row"]').first().waitFor()
  const rows = page.locator('[data-testid="port-row"]')
  const listed = await rows.evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.port)))
  t.same(listed, Object.values(ports).sort((a, b) => a - b), 'the namespace\'s three listeners, and nothing else')

  const row = (port: number) => page.locator(`[data-testid="port-row"][data-port="${port}"]`)
  const result = (port: number) => page.locator(`[data-testid="check-result"][data-port="${port}"]`)

  await t.test('owners at once: pid, user and the command line, redacted, as text', async (t) => {
    t.equal(await row(ports.dashboard).getAttribute('data-self'), 'true')
    t.equal(await row(ports.dashboard).getAttribute('data-exposure'), 'loopback')
    for (const [name, port] of Object.entries(ports)) {
      t.match(await row(port).locator('[data-testid="port-pid"]').textContent(), /^\d+$/, `${name}: its pid`)
      t.equal(await row(port).locator('[data-testid="port-user"]').textContent(), 'root', `${name}: its user`)
    }
    const command = await row(ports.secretive).locator('[data-testid="port-command"]').textContent()
    t.match(command, '--requirepass ***', 'the secret is redacted')
    t.match(command, markup, 'the markup shows as the text it is')
    t.notMatch(await page.content(), secret, 'the secret is nowhere in the page')
    t.equal(await page.locator('[data-testid="ports-table"] script, [data-testid="ports-table"] b').count(), 0, 'no element came from the command line')
    t.equal(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined, 'its script never ran')
    t.same(checks, [], 'the page checked nothing by itself')
    t.same(await page.locator('[data-testid="check-result"]:not([hidden])').count(), 0, 'no verdict before a click')
  })

  await t.test('Check on the dashboard itself: ok', async (t) => {
    await row(ports.dashboard).locator('[data-testid="port-check"]').click()
    await page.waitForSelector(`[data-testid="check-result"][data-port="${ports.dashboard}"][data-state="done"]`)
    t.equal(await result(ports.dashboard).locator('[data-testid="check-verdict"]').getAttribute('data-verdict'), 'ok')
    t.equal(await result(ports.dashboard).locator('[data-testid="check-risk"]').count(), 0)
    const plain = await result(ports.dashboard).locator('[data-testid="check-plain"]').allTextContents()
    t.ok(plain.includes('Only programs on this computer can reach it.') && plain.includes('Verdict: ok.'), plain.join(' | '))
  })

  await t.test('Check on the Node debugger: danger, code-execution, with its fix', async (t) => {
    await row(ports.inspector).locator('[data-testid="port-check"]').click()
    await page.waitForSelector(`[data-testid="check-result"][data-port="${ports.inspector}"][data-state="done"]`)
    t.equal(await result(ports.inspector).locator('[data-testid="check-verdict"]').getAttribute('data-verdict'), 'danger')
    const risk = result(ports.inspector).locator('[data-testid="check-risk"]')
    t.equal(await risk.getAttribute('data-risk'), 'code-execution')
    t.equal(await risk.getAttribute('data-severity'), 'high')
    t.match(await risk.textContent(), /Fix.*--inspect/)
    t.match(await result(ports.inspector).locator('[data-testid="check-evidence"]').textContent(), `GET /json/version -> Browser: node.js/${process.version}`)
    mkdirSync(SHOTS, { recursive: true })
    const shot = join(SHOTS, 'dashboard-check.png')
    await page.screenshot({ path: shot, fullPage: true })
    t.ok(statSync(shot).size > 10_000, `screenshot of the verdicts: ${shot}`)
  })

  await t.test('two clicks, two checks, of those two listeners only; no page error', async (t) => {
    t.same(checks.map((c) => JSON.parse(c) as unknown), [{ address: '127.0.0.1', port: ports.dashboard }, { address: '127.0.0.1', port: ports.inspector }])
    t.same(problems, [])
  })
})

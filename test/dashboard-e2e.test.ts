/**
 * The dashboard as a person sees it: real headless Chromium (Debian's `chromium`, driven by playwright-core) against a
 * real dashboard on 127.0.0.1. The screenshot goes to .tap/screenshots/ (ignored by git).
 */
import t from 'tap'
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { startDashboard, type Dashboard, type DashboardOptions } from '../src/dashboard/server.js'
import { catalogue } from '../demos/index.js'

const CHROMIUM = '/usr/bin/chromium'
const SHOTS = fileURLToPath(new URL('../.tap/screenshots/', import.meta.url))
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]

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
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 720 },
  })
  t.teardown(() => context.close())
  const page = context.pages()[0] ?? await context.newPage()
  page.setDefaultTimeout(15_000)

  const requests: string[] = []
  const sockets: string[] = []
  const problems: string[] = []
  /** Every WebSocket message the page received, with the time it arrived. */
  const frames: Array<{ at: number, type: string, event?: string, code?: string }> = []
  context.on('request', (r) => { requests.push(r.url()) })
  page.on('websocket', (ws) => {
    sockets.push(ws.url())
    ws.on('framereceived', (f) => {
      const m = JSON.parse(String(f.payload)) as { type: string, event?: { type: string, outcome?: { code?: string } } }
      frames.push({ at: performance.now(), type: m.type, event: m.event?.type, code: m.event?.outcome?.code })
    })
  })
  page.on('pageerror', (e) => { problems.push(`page error: ${e.message}`) })
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`) })

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

  await t.test('the ports view lists the dashboard itself, loopback only', async (t) => {
    const here = dashboards.at(-1)!
    await page.click('[data-testid="tab-ports"]')
    const self = page.locator('[data-testid="port-row"][data-self="true"]')
    await self.waitFor()
    t.equal(await self.getAttribute('data-port'), String(here.port))
    t.equal(await self.getAttribute('data-exposure'), 'loopback')
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

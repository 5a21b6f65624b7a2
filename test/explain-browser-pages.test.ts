/**
 * Browsers' error pages in the user's language (knowledge/chromium-pages.ts and firefox-pages.ts, from the installed
 * locale packs): the real Chromium, headless, in German, Chinese and Korean, opens a loopback port of this test's own
 * that refuses (closed a moment ago); the page's text, its ERR_ code line taken out (users copy the sentence), is read
 * as a refusal. Firefox cannot be driven here (playwright needs its own build), so its sentences are read from the
 * table, each language with the host filled in as the page fills it.
 */
import t from 'tap'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { explain } from '../src/diagnose/explain/explain.js'
import { freePort } from '../src/net/free-port.js'
import { chromiumPageMessages } from '../src/diagnose/explain/knowledge/chromium-pages.js'
import { firefoxPageMessages } from '../src/diagnose/explain/knowledge/firefox-pages.js'

const CHROMIUM = '/usr/bin/chromium'
const PACKS = '/usr/lib/chromium/locales'
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const skip = !existsSync(CHROMIUM) ? `needs ${CHROMIUM} (apt-get install chromium)` : !existsSync(join(PACKS, 'de.pak')) ? `needs ${PACKS}/de.pak (apt-get install chromium-l10n)` : false


/** The error page's text as Chromium in `lang` shows it for `url`, without the line holding its net::ERR_ code. */
async function pageText (lang: string, url: string): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), 'lab-chromium-'))
  // Chromium on Linux takes its interface language from LANGUAGE (--lang and the page locale alone leave it English).
  const env = { ...process.env, LANGUAGE: lang.replace('-', '_') }
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: [...ARGS, `--lang=${lang}`], locale: lang, env })
  try {
    const page = context.pages()[0] ?? await context.newPage()
    await page.goto(url, { timeout: 10_000 }).catch(() => {})
    await page.waitForFunction(() => /ERR_[A-Z_]+/.test(document.body?.innerText ?? ''), undefined, { timeout: 10_000 })
    const text = await page.evaluate(() => document.body.innerText)
    return text.split('\n').filter((l) => !/ERR_[A-Z_]+/.test(l)).join('\n')
  } finally {
    await context.close()
    rmSync(profile, { recursive: true, force: true })
  }
}

t.test('the table holds each sentence in the languages users write in', async (t) => {
  const refused = chromiumPageMessages.find((m) => m.netErrors.includes('ERR_CONNECTION_REFUSED'))!
  t.equal(refused.en, '%s refused to connect.')
  for (const lang of ['de', 'fr', 'es', 'pt-BR', 'ru', 'ja', 'ko', 'zh-CN', 'zh-TW', 'it', 'pl', 'tr']) t.ok(refused.translations[lang], `${lang}: ${refused.translations[lang]}`)
})

t.test('headless Chromium\'s own error page, in German, Chinese and Korean', { skip }, async (t) => {
  const port = await freePort()
  for (const lang of ['de-DE', 'zh-CN', 'ko']) {
    const text = await pageText(lang, `http://127.0.0.1:${port}/`)
    t.notMatch(text, /refused to connect/, `${lang}: the page is translated`)
    const answer = explain(text)
    t.equal(answer.candidates[0]?.kind, 'refused', `${lang}: ${JSON.stringify(text.split('\n').find((l) => l.includes('127.0.0.1')))}`)
    t.match(answer.candidates[0]?.because.map((b) => b.means).join('\n') ?? '', /Chromium's error page for ERR_CONNECTION_REFUSED/)
  }
})

t.test('Firefox\'s sentences, the host filled in, read as the failure each is shown for', async (t) => {
  t.ok(firefoxPageMessages.length >= 5)
  for (const m of firefoxPageMessages) {
    for (const [lang, text] of Object.entries({ en: m.en, ...m.translations })) {
      const kinds = explain(text.replace('%s', 'localhost:3000')).candidates.slice(0, 3).map((c) => c.kind)
      // The sure ones first; netInterrupt (0.7) can lose first place to another catalogue's sentence inside it (lynx's
      // Turkish "bağlantı kesildi"), and must still be among the first three.
      if (m.weight >= 0.85) t.equal(kinds[0], m.kind, `${m.key} ${lang}: ${text}`)
      else t.ok(kinds.includes(m.kind as never), `${m.key} ${lang}: ${text} (${kinds.join(', ')})`)
    }
  }
})

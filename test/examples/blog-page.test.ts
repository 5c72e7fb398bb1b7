import { existsSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { startBlog, type RunningBlog } from './blog-process.js'
import { blogRevisions } from './blog-revisions.js'

/** Debian's chromium package; CI installs it (.ci/run). Never downloaded: a missing browser fails the test. */
const CHROMIUM = process.env['ATHANOR_TEST_CHROMIUM'] ?? '/usr/bin/chromium'
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
/** This test's output folder (not committed): the screenshot lands here. */
const OUTPUT_DIR = fileURLToPath(new URL('../../test-output/blog-page/', import.meta.url))

let browser: Browser
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set ATHANOR_TEST_CHROMIUM`)
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
})
afterAll(async () => {
  await browser?.close()
})

describe('the example blog page in headless Chromium (fastify, sqlite)', () => {
  let db: TestDatabase
  let blog: RunningBlog
  beforeEach(async () => {
    db = await createTestDatabase('sqlite')
    blog = await startBlog('fastify', { DATABASE_URL: db.url })
  })
  afterEach(async () => {
    await blog.stop()
    await db.drop()
  })

  it('renders the seeded posts and the migration status, publishes a post from the form, and is screenshotted', { timeout: 120_000 }, async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } })
    await page.goto(`${blog.url}/`)
    expect(await page.title()).toBe('athanor blog')
    expect(await page.locator('#posts .post h2').allTextContents()).toEqual(['Shipping on a Friday', 'Notes on the analytical engine'])
    expect(await page.locator('.post[data-id="1"] .tags li').allTextContents()).toEqual(['databases', 'migrations'])
    expect(await page.locator('.post[data-id="2"] .comments').textContent()).toBe('1 comment')
    const head = (await blogRevisions()).at(-1)
    expect(await page.locator('#db-status').textContent()).toBe(`database at ${head} · up to date`)
    expect(await page.locator('#db-status').getAttribute('data-up-to-date')).toBe('true')

    await page.selectOption('select[name="authorId"]', { label: 'Grace Hopper' })
    await page.fill('input[name="title"]', 'Written in Chromium')
    await page.fill('textarea[name="body"]', 'Through the form, the JSON API and the database.')
    await page.fill('input[name="tags"]', 'browsers, typescript')
    await Promise.all([page.waitForEvent('load'), page.click('button[type="submit"]')])
    const first = page.locator('#posts .post').first()
    expect(await first.locator('h2').textContent()).toBe('Written in Chromium')
    expect(await first.locator('.author').textContent()).toBe('Grace Hopper')
    expect(await first.locator('.tags li').allTextContents()).toEqual(['browsers', 'typescript'])

    mkdirSync(OUTPUT_DIR, { recursive: true })
    const screenshot = join(OUTPUT_DIR, 'blog-page.png')
    await page.screenshot({ path: screenshot, fullPage: true })
    expect(statSync(screenshot).size).toBeGreaterThan(1000)
    await page.close()
  })
})

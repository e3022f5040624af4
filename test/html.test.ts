// The HTML report in a real headless browser (Debian's chromium, installed by .ci/run): it renders
// with no console error or blocked resource, at phone and A4-ish widths (a screenshot of each), and printed to an A4 PDF.
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess, scratch } from './support.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
// Locally the test is skipped without a browser; in CI (.ci/run installs chromium) it must run.
const run = CHROMIUM || process.env.CI ? describe : describe.skip;

run('HTML report in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!CHROMIUM) throw new Error('chromium is not installed (.ci/run installs it: apt-get install chromium)');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => browser?.close());

  // One report: the page is the same template for every fixture (their contents are held by the golden files).
  it.each([['bac-binh-2017', '2017']].filter(([name]) => existsSync(`fixtures/${name}`)))('%s renders without console errors', async (name, year) => {
    const dir = scratch('assess-html-');
    const file = path.join(dir, `${name}.html`);
    const r = assess(['report', '--year', year!, `fixtures/${name}`, '--format', 'html', '--out', file]);
    expect(r.code).toBe(0);
    for (const viewport of [{ width: 390, height: 844 }, { width: 1000, height: 1400 }]) {
      const page = await browser.newPage({ viewport });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()}`));
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      expect(await page.getAttribute('html', 'lang')).toBe('vi');
      expect(await page.locator('table').count()).toBeGreaterThanOrEqual(3);
      expect(await page.locator('figure.chart svg rect.fill').count()).toBeGreaterThan(0);
      // the page fits the phone's width: only tables scroll inside their own box
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
      expect(overflow).toBeLessThanOrEqual(0);
      const shot = path.join(dir, `${name}-${viewport.width}.png`);
      await page.screenshot({ path: shot });
      expect(existsSync(shot)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
    const pdf = await browser.newPage();
    await pdf.goto(pathToFileURL(file).href);
    writeFileSync(path.join(dir, `${name}.pdf`), await pdf.pdf({ format: 'A4' }));
    await pdf.close();
  });
});

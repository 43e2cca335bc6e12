/**
 * Headless Chromium for the tests that look at a page as a browser shows it (the status page, issue
 * 18): Debian's `chromium` package (.ci/run installs it) driven by playwright-core. Where it is not
 * installed those tests say so on the console and are skipped — unless UCHEBNIK_REQUIRE_CHROMIUM=1
 * (CI), where they run and fail for want of it.
 */
import fs from 'node:fs';
import { chromium } from 'playwright-core';

const executablePath = process.env.UCHEBNIK_CHROMIUM ?? '/usr/bin/chromium';
const present = fs.existsSync(executablePath);
const required = process.env.UCHEBNIK_REQUIRE_CHROMIUM === '1';

if (!present) {
  console.warn(
    required
      ? `chromium: ${executablePath} is missing and UCHEBNIK_REQUIRE_CHROMIUM=1 — the browser tests fail`
      : `chromium: ${executablePath} is missing — the browser tests of the status page did NOT run (apt-get install chromium, or set UCHEBNIK_CHROMIUM)`,
  );
}

/** Whether the browser tests run: Chromium is there, or it is required (and its absence fails them). */
export const CHROMIUM = { available: present || required, executablePath };

export interface OpenedPage {
  /** console errors and uncaught page errors */
  errors: string[];
  /** [data-k, text] of every element that carries a figure, in page order */
  figures: [string, string][];
  /** milliseconds from navigation to the load event */
  loadMs: number;
}

/**
 * Opens a local file, collects errors and figures, and saves a full-page screenshot to `screenshot` if given;
 * with `top`, also the top of the page as a small picture (the README's docs/status-page.png).
 */
export async function openInChromium(file: string, screenshot: string | undefined, top?: string): Promise<OpenedPage> {
  if (!present) throw new Error(`Chromium is required (UCHEBNIK_REQUIRE_CHROMIUM=1) but ${executablePath} does not exist`);
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    // Nothing may be fetched: the page must open from a USB stick.
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) errors.push(`request to ${r.url()}`);
    });
    const started = Date.now();
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    const loadMs = Date.now() - started;
    const figures = await page.$$eval('[data-k]', (els) => els.map((e) => [e.getAttribute('data-k') ?? '', (e.textContent ?? '').trim()] as [string, string]));
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    if (top) {
      await page.setViewportSize({ width: 900, height: 1000 });
      await page.screenshot({ path: top, clip: { x: 0, y: 0, width: 900, height: 1000 } });
    }
    return { errors, figures, loadMs };
  } finally {
    await browser.close();
  }
}

#!/usr/bin/env node
// Renders the extension icon (package.json "icon"): scripts/icon/icon.svg → media/icons/icon.png, 128×128,
// transparent outside the rounded square. Uses headless Chromium through playwright-core (a devDependency);
// the browser is CHROMIUM_PATH, else /usr/bin/chromium. Run: node scripts/icon/render.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE = path.join(ROOT, 'scripts', 'icon', 'icon.svg');
const OUT = path.join(ROOT, 'media', 'icons', 'icon.png');
const SIZE = 128;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  const svg = fs.readFileSync(SOURCE, 'utf8');
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const png = await page.locator('svg').screenshot({ omitBackground: true });
  fs.writeFileSync(OUT, png);
  console.log(`${path.relative(ROOT, OUT)}: ${png.length} bytes`);
} finally {
  await browser.close();
}

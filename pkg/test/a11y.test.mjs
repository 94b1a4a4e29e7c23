// The playground page is usable by everyone: axe-core's WCAG 2 A/AA and best-practice
// checks find nothing in Chromium, with the page as it loads and with findings shown, and
// the page works from the keyboard alone (add a disk, fill it, read its problems), in
// English and in Simplified Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { pkgDir } from './packed.mjs';
import { executablePath, noChromium } from './probe.mjs';

async function axe(page) {
  await page.addScriptTag({ path: join(pkgDir, 'node_modules', 'axe-core', 'axe.min.js') });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

for (const lang of ['en', 'zh-CN']) test(`the playground passes axe-core and works from the keyboard (${lang})`, { skip: noChromium }, async () => {
  const server = await serve(pkgDir);
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${server.address().port}/demo/index.html?lang=${lang}`);
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.deepEqual(await axe(page), [], 'as the page loads');

    // From the keyboard alone: focus ImageName, type a bad name, move on with Tab; then reach
    // the add-disk button with Tab and press Enter; fill the new disk's size.
    await page.focus('#ImageName');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('7 web');
    await page.waitForSelector('.field[data-param="ImageName"] .problems li');
    let reached = false;
    for (let i = 0; i < 80 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.id === 'add-disk');
    }
    assert.ok(reached, 'the add-disk button is reachable with Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('input[aria-label="DiskDeviceMapping.2.DiskImageSize"]');
    await page.focus('input[aria-label="DiskDeviceMapping.2.DiskImageSize"]');
    await page.keyboard.type('9000');
    await page.waitForSelector('.field[data-param="DiskDeviceMapping.2.DiskImageSize"] .problems li');
    assert.deepEqual(await axe(page), [], 'with findings shown');
  } finally {
    await browser.close();
    server.close();
  }
});

// The demo page in Debian's Chromium, driven by playwright-core: typing a bad ImageName
// shows the report's message under the field; fixing it makes the message go away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { pkgDir } from './packed.mjs';
import { lint } from '../index.js';

const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

test('the demo validates ImageName as the user types', { skip: !existsSync(executablePath) && 'no chromium' }, async () => {
  const server = await serve(pkgDir);
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/demo/index.html`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
    assert.match(await page.textContent('#verdict'), /Valid/);

    const problems = page.locator('.field[data-param="ImageName"] .problems li');
    await page.fill('#ImageName', '');
    await page.type('#ImageName', '7 web.server');
    await problems.first().waitFor();
    const request = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.field input')]
      .filter((i) => i.value !== '').map((i) => [i.closest('.field').dataset.param, i.value])));
    const expected = lint(request).diagnostics.filter((d) => d.param === 'ImageName').map((d) => d.message);
    assert.ok(expected.length >= 2, JSON.stringify(expected));
    assert.deepEqual(await problems.allTextContents(), expected);
    assert.match(await page.textContent('#verdict'), /error/);
    assert.match(await page.textContent('#report'), /InvalidImageName\.Malformed/);

    mkdirSync(join(pkgDir, 'test', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(pkgDir, 'test', 'screenshots', 'demo-error.png'), fullPage: true });

    await page.fill('#ImageName', 'web-server-7');
    await page.waitForFunction(() => document.querySelectorAll('.field[data-param="ImageName"] .problems li').length === 0);
    assert.match(await page.textContent('#verdict'), /Valid/);

    // A finding that compares two fields shows under each of them.
    await page.fill('#OSType', 'linux');
    await page.fill('#Platform', 'Windows Server 2012');
    for (const field of ['OSType', 'Platform']) {
      const items = page.locator(`.field[data-param="${field}"] .problems li`);
      await items.first().waitFor();
      assert.match((await items.allTextContents()).join('\n'), /Windows system/, field);
    }
    await page.fill('#OSType', '');
    await page.fill('#Platform', '');

    // An image file picked for disk 1 fills its Format and DiskImageSize; a VHDX is refused.
    let qemu = true;
    try {
      execFileSync('qemu-img', ['--version'], { stdio: 'ignore' });
    } catch {
      qemu = false;
    }
    if (qemu) {
      const dir = mkdtempSync(join(tmpdir(), 'importimage-lint-demo-'));
      execFileSync('qemu-img', ['create', '-q', '-f', 'qcow2', join(dir, 'disk.qcow2'), '30G']);
      execFileSync('qemu-img', ['create', '-q', '-f', 'vhdx', join(dir, 'disk.vhdx'), '30G']);
      const picker = 'input[aria-label="Image file of disk 1"]';
      await page.setInputFiles(picker, join(dir, 'disk.qcow2'));
      await page.waitForSelector('td.image[data-checked="true"]');
      assert.equal(await page.inputValue('input[aria-label="DiskDeviceMapping.1.Format"]'), 'qcow2');
      assert.equal(await page.inputValue('input[aria-label="DiskDeviceMapping.1.DiskImageSize"]'), '30');
      assert.match(await page.textContent('td.image .facts'), /qcow2 \(v3\), 32212254720 bytes/);
      assert.deepEqual(await page.locator('td.image .problems li').allTextContents(), []);
      await page.evaluate(() => { document.querySelector('td.image').dataset.checked = ''; });
      await page.setInputFiles(picker, join(dir, 'disk.vhdx'));
      await page.waitForSelector('td.image[data-checked="true"]');
      assert.match((await page.locator('td.image .problems li').allTextContents()).join(' '), /vhdx disk image, which the 2019-01 profile does not import/);
      await page.screenshot({ path: join(pkgDir, 'test', 'screenshots', 'demo-image.png'), fullPage: true });
      await page.fill('input[aria-label="DiskDeviceMapping.1.Format"]', '');
      await page.fill('input[aria-label="DiskDeviceMapping.1.DiskImageSize"]', '');
    }

    await page.click('#add-disk');
    await page.fill('input[aria-label="DiskDeviceMapping.2.DiskImageSize"]', '1001');
    const size = page.locator('.field[data-param="DiskDeviceMapping.2.DiskImageSize"] .problems li');
    await size.first().waitFor();
    assert.match(await size.first().textContent(), /1001 GiB/);
    await page.screenshot({ path: join(pkgDir, 'test', 'screenshots', 'demo.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});

test('the demo switches to Simplified Chinese: the page, the findings and the verdict', { skip: !existsSync(executablePath) && 'no chromium' }, async () => {
  const server = await serve(pkgDir);
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`http://127.0.0.1:${server.address().port}/demo/index.html`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
    await page.fill('#ImageName', '7 web');
    const problems = page.locator('.field[data-param="ImageName"] .problems li');
    await problems.first().waitFor();
    const english = await problems.allTextContents();
    await page.selectOption('#lang', 'zh-CN');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    const request = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.field input')]
      .filter((i) => i.value !== '').map((i) => [i.closest('.field').dataset.param, i.value])));
    const expected = lint(request, { lang: 'zh-CN' }).diagnostics.filter((d) => d.param === 'ImageName').map((d) => d.message);
    assert.deepEqual(await problems.allTextContents(), expected);
    assert.notDeepEqual(expected, english);
    assert.match(await page.textContent('#verdict'), /个错误：服务会拒绝此请求/);
    assert.match(await page.textContent('#add-disk'), /添加数据盘/);
    // Ids and codes stay as they are.
    assert.match(await page.textContent('#report'), /image-name-start[\s\S]*InvalidImageName\.Malformed/);
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assert.deepEqual(await problems.allTextContents(), english);
  } finally {
    await browser.close();
    server.close();
  }
});

// The package in a Vite app, as the package README tells a newcomer to use it: installed
// from its tarball, bundled by `vite build`, and run in Debian's Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { installPacked, pkgDir } from './packed.mjs';
import { serve } from './serve.mjs';

const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

test('a Vite app bundles the package and lints in the browser', { skip: !existsSync(executablePath) && 'no chromium' }, async () => {
  const { dir } = installPacked();
  writeFileSync(join(dir, 'index.html'), `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>vite app</title></head>
<body><script type="module" src="/main.js"></script></body></html>
`);
  writeFileSync(join(dir, 'main.js'), `import init, { lint, validateField } from 'importimage-lint';

async function main() {
  await init();
  const report = lint({ RegionId: 'cn-hangzhou', ImageName: '7 web', DiskDeviceMapping: [{ OSSBucket: 'ecsimageos', OSSObject: 'a.raw' }] });
  const field = validateField('DiskDeviceMapping.1.DiskImageSize', '501');
  document.body.dataset.result = JSON.stringify({ rules: report.diagnostics.map((d) => d.rule), field: field.map((d) => d.code) });
}
main().catch((e) => { document.body.dataset.result = 'error: ' + e; });
`);
  execFileSync(process.execPath, [join(pkgDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: dir, stdio: 'pipe' });
  const assets = readdirSync(join(dir, 'dist', 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `the .wasm is emitted as an asset: ${assets}`);

  const server = await serve(join(dir, 'dist'));
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.waitForSelector('body[data-result]', { state: 'attached', timeout: 20000 });
    const result = JSON.parse(await page.getAttribute('body', 'data-result'));
    assert.deepEqual(result, { rules: ['image-name-start', 'image-name-characters'], field: ['InvalidImageSize'] });
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});

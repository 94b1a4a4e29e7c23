// What every consumer app in the bundler and framework tests does with the package, and
// the helpers that run such apps in Debian's Chromium. The same probe runs in Node from the
// installed tarball to give the answer each environment must reproduce.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { project } from './packed.mjs';
import { serve } from './serve.mjs';

/** The probe module's source: it imports the package (both entries) by name and exercises each function. */
export const PROBE = `import { lint, validateField, diagnosticsByField, rules, version } from 'importimage-lint';
import * as form from 'importimage-lint/form';

export function probe() {
  const request = {
    RegionId: 'cn-hangzhou', ImageName: '7 web', OSType: 'linux', Platform: 'Windows Server 2012',
    DiskDeviceMapping: [{ OSSBucket: 'ecsimageos', OSSObject: 'a.raw', DiskImageSize: NaN }],
  };
  const report = lint(request);
  return {
    rules: report.diagnostics.map((d) => d.rule),
    field: validateField('DiskDeviceMapping.2.DiskImageSize', '1001').map((d) => d.code),
    // The smaller entry, in the same bundle: the same findings, its own module.
    form: {
      rules: form.lint(request).diagnostics.map((d) => d.rule),
      field: form.validateField('DiskDeviceMapping.2.DiskImageSize', '1001').map((d) => d.code),
      valid: form.isValid(request),
      exports: Object.keys(form).sort(),
    },
    byField: [...diagnosticsByField(report).keys()],
    ruleCount: rules().length,
    version: version(),
  };
}
`;

/** A page's entry: runs the probe and writes its answer (or the error) on <body>. */
export const PAGE_MAIN = `import { probe } from './probe.js';
try {
  document.body.dataset.result = JSON.stringify(probe());
} catch (e) {
  document.body.dataset.result = JSON.stringify({ error: String(e) });
}
`;

export const PAGE_HTML = (script) => `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>consumer</title></head>
<body><script type="module" src="${script}"></script></body></html>
`;

let answer;

/** The probe's answer in Node, from the installed tarball. */
export async function expected() {
  if (!answer) {
    const dir = project('probe-node', { 'probe.js': PROBE });
    answer = (await import(pathToFileURL(join(dir, 'probe.js')).href)).probe();
  }
  return answer;
}

export const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const noChromium = !existsSync(executablePath) && 'no chromium';

/** Runs `fn(open)` with a Chromium; `open(dir, path)` serves `dir` and returns what the page wrote on <body>. */
export async function withChromium(fn) {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const open = async (dir, path = '/index.html') => {
    const server = await serve(dir);
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
    try {
      await page.goto(`http://127.0.0.1:${server.address().port}${path}`);
      await page.waitForSelector('body[data-result]', { state: 'attached', timeout: 30000 });
      return { result: JSON.parse(await page.getAttribute('body', 'data-result')), errors };
    } finally {
      await page.close();
      server.close();
    }
  };
  try {
    return await fn(open);
  } finally {
    await browser.close();
  }
}

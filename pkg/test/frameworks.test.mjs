// The package in frameworks and test runners, installed from its tarball: Next.js (an
// app-router route handler and a client component, built with webpack and with Turbopack,
// then served by `next start`), Jest in its default CommonJS mode (node and jsdom
// environments) and Vitest (node and jsdom). Each must give the probe's answer from Node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { bin, project, run, sizes } from './packed.mjs';
import { PROBE, expected, noChromium, executablePath } from './probe.mjs';
import { chromium } from 'playwright-core';

const want = await expected();

const freePort = () => new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address();
    s.close(() => resolve(port));
  });
});

const NEXT_FILES = {
  'probe.js': PROBE,
  // Next.js lives in pkg/node_modules, three folders up, rather than in the project's own.
  'next.config.mjs': "import { resolve } from 'node:path';\nconst root = resolve(import.meta.dirname, '../../..');\nexport default { turbopack: { root }, outputFileTracingRoot: root };\n",
  'app/layout.js': "export default function Layout({ children }) { return <html lang=\"en\"><body>{children}</body></html>; }\n",
  'app/page.js': "import Probe from './probe-client.js';\nexport default function Page() { return <main><Probe /></main>; }\n",
  'app/probe-client.js': `'use client';
import { useEffect } from 'react';
import { probe } from '../probe.js';

export default function Probe() {
  useEffect(() => {
    try {
      document.body.dataset.result = JSON.stringify(probe());
    } catch (e) {
      document.body.dataset.result = JSON.stringify({ error: String(e) });
    }
  }, []);
  return <p>probing</p>;
}
`,
  'app/api/lint/route.js': `import { lint } from 'importimage-lint';
import { probe } from '../../../probe.js';

export async function POST(request) {
  const report = lint(await request.text());
  return Response.json({ report, probe: probe() });
}
`,
};

/** The client JavaScript Next.js emitted, for its size. */
function clientChunks(dir) {
  const root = join(dir, '.next', 'static');
  return readdirSync(root, { recursive: true }).map((f) => join(root, f)).filter((p) => statSync(p).isFile() && /\.(js|wasm)$/.test(p));
}

for (const bundler of ['webpack', 'turbopack']) {
  test(`Next.js (${bundler}): a route handler and a client component`, { timeout: 600000 }, async (t) => {
    const dir = project(`next-${bundler}`, NEXT_FILES);
    const env = { NEXT_TELEMETRY_DISABLED: '1' };
    run(process.execPath, [bin('next'), 'build', bundler === 'webpack' ? '--webpack' : '--turbopack'], dir, env);
    const s = sizes(clientChunks(dir));
    t.diagnostic(`Next.js ${bundler} client chunks, whole app: ${s.raw} B raw, ${s.gzip} B gzip, ${s.brotli} B brotli`);
    const port = await freePort();
    const server = spawn(process.execPath, [bin('next'), 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    server.stdout.on('data', (d) => { log += d; });
    server.stderr.on('data', (d) => { log += d; });
    try {
      for (let i = 0; i < 100 && !/Ready|started server/i.test(log); i += 1) await new Promise((r) => setTimeout(r, 200));
      const res = await fetch(`http://127.0.0.1:${port}/api/lint`, { method: 'POST', body: '{"RegionId": "cn-hangzhou", "ImageName": "a b"}' });
      assert.equal(res.status, 200, log);
      const body = await res.json();
      assert.deepEqual(body.probe, want);
      assert.ok(body.report.diagnostics.some((d) => d.rule === 'image-name-characters'));
      if (!noChromium) {
        const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
        try {
          const page = await browser.newPage();
          const errors = [];
          page.on('pageerror', (e) => errors.push(String(e)));
          page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
          await page.goto(`http://127.0.0.1:${port}/`);
          await page.waitForSelector('body[data-result]', { state: 'attached', timeout: 30000 });
          assert.deepEqual(JSON.parse(await page.getAttribute('body', 'data-result')), want);
          assert.deepEqual(errors, []);
        } finally {
          await browser.close();
        }
      }
    } finally {
      server.kill();
      await once(server, 'exit');
    }
  });
}

const JEST_TEST = `const { lint, validateField, diagnosticsByField, rules, version } = require('importimage-lint');
const form = require('importimage-lint/form');

test('the package works under Jest', () => {
  const request = {
    RegionId: 'cn-hangzhou', ImageName: '7 web', OSType: 'linux', Platform: 'Windows Server 2012',
    DiskDeviceMapping: [{ OSSBucket: 'ecsimageos', OSSObject: 'a.raw', DiskImageSize: NaN }],
  };
  const report = lint(request);
  const answer = {
    rules: report.diagnostics.map((d) => d.rule),
    field: validateField('DiskDeviceMapping.2.DiskImageSize', '1001').map((d) => d.code),
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
  expect(answer).toEqual(WANT);
  expect(typeof document).toBe(ENV === 'jsdom' ? 'object' : 'undefined');
});
`;

for (const env of ['node', 'jsdom']) {
  test(`Jest (default CommonJS mode, ${env} environment)`, { timeout: 120000 }, () => {
    const dir = project(`jest-${env}`, {
      'lint.test.js': JEST_TEST.replace('WANT', JSON.stringify(want)).replace('ENV', JSON.stringify(env)),
      'jest.config.js': `module.exports = { testEnvironment: ${JSON.stringify(env)} };\n`,
    }, { type: 'commonjs' });
    const out = run(process.execPath, [bin('jest'), '--ci', '--colors=false'], dir);
    assert.doesNotMatch(out, /failed/i);
  });
}

for (const env of ['node', 'jsdom']) {
  test(`Vitest (${env} environment)`, { timeout: 120000 }, () => {
    const dir = project(`vitest-${env}`, {
      'probe.js': PROBE,
      'lint.test.js': `import { test, expect } from 'vitest';
import { probe } from './probe.js';
test('the package works under Vitest', () => {
  expect(probe()).toEqual(${JSON.stringify(want)});
  expect(typeof document).toBe(${JSON.stringify(env === 'jsdom' ? 'object' : 'undefined')});
});
`,
      'vitest.config.js': `export default { test: { environment: ${JSON.stringify(env)} } };\n`,
    });
    const out = run(process.execPath, [bin('vitest'), 'run', '--reporter=dot'], dir);
    assert.match(out, /1 passed/);
  });
}

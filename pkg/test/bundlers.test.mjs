// The package in every mainstream bundler, with no configuration beyond what a project
// needs anyway: Vite (browser and SSR with noExternal), webpack 5, Rollup, esbuild (each for
// the browser and for Node), a module Web Worker, and a page under a strict
// Content-Security-Policy. Each app is a consumer project with the package installed from
// its tarball; browser builds run in Debian's Chromium, Node builds in Node. Each must give
// the probe's answer from Node, with no failed request and no console error. The size each
// bundle adds is reported (gzip and brotli).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, project, run, sizes } from './packed.mjs';
import { PAGE_HTML, PAGE_MAIN, PROBE, expected, noChromium, withChromium } from './probe.mjs';

const want = await expected();

test("the probe's answer in Node: importimage-lint/form finds what the main entry finds", () => {
  assert.deepEqual(want.form.rules, want.rules);
  assert.deepEqual(want.form.field, want.field);
  assert.equal(want.form.valid, false);
  assert.deepEqual(want.form.exports, ['default', 'diagnosticsByField', 'isValid', 'lint', 'validateField', 'version']);
});

/** Every .js/.mjs/.cjs/.wasm file under a folder (or the file itself). */
function outputs(dir) {
  if (statSync(dir).isFile()) return [dir];
  const found = [];
  for (const f of readdirSync(dir, { recursive: true })) {
    const p = join(dir, f);
    if (statSync(p).isFile() && /\.(m?js|cjs|wasm)$/.test(f)) found.push(p);
  }
  return found;
}

const report = (t, name, dir) => {
  const s = sizes(outputs(dir));
  t.diagnostic(`${name}: ${s.raw} B raw, ${s.gzip} B gzip, ${s.brotli} B brotli`);
};

/** Runs a Node bundle that prints the probe's answer as JSON. */
function runNode(file) {
  return JSON.parse(run(process.execPath, [file], join(file, '..')));
}

const NODE_MAIN = "import { probe } from './probe.js';\nconsole.log(JSON.stringify(probe()));\n";
const app = (name, extra = {}) => project(name, {
  'probe.js': PROBE,
  'main.js': PAGE_MAIN,
  'node-main.js': NODE_MAIN,
  'index.html': PAGE_HTML('./main.js'),
  ...extra,
});

const browserBuilds = [];

test('Vite: browser build, and SSR with noExternal', async (t) => {
  const dir = app('vite', {
    // A second page compiles the module ahead of time with `await init()`.
    'init.html': PAGE_HTML('./init-main.js'),
    'init-main.js': "import init from 'importimage-lint';\nawait init();\nawait import('./main.js');\n",
    'vite.config.js': `export default {
  logLevel: 'warn',
  ssr: { noExternal: true },
  build: { target: 'es2022', rollupOptions: { input: { index: 'index.html', init: 'init.html' } } },
};
`,
  });
  run(process.execPath, [bin('vite'), 'build'], dir);
  browserBuilds.push(['Vite', join(dir, 'dist'), ['/init.html']]);
  report(t, 'Vite browser', join(dir, 'dist'));
  run(process.execPath, [bin('vite'), 'build', '--ssr', 'node-main.js', '--outDir', 'dist-ssr'], dir);
  assert.deepEqual(runNode(join(dir, 'dist-ssr', 'node-main.js')), want);
});

test('webpack 5: browser and Node builds', async (t) => {
  const dir = app('webpack', {
    'build.mjs': `import webpack from 'webpack';
import { fileURLToPath } from 'node:url';
const here = fileURLToPath(new URL('.', import.meta.url));
const configs = [
  { mode: 'production', target: 'web', entry: './main.js', context: here, output: { path: here + 'dist', filename: 'main.js', module: true }, experiments: { outputModule: true } },
  { mode: 'production', target: 'node', entry: './node-main.js', context: here, output: { path: here + 'dist-node', filename: 'main.cjs' } },
];
webpack(configs, (err, stats) => {
  if (err || stats.hasErrors()) { console.error(err ?? stats.toString('errors-only')); process.exit(1); }
  // Size hints are advice about the app, not a problem resolving or loading the package.
  const warnings = (stats.toJson('errors-warnings').warnings ?? [])
    .filter((w) => !/^(asset size limit|entrypoint size limit|webpack performance recommendations)/.test(w.message));
  if (warnings.length) { console.error(JSON.stringify(warnings, null, 2)); process.exit(1); }
});
`,
  });
  run(process.execPath, ['build.mjs'], dir);
  writeFileSync(join(dir, 'dist', 'index.html'), PAGE_HTML('./main.js'));
  browserBuilds.push(['webpack', join(dir, 'dist')]);
  report(t, 'webpack browser', join(dir, 'dist'));
  assert.deepEqual(runNode(join(dir, 'dist-node', 'main.cjs')), want);
});

test('Rollup: browser and Node builds', async (t) => {
  const dir = app('rollup', {
    'build.mjs': `import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
const web = await rollup({ input: 'main.js', plugins: [nodeResolve({ browser: true })] });
await web.write({ dir: 'dist', format: 'es' });
const node = await rollup({ input: 'node-main.js', plugins: [nodeResolve({ exportConditions: ['node'] })] });
await node.write({ file: 'dist-node/main.mjs', format: 'es' });
await node.write({ file: 'dist-node/main.cjs', format: 'cjs' });
`,
  });
  run(process.execPath, ['build.mjs'], dir);
  writeFileSync(join(dir, 'dist', 'index.html'), PAGE_HTML('./main.js'));
  browserBuilds.push(['Rollup', join(dir, 'dist')]);
  report(t, 'Rollup browser', join(dir, 'dist'));
  assert.deepEqual(runNode(join(dir, 'dist-node', 'main.mjs')), want);
  assert.deepEqual(runNode(join(dir, 'dist-node', 'main.cjs')), want);
});

test('esbuild: browser, Node ESM and Node CommonJS builds; a module worker; a strict CSP page', async (t) => {
  const dir = app('esbuild', {
    'worker.js': "import { probe } from './probe.js';\nself.onmessage = () => self.postMessage(JSON.stringify(probe()));\n",
    'worker-main.js': `const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.onmessage = (e) => { document.body.dataset.result = e.data; };
worker.onerror = (e) => { document.body.dataset.result = JSON.stringify({ error: e.message }); };
worker.postMessage('go');
`,
    'build.mjs': `import { build } from 'esbuild';
const common = { bundle: true, logLevel: 'warning' };
await build({ ...common, entryPoints: ['main.js', 'worker.js', 'worker-main.js'], outdir: 'dist', format: 'esm', platform: 'browser' });
await build({ ...common, entryPoints: ['node-main.js'], outfile: 'dist-node/main.mjs', format: 'esm', platform: 'node' });
await build({ ...common, entryPoints: ['node-main.js'], outfile: 'dist-node/main.cjs', format: 'cjs', platform: 'node' });
`,
  });
  run(process.execPath, ['build.mjs'], dir);
  const dist = join(dir, 'dist');
  writeFileSync(join(dist, 'index.html'), PAGE_HTML('./main.js'));
  writeFileSync(join(dist, 'worker.html'), PAGE_HTML('./worker-main.js'));
  const csp = (policy) => PAGE_HTML('./main.js').replace('<meta charset="utf-8">',
    `<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${policy}">`);
  writeFileSync(join(dist, 'csp.html'), csp("default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; img-src data:"));
  writeFileSync(join(dist, 'csp-strict.html'), csp("default-src 'none'; script-src 'self'; img-src data:"));
  browserBuilds.push(['esbuild', dist, ['/worker.html', '/csp.html']]);
  report(t, 'esbuild browser', join(dist, 'main.js'));
  assert.deepEqual(runNode(join(dir, 'dist-node', 'main.mjs')), want);
  assert.deepEqual(runNode(join(dir, 'dist-node', 'main.cjs')), want);
});

test('every browser build lints in Chromium', { skip: noChromium }, async () => {
  assert.ok(browserBuilds.length >= 4, 'the builds above ran');
  await withChromium(async (open) => {
    for (const [name, dist, pages = []] of browserBuilds) {
      for (const path of ['/index.html', ...pages]) {
        const { result, errors } = await open(dist, path);
        assert.deepEqual(result, want, `${name} ${path}`);
        assert.deepEqual(errors, [], `${name} ${path}`);
      }
    }
    // Without 'wasm-unsafe-eval' the page gets a clear error, not a hang.
    const esbuildDist = browserBuilds.find(([n]) => n === 'esbuild')[1];
    const { result } = await open(esbuildDist, '/csp-strict.html');
    assert.match(result.error, /wasm-unsafe-eval/);
  });
});

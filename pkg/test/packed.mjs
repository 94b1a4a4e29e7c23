// The package as users get it: packed with `npm pack`, then installed by name from the
// tarball into a fresh consumer project. Projects live under test/work/ (ignored by git) so
// that the test tools installed in pkg/node_modules (bundlers, frameworks, TypeScript) are
// found by Node's resolution from inside them, while `importimage-lint` itself resolves to
// the project's own node_modules: the tarball, never the source folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

export const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const workDir = join(pkgDir, 'test', 'work');
export const bin = (name) => join(pkgDir, 'node_modules', '.bin', name);

let packed;

/** The tarball `npm pack` makes of the package, once per test process. */
export function tarball() {
  if (!packed) {
    const dir = join(workDir, `pack-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: pkgDir, stdio: ['ignore', 'pipe', 'inherit'] });
    packed = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')));
  }
  return packed;
}

/**
 * A fresh consumer project `test/work/<name>` with these files and package.json fields,
 * the package installed into it from the tarball. Returns its folder.
 */
export function project(name, files = {}, manifest = {}) {
  const dir = join(workDir, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module', ...manifest }, null, 2));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', '--no-package-lock', tarball()], { cwd: dir, stdio: 'ignore' });
  return dir;
}

/** A project whose `use.mjs` re-exports the package; for tests that import it from Node. */
export function installPacked(name = 'node') {
  const dir = project(name, {
    'use.mjs': "export * from 'importimage-lint';\nexport { default } from 'importimage-lint';\n",
  });
  return { dir, entry: pathToFileURL(join(dir, 'use.mjs')).href, tarball: tarball() };
}

/** Raw, gzip and brotli sizes of files, in bytes. */
export function sizes(paths) {
  const all = Buffer.concat(paths.map((p) => readFileSync(p)));
  return { raw: all.length, gzip: gzipSync(all, { level: 9 }).length, brotli: brotliCompressSync(all).length };
}

/** Runs a command in a folder; returns its stdout, or throws with both streams. */
export function run(cmd, args, cwd, env = {}) {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, ...env } });
  } catch (e) {
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

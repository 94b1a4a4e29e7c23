// Packs the package with `npm pack` and installs the tarball into a fresh project, as a
// user would. Shared by the Node and type tests; done once per test process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export function installPacked() {
  const dir = mkdtempSync(join(tmpdir(), 'importimage-lint-user-'));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: pkgDir, stdio: ['ignore', 'pipe', 'inherit'] });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(dir, tarball)], { cwd: dir, stdio: 'ignore' });
  // A module inside the user's project, importing the package by its name.
  writeFileSync(join(dir, 'use.mjs'), "export * from 'importimage-lint';\nexport { default } from 'importimage-lint';\n");
  return { dir, entry: pathToFileURL(join(dir, 'use.mjs')).href, tarball };
}

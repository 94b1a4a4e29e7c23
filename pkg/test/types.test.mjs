// The hand-written TypeScript types: a consumer compiles against them, and real outputs of
// the package, written out as typed literals, type-check too (excess or missing fields fail),
// so the types cannot drift from the Rust structs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPacked, pkgDir } from './packed.mjs';

const { dir, entry } = installPacked();
const { lint, lintRole, validateField, rules } = await import(entry);
const tsc = join(pkgDir, 'node_modules', '.bin', 'tsc');

writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
  compilerOptions: {
    strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext',
    exactOptionalPropertyTypes: true, lib: ['es2022', 'dom'], skipLibCheck: false,
  },
  include: ['*.ts'],
}));

function compile() {
  try {
    execFileSync(tsc, ['-p', dir], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return `${e.stdout}${e.stderr}`;
  }
}

test('a consumer file compiles against the shipped types', () => {
  writeFileSync(join(dir, 'consumer.ts'), `
import init, { lint, lintRole, validateField, rules, version, type Report, type Diagnostic, type Severity, type RuleInfo } from 'importimage-lint';
await init();
const r: Report = lint({ RegionId: 'cn-hangzhou' }, { profile: 'current' });
const first: Diagnostic | undefined = r.diagnostics[0];
const sev: Severity | undefined = first?.severity;
const span = first?.span ? first.span.utf16_start : null;
const ds: Diagnostic[] = validateField('ImageName', 'x', '{"RegionId": "cn-hangzhou"}');
const list: RuleInfo[] = rules();
const v: string = version();
const role: Report = lintRole('{}', { RegionId: 'cn-hangzhou' }, { profile: '2019-01' });
const effective: string | null | undefined = r.effective['Architecture']?.value;
export { sev, span, ds, list, v, effective, role };
`);
  assert.equal(compile(), '');
});

test('a consumer misusing the types does not compile', () => {
  writeFileSync(join(dir, 'consumer.ts'), `
import { lint } from 'importimage-lint';
const n: number = lint('x').valid;
lint('x', { profile: '2030' });
export { n };
`);
  const out = compile();
  assert.match(out, /TS2322/);
  writeFileSync(join(dir, 'consumer.ts'), 'export {};\n');
});

test('real outputs match the declared types', () => {
  const examples = readdirSync(join(pkgDir, '..', 'examples')).filter((f) => f.includes('import'));
  const inputs = [
    ...examples.map((f) => readFileSync(join(pkgDir, '..', 'examples', f), 'utf8')),
    'garbage', '', '{"RegionId": 5, "ImageName": "a\u202Eb", "Foo": 1, "DiskDeviceMapping": [{"OSSBucket": "oss://b/k"}]}',
    'Action=ImportImage&RegionId=cn-hangzhou&imagename=x&<Common Request Parameters>',
    '{' + Array.from({ length: 300 }, (_, i) => `"Unknown${i}": "x"`).join(',') + '}',
  ];
  const role = readFileSync(join(pkgDir, '..', 'examples', 'import-role.json'), 'utf8');
  const reports = inputs.map((i) => lint(i)).concat([lint({ regionId: 'cn-hangzhou' }, { profile: 'current' }), lintRole(role, inputs[0]), lintRole('{"RoleName": 1}')]);
  const fields = [validateField('ImageName', '1 2'), validateField('DiskDeviceMapping.1.DiskImageSize', '9000', { RegionId: 'cn-hangzhou' })];
  writeFileSync(join(dir, 'outputs.ts'), `
import type { Report, Diagnostic, RuleInfo } from 'importimage-lint';
export const reports: Report[] = ${JSON.stringify(reports)};
export const fields: Diagnostic[][] = ${JSON.stringify(fields)};
export const list: RuleInfo[] = ${JSON.stringify(rules())};
`);
  assert.equal(compile(), '');
  // Every report field is declared; the literal check above rejects unknown ones.
  assert.ok(reports.some((r) => r.diagnostics.some((d) => d.span && d.data.character)));
});

// The TypeScript declarations, from the installed tarball: a consumer compiles under every
// module setting a project uses (bundler, node16 ESM and CommonJS, nodenext), with
// exactOptionalPropertyTypes and without DOM or Node typings; misuse does not compile;
// real outputs written as typed literals type-check (so the types cannot drift from the
// Rust structs); interface-typed form state and Alibaba Cloud's own SDK model are accepted;
// the committed declarations are what types.mjs generates from the tables; and
// @arethetypeswrong/cli finds no problem in the tarball.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, installPacked, pkgDir, tarball } from './packed.mjs';

const { dir, entry } = installPacked('types');
const { lint, lintRole, validateField, rules, profiles } = await import(entry);

/** Compiles the project with these compiler options; returns tsc's output ('' when clean). */
function compile(options, include = ['*.ts', '*.mts', '*.cts']) {
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', exactOptionalPropertyTypes: true,
      lib: ['es2022'], types: [], skipLibCheck: false, ...options,
    },
    include,
  }));
  try {
    execFileSync(bin('tsc'), ['-p', dir], { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return `${e.stdout}${e.stderr}`;
  }
}

const clear = () => {
  for (const f of readdirSync(dir)) if (/\.(ts|mts|cts)$/.test(f)) writeFileSync(join(dir, f), 'export {};\n');
};

const CONSUMER = `
import init, { lint, isValid, lintRole, validateField, diagnosticsByField, rules, profiles, version, inspectImage } from 'importimage-lint';
import type { Report, Diagnostic, Severity, RuleInfo, ParamName, RuleId, ApiErrorCode, ProfileId, FieldValue, ImageReport } from 'importimage-lint';
import initForm, * as formEntry from 'importimage-lint/form';
import type { Report as FormReport, ParamName as FormParam } from 'importimage-lint/form';

interface ImportForm {
  RegionId: string;
  ImageName?: string;
  DiskDeviceMapping: { OSSBucket: string; OSSObject: string; DiskImageSize?: number }[];
}
const form: ImportForm = { RegionId: 'cn-hangzhou', DiskDeviceMapping: [{ OSSBucket: 'b12', OSSObject: 'a.raw' }] };

export async function main(): Promise<void> {
  await init();
  const r: Report = lint(form, { profile: 'current' });
  const ok: boolean = isValid(form, { profile: 'current' }) && isValid('RegionId=cn-hangzhou');
  const id: ProfileId = r.profile;
  const first: Diagnostic | undefined = r.diagnostics[0];
  const sev: Severity | undefined = first?.severity;
  const rule: RuleId | undefined = first?.rule;
  const code: ApiErrorCode | null | undefined = first?.code;
  const span = first?.span ? first.span.utf16_start : null;
  const param: ParamName = 'DiskDeviceMapping.3.DiskImageSize';
  const size: FieldValue = Number.NaN;
  const ds: Diagnostic[] = [...validateField(param, size, form), ...validateField('ImageName', 'x', '{"RegionId": "cn-hangzhou"}'), ...validateField('Tag.1.Key', true)];
  const grouped: Map<string, Diagnostic[]> = diagnosticsByField(r);
  const list: RuleInfo[] = [...rules(), ...rules({ lang: 'zh-CN' })];
  const zh: Report = lint(form, { profile: 'current', lang: 'zh-CN' });
  const tables = profiles().map((p) => p.params.length);
  const v: string = version();
  const role: Report = lintRole('{}', form, { profile: '2019-01' });
  const effective: string | null | undefined = r.effective['Architecture']?.value;
  const file = { size: 0, slice: () => ({ arrayBuffer: async () => new ArrayBuffer(0) }) };
  const image: ImageReport = await inspectImage(file, form, { profile: 'current', disk: 1 });
  const imageSize: number | null = image.image.virtual_size;
  await initForm();
  const small: FormReport = formEntry.lint(form, { profile: 'current' });
  const smallParam: FormParam = 'DiskDeviceMapping.1.OSSObject';
  const smallField: Diagnostic[] = formEntry.validateField(smallParam, 'a.raw', form);
  const smallOk: boolean = formEntry.isValid(form) && formEntry.diagnosticsByField(small).size >= 0 && formEntry.version() === v;
  void [ok, id, sev, rule, code, span, ds, grouped, list, tables, v, role, effective, imageSize, zh, smallField, smallOk];
}
`;

for (const [name, options, file] of [
  ['bundler', { module: 'esnext', moduleResolution: 'bundler' }, 'consumer.ts'],
  ['node16, an ES module', { module: 'node16', moduleResolution: 'node16' }, 'consumer.mts'],
  ['nodenext, an ES module', { module: 'nodenext', moduleResolution: 'nodenext' }, 'consumer.mts'],
]) {
  test(`a consumer compiles: ${name}, exactOptionalPropertyTypes, no DOM or Node typings`, () => {
    clear();
    writeFileSync(join(dir, file), CONSUMER);
    assert.equal(compile(options), '');
  });
}

test('a CommonJS consumer compiles: node16 and nodenext, require() of the package', () => {
  clear();
  writeFileSync(join(dir, 'consumer.cts'), `
import lintPackage = require('importimage-lint');
const r: lintPackage.Report = lintPackage.lint({ RegionId: 'cn-hangzhou' });
const ds: lintPackage.Diagnostic[] = lintPackage.validateField('ImageName', 'x');
const ready: Promise<void> = lintPackage.default();
import formPackage = require('importimage-lint/form');
const small: formPackage.Report = formPackage.lint({ RegionId: 'cn-hangzhou' });
const formReady: Promise<void> = formPackage.default();
export = { r, ds, ready, small, formReady };
`);
  for (const m of ['node16', 'nodenext']) assert.equal(compile({ module: m, moduleResolution: m }), '', m);
});

test('misuse does not compile', () => {
  for (const [body, error] of [
    ["const n: number = lint('x').valid;", 'TS2322'],
    ["lint('x', { profile: '2030' });", 'TS2322'],
    ["lint('x', { lang: 'fr' });", 'TS2322'],
    ["validateField('ImageName', { a: 1 });", 'TS2345'],
    ["const p: '2019-01' = lint('x').profile;", 'TS2322'],
    ["const r: 'no-such-rule' = lint('x').diagnostics[0]!.rule;", 'TS2322'],
    ["lint('x', { profile: undefined, colour: 1 });", 'TS2353'],
    ["import('importimage-lint/form').then((m) => m.lintRole('{}'));", 'TS2339'],
    ["import('importimage-lint/form').then((m) => m.lint('x', { lang: 'zh-CN' }));", 'TS2322'],
  ]) {
    clear();
    writeFileSync(join(dir, 'consumer.ts'), `import { lint, validateField } from 'importimage-lint';\n${body}\nexport {};\n`);
    const out = compile({ module: 'esnext', moduleResolution: 'bundler' });
    assert.match(out, new RegExp(error), body);
  }
});

test("Alibaba Cloud's own SDK model is accepted, by type and at run time", () => {
  clear();
  writeFileSync(join(dir, 'consumer.ts'), `
import { lint } from 'importimage-lint';
import { ImportImageRequest, ImportImageRequestDiskDeviceMapping } from '@alicloud/ecs20140526';
const request = new ImportImageRequest({
  regionId: 'cn-hangzhou',
  imageName: 'web-1',
  diskDeviceMapping: [new ImportImageRequestDiskDeviceMapping({ OSSBucket: 'ecsimageos', OSSObject: 'a.raw', diskImageSize: 40 })],
});
export const report = lint(request);
`);
  // The SDK's own declarations need Node's typings; the package's do not (checked above).
  assert.equal(compile({ module: 'esnext', moduleResolution: 'bundler', types: ['node'], skipLibCheck: true }), '');
});

test('the SDK model instance lints like its flat JSON', async () => {
  const sdk = await import('@alicloud/ecs20140526');
  const request = new sdk.ImportImageRequest({
    regionId: 'cn-hangzhou',
    imageName: '7 web',
    diskDeviceMapping: [new sdk.ImportImageRequestDiskDeviceMapping({ OSSBucket: 'ecsimageos', OSSObject: 'a.raw', diskImageSize: 600 })],
  });
  const flat = { RegionId: 'cn-hangzhou', ImageName: '7 web', 'DiskDeviceMapping.1.OSSBucket': 'ecsimageos', 'DiskDeviceMapping.1.OSSObject': 'a.raw', 'DiskDeviceMapping.1.DiskImageSize': 600 };
  // Object input is ordered by its keys, which the SDK writes in its own order.
  const pairs = (r) => r.diagnostics.map((d) => [d.rule, d.param]).sort();
  assert.deepEqual(pairs(lint(request)), pairs(lint(flat)));
  assert.ok(pairs(lint(flat)).length >= 2);
});

test('real outputs match the declared types', () => {
  clear();
  const examples = readdirSync(join(pkgDir, '..', 'examples')).filter((f) => f.includes('import'));
  const inputs = [
    ...examples.map((f) => readFileSync(join(pkgDir, '..', 'examples', f), 'utf8')),
    'garbage', '', '{"RegionId": 5, "ImageName": "a\u202Eb", "Foo": 1, "DiskDeviceMapping": [{"OSSBucket": "oss://b/k"}]}',
    'Action=ImportImage&RegionId=cn-hangzhou&imagename=x&<Common Request Parameters>',
    '{' + Array.from({ length: 300 }, (_, i) => `"Unknown${i}": "x"`).join(',') + '}',
  ];
  const role = readFileSync(join(pkgDir, '..', 'examples', 'import-role.json'), 'utf8');
  const reports = inputs.map((i) => lint(i)).concat([
    lint({ regionId: 'cn-hangzhou', OSType: 'linux', Platform: 'Windows Server 2012' }, { profile: 'current' }),
    lintRole(role, inputs[0]), lintRole('{"RoleName": 1}'),
  ]);
  const fields = [validateField('ImageName', '1 2'), validateField('DiskDeviceMapping.1.DiskImageSize', NaN, { RegionId: 'cn-hangzhou' })];
  writeFileSync(join(dir, 'outputs.ts'), `
import type { Report, Diagnostic, RuleInfo, ProfileInfo } from 'importimage-lint';
export const reports: Report[] = ${JSON.stringify(reports)};
export const fields: Diagnostic[][] = ${JSON.stringify(fields)};
export const list: RuleInfo[] = ${JSON.stringify(rules())};
export const tables: ProfileInfo[] = ${JSON.stringify(profiles())};
`);
  assert.equal(compile({ module: 'esnext', moduleResolution: 'bundler' }), '');
  assert.ok(reports.some((r) => r.diagnostics.some((d) => d.span && d.data.character)));
  assert.ok(reports.some((r) => r.diagnostics.some((d) => d.related_params?.length)));
});

test('the committed declarations are what types.mjs generates from the tables', () => {
  execFileSync(process.execPath, [join(pkgDir, 'types.mjs'), '--check'], { stdio: 'pipe' });
  assert.equal(readFileSync(join(pkgDir, 'index.d.ts'), 'utf8'), readFileSync(join(pkgDir, 'index.d.cts'), 'utf8'));
});

test('@arethetypeswrong/cli finds no problem in the tarball', () => {
  let out;
  try {
    out = execFileSync(bin('attw'), [tarball(), '--format', 'json'], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    assert.fail(`attw: ${e.stdout}${e.stderr}`);
  }
  const result = JSON.parse(out);
  assert.deepEqual(result.analysis?.problems ?? result.problems ?? [], []);
});

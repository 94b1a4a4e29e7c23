// The npm package in Node 20, installed from its tarball and imported by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installPacked, pkgDir } from './packed.mjs';

const { entry } = installPacked();
const pkg = await import(entry);
const { lint, lintRole, validateField, rules, version } = pkg;

const SPEC_EXAMPLE = readFileSync(join(pkgDir, '..', 'examples', 'spec-request-example.import-image.url'), 'utf8');

const flagged = (report) => report.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.rule, d.param]);

test('the spec request example, pasted as printed, is valid', () => {
  const r = lint(SPEC_EXAMPLE);
  assert.equal(r.valid, true);
  assert.deepEqual(r.diagnostics.map((d) => d.rule), ['doc-placeholder']);
  assert.equal(r.effective['DiskDeviceMapping.1.OSSObject'].value, 'CentOS_5.4_32.raw');
  assert.equal(r.effective.Architecture.source, 'default');
});

test('bad JSON text flags the expected params', () => {
  const r = lint('{"RegionId": "cn-hangzhou", "ImageName": "centos 7", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw", "DiskDeviceMapping.1.DiskImageSize": 600}');
  assert.deepEqual(flagged(r), [['image-name-characters', 'ImageName'], ['disk-image-size', 'DiskDeviceMapping.1.DiskImageSize']]);
});

test('bad query string flags the expected params', () => {
  const r = lint('Action=ImportImage&RegionId=cn-hangzhou&Architecture=amd64&DiskDeviceMapping.1.OSSBucket=ecsimageos');
  assert.deepEqual(flagged(r), [['architecture', 'Architecture'], ['missing-parameter', 'DiskDeviceMapping.1.OSSObject']]);
});

test('a camelCase SDK-shaped object is read like the API names', () => {
  const r = lint({ regionId: 'cn-hangzhou', imageName: '7up', diskDeviceMapping: [{ ossBucket: 'ecsimageos', ossObject: 'a.raw', diskImageSize: 4 }] });
  assert.deepEqual(flagged(r), [['image-name-start', 'ImageName'], ['disk-image-size', 'DiskDeviceMapping.1.DiskImageSize']]);
  assert.equal(r.diagnostics[0].span, null);
});

test('spans carry UTF-16 offsets that index the JS string', () => {
  const input = '{"RegionId": "cn-hangzhou", "Description": "镜像𠀀", "ImageName": "a b", "DiskDeviceMapping.1.OSSBucket": "ecsimageos", "DiskDeviceMapping.1.OSSObject": "a.raw"}';
  const d = lint(input).diagnostics.find((x) => x.param === 'ImageName');
  assert.equal(input.slice(d.span.utf16_start, d.span.utf16_end), '"a b"');
  assert.notEqual(d.span.start, d.span.utf16_start);
});

test('garbage gives an error report, never a throw', () => {
  for (const input of ['', '   ', 'garbage', '42', 'null', '{', '{"a":', '\u0000', '\ud800', '[1,2]', 42, null, [1], true, '{"RegionId": "\\ud800"}']) {
    const r = lint(input);
    assert.equal(r.valid, false, `input ${JSON.stringify(input)}`);
    assert.equal(r.diagnostics[0].severity, 'error');
  }
});

test('inputs JSON cannot hold give a report, never a throw', () => {
  const cycle = { RegionId: 'cn-hangzhou' };
  cycle.self = cycle;
  assert.equal(lint(cycle).valid, false);
  assert.equal(lint({ n: 10n }).diagnostics[0].rule, 'invalid-input');
  assert.equal(validateField('ImageName', 'ok-name', cycle)[0].rule, 'invalid-input');
  assert.equal(lintRole(cycle).valid, false);
  assert.equal(lint(undefined).valid, false);
});

test('profiles: current accepts what the spec rejects', () => {
  const req = { RegionId: 'cn-hangzhou', ImageName: 'rocky.9', Platform: 'Rocky Linux', OSType: 'linux', Architecture: 'arm64', BootMode: 'UEFI',
    DiskDeviceMapping: [{ OSSBucket: 'ecsimageos', OSSObject: 'rocky9.qcow2', Format: 'qcow2' }] };
  assert.equal(lint(req, { profile: 'current' }).valid, true);
  assert.equal(lint(req, { profile: 'current' }).profile, 'current');
  assert.equal(lint(req).valid, false);
  assert.throws(() => lint(req, { profile: 'nope' }), RangeError);
  assert.throws(() => validateField('ImageName', 'x', null, { profile: 7 }), TypeError);
  assert.throws(() => lintRole('{}', null, 'current'), TypeError);
});

test('validateField checks one field in context', () => {
  const [d] = validateField('ImageName', 'http://x', { RegionId: 'cn-hangzhou' });
  assert.equal(d.rule, 'image-name-url');
  assert.equal(d.param, 'ImageName');
  assert.deepEqual(validateField('ImageName', 'centos-7', { RegionId: 'cn-hangzhou' }), []);
  const [size] = validateField('DiskDeviceMapping.2.DiskImageSize', '1001');
  assert.equal(size.code, 'InvalidImageSize');
  assert.equal(validateField('DiskDeviceMapping.1.DiskImageSize', '1000').length, 1);
  const [mismatch] = validateField('DiskDeviceMapping.1.OSSBucket', 'ecsimageos.oss-cn-beijing.aliyuncs.com', { RegionId: 'cn-hangzhou' }).filter((x) => x.rule === 'oss-region-mismatch');
  assert.ok(mismatch);
});

test('rules and version come from the rule table', () => {
  const list = rules();
  assert.ok(list.length > 40);
  const f = list.find((r) => r.id === 'disk-format');
  assert.deepEqual(f.codes, { '2019-01': 'InvalidFormat.Malformed', current: 'InvalidImageFormat.Malformed' });
  const cargo = readFileSync(join(pkgDir, '..', 'Cargo.toml'), 'utf8').match(/^version = "(.*)"/m)[1];
  assert.equal(version(), cargo);
  assert.equal(typeof pkg.default, 'function');
});

test('lintRole checks a role bundle, with and without a request', () => {
  const bundle = JSON.parse(readFileSync(join(pkgDir, '..', 'examples', 'import-role.json'), 'utf8'));
  assert.equal(lintRole(bundle).valid, true);
  const request = { RegionId: 'cn-hangzhou', DiskDeviceMapping: [{ OSSBucket: 'ecsimageos', OSSObject: 'ubuntu/u22.raw' }] };
  const r = lintRole(JSON.stringify(bundle), request);
  assert.deepEqual(r.diagnostics.map((d) => d.rule), ['role-resources']);
  // The finding points into the bundle text: the Policies it is about.
  assert.ok(r.diagnostics[0].span.line >= 1 && r.diagnostics[0].span.column >= 1);
  assert.equal(lintRole({ ...bundle, RoleName: 'Other' }).diagnostics[0].rule, 'role-name');
  assert.equal(lintRole('not json').valid, false);
  assert.equal(lintRole(bundle, undefined, { profile: 'current' }).valid, true);
});

// The request JSON Schema as editors use it, judged by VS Code's own JSON engine
// (`vscode-json-languageservice`, the code behind VS Code's JSON support) configured with the
// README's `json.schemas` setting, and by Ajv in strict mode:
// - no fixture and no real-client capture the linter accepts is rejected, for each profile;
// - completion on partial documents offers flat names (DiskDeviceMapping.N.*), nested
//   members, Features members, and real values only (never null nor ""); accepting a name
//   inserts a value to type in;
// - hover shows the rule's limits for the profile; errors are sentences, not regexes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonService from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';

const { getLanguageService, DiagnosticSeverity } = jsonService;

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(pkgDir, '..');
const cli = join(root, 'target', 'debug', 'importimage-lint');
const PROFILES = ['2019-01', 'current'];
const EDITOR_KEYWORDS = ['markdownDescription', 'defaultSnippets', 'patternErrorMessage', 'errorMessage', 'doNotSuggest'];

// The README's VS Code setting, read from the README itself.
function readmeSetting() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('"json.schemas"'));
  assert.ok(block, 'the README has a json.schemas setting');
  const setting = JSON.parse(block)['json.schemas'][0];
  const command = readme.match(/importimage-lint (schema[^\n>]*)> \.vscode\/importimage\.schema\.json/);
  assert.ok(command, 'the README says how to write the schema file');
  return { fileMatch: setting.fileMatch, args: command[1].trim().split(/\s+/) };
}

const setting = readmeSetting();

/** The schema as the README writes it, for a profile. */
function schemaFor(profile) {
  const args = [...setting.args.filter((a, i, all) => a !== '--profile' && all[i - 1] !== '--profile'), '--profile', profile];
  return JSON.parse(execFileSync(cli, args, { encoding: 'utf8' }));
}

function service(schema) {
  const ls = getLanguageService({});
  ls.configure({
    validate: true,
    allowComments: false,
    schemas: [{ uri: 'file:///work/.vscode/importimage.schema.json', fileMatch: setting.fileMatch, schema }],
  });
  return ls;
}

const docOf = (name, text) => TextDocument.create(`file:///work/requests/${name}`, 'json', 1, text);

async function validate(ls, doc) {
  const json = ls.parseJSONDocument(doc);
  return ls.doValidation(doc, json, { schemaValidation: 'error', trailingCommas: 'error', comments: 'error' });
}

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.json') ? [p] : [];
  });
}

// Every request fixture (role bundles are no requests) and every capture, regenerated ones first.
const fixtures = files(join(root, 'tests', 'fixtures')).filter((f) => !f.includes(`${join('fixtures', 'role')}`));
const capturesDir = existsSync(join(root, 'target', 'conformance', 'captures')) ? join(root, 'target', 'conformance', 'captures') : join(root, 'tests', 'conformance', 'captures');
const captures = files(capturesDir);

/** The linter's verdict on each file under a profile (the CLI, as CI runs it). */
function verdicts(paths, profile) {
  const out = execFileSync(cli, ['--format', 'json', '--exit-zero', '--profile', profile, ...paths], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return new Map(JSON.parse(out).map((r) => [r.path, r.valid]));
}

test('VS Code validates every fixture and capture the linter accepts without an error, under the README setting', { timeout: 300000 }, async () => {
  for (const profile of PROFILES) {
    const ls = service(schemaFor(profile));
    // A fixture is linted under the profile its name says; captures under both.
    const mine = fixtures.filter((f) => (profile === 'current') === f.split('/').pop().startsWith('current.'));
    const paths = [...mine, ...captures];
    const valid = verdicts(paths, profile);
    let accepted = 0;
    let flagged = 0;
    for (const path of paths) {
      const rel = relative(root, path);
      // Captures are named as a user names request files, so that the README's fileMatch applies.
      const name = captures.includes(path) ? `${rel.replaceAll('/', '_')}`.replace(/\.json$/, '.import-image.json') : path.split('/').pop();
      const doc = docOf(name, readFileSync(path, 'utf8'));
      const errors = (await validate(ls, doc)).filter((d) => d.severity === DiagnosticSeverity.Error);
      const ok = valid.get(rel) ?? valid.get(path);
      assert.notEqual(ok, undefined, `no verdict for ${rel}`);
      if (ok) {
        accepted += 1;
        assert.deepEqual(errors.map((e) => `${e.range.start.line + 1}:${e.range.start.character + 1} ${e.message}`), [], `${profile} ${rel}: the linter accepts it`);
      } else if (errors.length > 0) {
        flagged += 1;
      }
    }
    assert.ok(accepted > 80, `${profile}: only ${accepted} accepted files`);
    assert.ok(flagged > 20, `${profile}: the schema flags only ${flagged} rejected files`);
    console.log(`${profile}: ${accepted} accepted files pass in VS Code's engine; it flags ${flagged} of the rejected ones`);
  }
});

test('the README fileMatch selects request files, and a bad value is reported in words', async () => {
  const ls = service(schemaFor('2019-01'));
  const text = '{\n  "RegionId": "cn-hangzhou",\n  "ImageName": "centos 7.9",\n  "OSType": "Linux",\n  "DiskDeviceMapping.1.OSSBucket": "ecsimageos",\n  "DiskDeviceMapping.1.OSSObject": "/c7.qcow2"\n}\n';
  const problems = await validate(ls, docOf('web.import-image.json', text));
  const messages = problems.map((p) => p.message);
  assert.ok(messages.some((m) => /ImageName starts with a letter.*image-name-characters/.test(m)), messages.join('\n'));
  assert.ok(messages.some((m) => /OSSObject must not start with \//.test(m)), messages.join('\n'));
  assert.ok(messages.every((m) => !m.includes('^(?:') && !m.includes('[^')), `a raw regex: ${messages.join('\n')}`);
  // Not a request file by its name: no schema, no problems.
  assert.deepEqual(await validate(ls, docOf('package.json', text)), []);
});

test('under current, Features members are members: completed and checked', async () => {
  const ls = service(schemaFor('current'));
  const text = '{\n  "RegionId": "cn-hangzhou",\n  "DiskDeviceMapping": [{"OSSBucket": "ecsimageos", "OSSObject": "a.raw"}],\n  "Features": {"ImdsSupport": "v3"}\n}\n';
  const problems = await validate(ls, docOf('f.import-image.json', text));
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.match(problems[0].message, /ImdsSupport must be one of v1, v2/);
  assert.equal(problems[0].range.start.line, 3);
  const partial = '{\n  "Features": {\n    \n  }\n}\n';
  const doc = docOf('f.import-image.json', partial);
  const labels = (await ls.doComplete(doc, { line: 2, character: 4 }, ls.parseJSONDocument(doc))).items.map((i) => i.label);
  assert.deepEqual(labels.sort(), ['ImdsSupport', 'NvmeSupport']);
});

test('completion offers flat names of every disk, nested members, and real values only', async () => {
  const ls = service(schemaFor('2019-01'));
  const complete = async (text, marker = '|') => {
    const at = text.indexOf(marker);
    const doc = docOf('c.import-image.json', text.replace(marker, ''));
    return (await ls.doComplete(doc, doc.positionAt(at), ls.parseJSONDocument(doc))).items;
  };
  // Names at the top level: API names, flat disk names N = 1..17, the nested family; no
  // model spelling (regionId) and no name of the other profile.
  const top = await complete('{\n  "RegionId": "cn-hangzhou",\n  |\n}');
  const names = top.map((i) => i.label);
  for (const n of ['ImageName', 'OSType', 'DiskDeviceMapping', 'DiskDeviceMapping.1.OSSBucket', 'DiskDeviceMapping.17.DiskImageSize']) {
    assert.ok(names.includes(n), `${n} offered`);
  }
  for (const n of ['regionId', 'ossBucket', 'RegionId', 'BootMode', 'DiskDeviceMapping.18.OSSBucket']) {
    assert.ok(!names.includes(n), `${n} not offered`);
  }
  // Accepting a name inserts a value to type in: quotes for text, the suggestion list for choices.
  const insert = (label) => top.find((i) => i.label === label).insertText;
  assert.equal(insert('ImageName'), '"ImageName": "$1"');
  assert.equal(insert('DiskDeviceMapping.1.DiskImageSize'), '"DiskDeviceMapping.1.DiskImageSize": ${1:5}');
  assert.equal(insert('OSType'), '"OSType": $1');
  assert.match(insert('DiskDeviceMapping'), /^"DiskDeviceMapping": \[\s*\{\s*"OSSBucket": "\$1",\s*"OSSObject": "\$2"\s*\}\s*\]$/);
  assert.equal(top.find((i) => i.label === 'OSType').command?.command, 'editor.action.triggerSuggest');
  // Values: the table's enumeration exactly, never null nor "".
  const table = JSON.parse(execFileSync(cli, ['profiles', '--format', 'json'], { encoding: 'utf8' })).find((p) => p.id === '2019-01');
  const valuesOf = (name) => table.params.find((p) => p.name === name).values.map((v) => JSON.stringify(v)).sort();
  const values = (await complete('{"OSType": |}')).map((i) => i.label);
  assert.deepEqual([...new Set(values)].sort(), valuesOf('OSType'));
  const formats = (await complete('{"DiskDeviceMapping.2.Format": |}')).map((i) => i.label);
  assert.deepEqual(formats.sort(), valuesOf('DiskDeviceMapping.N.Format'));
  const regions = (await complete('{"RegionId": |}')).map((i) => i.label);
  assert.deepEqual(regions.sort(), table.regions.map((r) => JSON.stringify(r)).sort());
  // Inside a nested disk: its members, in API names.
  const disk = (await complete('{"DiskDeviceMapping": [{|}]}')).map((i) => i.label);
  const members = table.params.filter((p) => p.name.startsWith('DiskDeviceMapping.N.')).map((p) => p.name.slice('DiskDeviceMapping.N.'.length));
  assert.deepEqual(disk.sort(), members.sort());
  // A new element of the list is a disk with its two required fields.
  const element = await complete('{"DiskDeviceMapping": [|]}');
  assert.ok(element.some((i) => /"OSSBucket": "\$1"/.test(i.insertText)), JSON.stringify(element));
});

test('hover shows the limits of the active profile and the rules, linked', async () => {
  for (const [profile, limit] of [['2019-01', 'N = 1: 5–500 GiB'], ['current', 'N = 1–17: 1–2048 GiB']]) {
    const ls = service(schemaFor(profile));
    const text = '{\n  "DiskDeviceMapping.1.DiskImageSize": 40\n}\n';
    const doc = docOf('h.import-image.json', text);
    const hover = await ls.doHover(doc, { line: 1, character: 10 }, ls.parseJSONDocument(doc));
    const md = hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.ok(md.includes(limit), `${profile}: ${md}`);
    assert.match(md, /\[`disk-image-size`\]\(https?:\/\/[^)]+#disk-image-size\)/);
  }
});

test('Ajv compiles every schema in strict mode (the editor keywords declared) and agrees with lint on the examples', async () => {
  const { default: Ajv2020 } = await import('ajv/dist/2020.js');
  const examples = ['import-image.json', 'bad-import-image.json'].map((f) => readFileSync(join(root, 'examples', f), 'utf8'));
  const expected = [true, false];
  for (const profile of PROFILES) {
    for (const form of ['any', 'flat', 'nested']) {
      const schema = JSON.parse(execFileSync(cli, ['schema', '--profile', profile, '--form', form], { encoding: 'utf8' }));
      const ajv = new Ajv2020({ strict: true, allErrors: true, unicodeRegExp: true });
      ajv.addVocabulary(EDITOR_KEYWORDS);
      const validate = ajv.compile(schema);
      examples.forEach((text, i) => assert.equal(validate(JSON.parse(text)), expected[i], `${profile} ${form} example ${i}`));
    }
  }
});

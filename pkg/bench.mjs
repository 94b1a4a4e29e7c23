// The npm package in Node next to its peers, on the same JSON requests, in one run:
// JSON.parse alone (the floor), Ajv (draft 2020-12, allErrors true and false) running the
// schema `importimage-lint schema` prints, the package's `lint` (the documented call
// that validates a whole request with its diagnostics; also from `importimage-lint/form`) and `isValid` (the verdict alone). Verdicts are compared request by
// request first. Requests per second are medians of rounds.
//
//   node pkg/bench.mjs CORPUS.ndjson
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { isValid, lint, schema, validateField } from './index.js';
import * as form from './form.js';

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
// Each request's form: nested when it holds a DiskDeviceMapping array.
const forms = lines.map((l) => (l.includes('"DiskDeviceMapping": [') || l.includes('"DiskDeviceMapping":[') ? 'nested' : 'flat'));
const compile = (form, allErrors) => new Ajv2020({ allErrors, strict: false, unicodeRegExp: true }).compile(schema({ form }));
const ajv = {
  all: { flat: compile('flat', true), nested: compile('nested', true) },
  first: { flat: compile('flat', false), nested: compile('nested', false) },
};

let same = 0;
let stricter = 0;
lines.forEach((l, i) => {
  const a = ajv.all[forms[i]](JSON.parse(l));
  const b = lint(l).valid;
  if (form.lint(l).valid !== b) throw new Error(`importimage-lint/form disagrees with the main entry on: ${l}`);
  same += Number(a === b);
  stricter += Number(b && !a);
});
console.log(`peers: on ${lines.length} JSON requests Ajv (the generated schema) agrees with lint on ${same} (${(100 * same / lines.length).toFixed(1)}%); it rejects ${stricter} that lint accepts`);

function rate(label, fn) {
  for (let i = 0; i < Math.min(2000, lines.length); i += 1) fn(lines[i], i); // warm up
  const rounds = [];
  for (let r = 0; r < 7; r += 1) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < lines.length; i += 1) fn(lines[i], i);
    rounds.push(Number(process.hrtime.bigint() - t) / 1e9);
  }
  rounds.sort((a, b) => a - b);
  const rps = lines.length / rounds[3];
  console.log(`${label.padEnd(44)} ${rps.toFixed(0).padStart(8)} requests/s`);
  return rps;
}

let sink = 0;
const parse = rate('JSON.parse only (the floor)', (l) => { sink += JSON.parse(l) ? 1 : 0; });
const ajvAll = rate('Ajv allErrors: true (parse included)', (l, i) => {
  const v = ajv.all[forms[i]];
  sink += v(JSON.parse(l)) ? 1 : (v.errors.length);
});
const ajvFirst = rate('Ajv allErrors: false (parse included)', (l, i) => { sink += ajv.first[forms[i]](JSON.parse(l)) ? 1 : 0; });
const wasm = rate('lint(JSON string), diagnostics read', (l) => { sink += lint(l).diagnostics.length; });
const formLint = rate("importimage-lint/form lint(JSON string)", (l) => { sink += form.lint(l).diagnostics.length; });
const verdict = rate('isValid(JSON string), the verdict only', (l) => { sink += isValid(l) ? 1 : 0; });
const field = rate('validateField, one field per request', (l) => { sink += validateField('ImageName', l.slice(20, 40)).length; });
console.log(`lint is ${(wasm / ajvAll).toFixed(2)}x Ajv allErrors, ${(wasm / ajvFirst).toFixed(2)}x Ajv allErrors false, ${(parse / wasm).toFixed(2)}x slower than JSON.parse alone; validateField ${field.toFixed(0)} fields/s`);
console.log(`importimage-lint/form lint is ${(formLint / ajvAll).toFixed(2)}x Ajv allErrors, ${(formLint / wasm).toFixed(2)}x the main entry's lint`);
console.log(`isValid is ${(verdict / ajvFirst).toFixed(2)}x Ajv allErrors false (the verdict peer), ${(verdict / wasm).toFixed(2)}x lint`);
// The figure scripts/bench.sh compares with the native library.
console.log(`wasm lint(JSON string) ${wasm.toFixed(0)} requests/s (${lines.length} requests, median of 7 rounds)`);
if (sink < 0) console.log(sink);

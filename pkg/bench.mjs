// The npm package's `lint` on JSON strings, in Node: requests per second, median of rounds.
import { readFileSync } from 'node:fs';
import { lint } from './index.js';

const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
for (const l of lines.slice(0, 2000)) lint(l); // warm up
const rounds = [];
for (let r = 0; r < 7; r++) {
  const t = process.hrtime.bigint();
  for (const l of lines) lint(l);
  rounds.push(Number(process.hrtime.bigint() - t) / 1e9);
}
rounds.sort((a, b) => a - b);
const median = rounds[3];
console.log(`wasm lint(JSON string) ${(lines.length / median).toFixed(0)} requests/s (${lines.length} requests, median of 7 rounds)`);

// inflate.js, which restores each packaged WebAssembly module, against Node's zlib (the
// deflater build.sh uses): every block type zlib writes, sizes from empty to the modules
// themselves; and damaged input throws a clear error, never hangs, never writes past the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { constants, crc32 as zlibCrc32, deflateRawSync } from 'node:zlib';
import { pkgDir } from './packed.mjs';

const { crc32, inflate } = await import(pathToFileURL(join(pkgDir, 'inflate.js')).href);

/** `n` bytes from a fixed seed (xorshift32): the same noise in every run. */
function noise(n, seed = 2463534242) {
  const out = Buffer.alloc(n);
  let x = seed;
  for (let i = 0; i < n; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const INPUTS = {
  empty: Buffer.alloc(0),
  'one byte': Buffer.from('a'),
  zeros: Buffer.alloc(100_000),
  noise: noise(70_000),
  // zlib stores what it cannot compress: stored blocks after Huffman blocks and back.
  'text, noise, text': Buffer.concat([Buffer.from('abc'.repeat(20_000)), noise(40_000, 7), Buffer.from('xyz'.repeat(20_000))]),
  'fresh random bytes': randomBytes(70_000),
  repeats: Buffer.from('abc'.repeat(50_000)),
  text: readFileSync(join(pkgDir, 'README.md')),
  'the main module': readFileSync(join(pkgDir, 'dist', 'importimage_lint_bg.wasm')),
  'the form module': readFileSync(join(pkgDir, 'dist', 'form', 'importimage_lint_bg.wasm')),
};

const SETTINGS = {
  'level 9 (as build.sh)': { level: 9, memLevel: 9 },
  'stored blocks (level 0)': { level: 0 },
  'level 1': { level: 1 },
  'fixed Huffman codes': { strategy: constants.Z_FIXED },
  'Huffman only': { strategy: constants.Z_HUFFMAN_ONLY },
  'run lengths': { strategy: constants.Z_RLE },
};

test('inflate restores what zlib deflates, in every block type zlib writes', () => {
  for (const [name, input] of Object.entries(INPUTS)) {
    for (const [how, options] of Object.entries(SETTINGS)) {
      const out = inflate(deflateRawSync(input, options), input.length);
      assert.ok(Buffer.from(out).equals(input), `${name}, ${how}`);
    }
  }
});

test('the packaged modules are the built ones', async () => {
  for (const [dir, name] of [['dist', 'the main module'], [join('dist', 'form'), 'the form module']]) {
    const packaged = await import(pathToFileURL(join(pkgDir, dir, 'wasm-bytes.js')).href);
    const out = inflate(Buffer.from(packaged.deflated, 'base64'), packaged.size, packaged.crc32);
    assert.ok(Buffer.from(out).equals(INPUTS[name]), name);
  }
});

test('damaged input throws a clear error: flipped bits, cut short, a wrong size', () => {
  const input = INPUTS['the form module'];
  const good = deflateRawSync(input, { level: 9 });
  const corrupt = (e) => e instanceof Error && /^importimage-lint: the packaged WebAssembly module is corrupt \(.+\); reinstall the package$/.test(e.message);
  assert.throws(() => inflate(good.subarray(0, good.length >> 1), input.length), corrupt);
  assert.throws(() => inflate(good, input.length + 1), corrupt);
  assert.throws(() => inflate(good, input.length - 1), corrupt);
  assert.throws(() => inflate(Buffer.from([0xff]), 10), corrupt);
  assert.throws(() => inflate(good, 2 ** 33), corrupt);
  assert.throws(() => inflate(good, -1), corrupt);
  const crc = crc32(input);
  assert.equal(crc, zlibCrc32(input));
  assert.equal(inflate(good, input.length, crc).length, input.length);
  // Raw DEFLATE has no checksum: some flipped bits decode to other bytes of the same length.
  // With the CRC-32 build.sh records, every damaged input is refused.
  for (let i = 0; i < 300; i += 1) {
    const bad = Buffer.from(good);
    for (let k = 0; k < 3; k += 1) {
      const at = Math.floor(Math.random() * bad.length);
      bad[at] ^= 1 << Math.floor(Math.random() * 8);
    }
    assert.throws(() => inflate(bad, input.length, crc), corrupt);
    try {
      assert.equal(inflate(bad, input.length).length, input.length);
    } catch (e) {
      assert.ok(corrupt(e), String(e));
    }
  }
});

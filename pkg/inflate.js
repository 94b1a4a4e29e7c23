// Inflates raw DEFLATE data (RFC 1951), synchronously, into an output of known size. The
// package carries each WebAssembly module deflated (build.sh compresses it with Node's zlib
// at level 9) and base64-encoded: a bundle then ships the module's compressed bytes, not the
// base64 of its raw bytes, which gzip and brotli shrink far less. Each Huffman code is decoded by one
// table look-up (after RFC 1951's canonical codes); it runs once per module.
// Corrupt input throws: every loop is bounded by the input's or the output's length, and
// the output must have the size and CRC-32 build.sh recorded (raw DEFLATE has no checksum of
// its own, and a damaged stream can decode to other bytes of the right length).

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
// The order the code-length code's lengths are written in.
const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const MAX_BITS = 15;

function corrupt(why) {
  return new Error(`importimage-lint: the packaged WebAssembly module is corrupt (${why}); reinstall the package`);
}

/**
 * A canonical Huffman code from code lengths, as a table indexed by the next `bits` input
 * bits (least significant first): each entry is `symbol << 4 | length`, 0 where no code is.
 */
function huffman(lengths, start, n) {
  const count = new Uint16Array(MAX_BITS + 1);
  let bits = 0;
  for (let s = 0; s < n; s += 1) {
    const len = lengths[start + s];
    count[len] += 1;
    if (len > bits) bits = len;
  }
  let left = 1;
  const next = new Uint16Array(MAX_BITS + 2);
  for (let len = 1; len <= MAX_BITS; len += 1) {
    left = (left << 1) - count[len];
    if (left < 0) throw corrupt('an over-subscribed code');
    next[len + 1] = (next[len] + count[len]) << 1;
  }
  const table = new Uint16Array(1 << bits);
  for (let s = 0; s < n; s += 1) {
    const len = lengths[start + s];
    if (len === 0) continue;
    let code = next[len]++;
    let rev = 0;
    for (let k = 0; k < len; k += 1, code >>= 1) rev = (rev << 1) | (code & 1);
    for (let i = rev; i < table.length; i += 1 << len) table[i] = (s << 4) | len;
  }
  return { table, bits, mask: (1 << bits) - 1 };
}

const FIXED = (() => {
  const l = new Uint8Array(288 + 30);
  l.fill(8, 0, 144);
  l.fill(9, 144, 256);
  l.fill(7, 256, 280);
  l.fill(8, 280, 288);
  l.fill(5, 288);
  return { lit: huffman(l, 0, 288), dist: huffman(l, 288, 30) };
})();

let crcTable;

/** The CRC-32 of `bytes` (the ISO-HDLC polynomial, as zlib and gzip compute it). */
export function crc32(bytes) {
  if (!crcTable) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n += 1) {
      let c = n;
      for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  let c = -1;
  for (let i = 0; i < bytes.length; i += 1) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/**
 * The `size` bytes that `src` (raw DEFLATE) holds; throws unless it holds exactly that many
 * and, when `crc` is given, unless their CRC-32 is `crc`.
 */
export function inflate(src, size, crc) {
  if (!Number.isSafeInteger(size) || size < 0 || size > 0x7fffffff) throw corrupt('its recorded size is not a size');
  const out = new Uint8Array(size);
  let pos = 0;
  let at = 0;
  let buf = 0;
  let cnt = 0;

  const bits = (n) => {
    while (cnt < n) {
      if (at >= src.length) throw corrupt('it ends early');
      buf |= src[at++] << cnt;
      cnt += 8;
    }
    const v = buf & ((1 << n) - 1);
    buf >>>= n;
    cnt -= n;
    return v;
  };

  const decode = (h) => {
    while (cnt < h.bits && at < src.length) {
      buf |= src[at++] << cnt;
      cnt += 8;
    }
    const e = h.table[buf & h.mask];
    const len = e & 15;
    if (len === 0) throw corrupt('a code that is not in its table');
    if (len > cnt) throw corrupt('it ends early');
    buf >>>= len;
    cnt -= len;
    return e >> 4;
  };

  // The hot loop, with the input state in locals (written back when the block ends): a
  // literal/length code, then for a match its extra bits and distance.
  const codes = (lit, dist) => {
    let b = buf;
    let c = cnt;
    let a = at;
    let p = pos;
    const litTable = lit.table;
    const litMask = lit.mask;
    const distTable = dist.table;
    const distMask = dist.mask;
    const end = src.length;
    try {
      for (;;) {
        // 15 bits cover any code; 13 any extra bits: refill to at least that, or to the end.
        while (c < 15 && a < end) {
          b |= src[a++] << c;
          c += 8;
        }
        let e = litTable[b & litMask];
        let len = e & 15;
        if (len === 0) throw corrupt('a code that is not in its table');
        if (len > c) throw corrupt('it ends early');
        b >>>= len;
        c -= len;
        let sym = e >> 4;
        if (sym < 256) {
          if (p >= size) throw corrupt('it is longer than recorded');
          out[p++] = sym;
          continue;
        }
        if (sym === 256) return;
        sym -= 257;
        if (sym >= 29) throw corrupt('a length code out of range');
        while (c < 15 && a < end) {
          b |= src[a++] << c;
          c += 8;
        }
        let n = LEN_EXTRA[sym];
        if (n > c) throw corrupt('it ends early');
        const count = LEN_BASE[sym] + (b & ((1 << n) - 1));
        b >>>= n;
        c -= n;
        while (c < 15 && a < end) {
          b |= src[a++] << c;
          c += 8;
        }
        e = distTable[b & distMask];
        len = e & 15;
        if (len === 0) throw corrupt('a code that is not in its table');
        if (len > c) throw corrupt('it ends early');
        b >>>= len;
        c -= len;
        const d = e >> 4;
        if (d >= 30) throw corrupt('a distance code out of range');
        while (c < 13 && a < end) {
          b |= src[a++] << c;
          c += 8;
        }
        n = DIST_EXTRA[d];
        if (n > c) throw corrupt('it ends early');
        const back = DIST_BASE[d] + (b & ((1 << n) - 1));
        b >>>= n;
        c -= n;
        if (back > p) throw corrupt('a distance before the start');
        if (p + count > size) throw corrupt('it is longer than recorded');
        for (let k = 0; k < count; k += 1, p += 1) out[p] = out[p - back];
      }
    } finally {
      buf = b;
      cnt = c;
      at = a;
      pos = p;
    }
  };

  const lengths = new Uint8Array(288 + 32);
  let last = 0;
  while (!last) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      // Stored: the rest of the current byte is padding; whole bytes already taken into the
      // bit buffer (the Huffman decoder reads ahead) are given back.
      at -= cnt >> 3;
      buf = 0;
      cnt = 0;
      if (at + 4 > src.length) throw corrupt('it ends early');
      const len = src[at] | (src[at + 1] << 8);
      const check = src[at + 2] | (src[at + 3] << 8);
      at += 4;
      if (len !== (~check & 0xffff)) throw corrupt('a stored block whose length does not match its complement');
      if (at + len > src.length) throw corrupt('it ends early');
      if (pos + len > size) throw corrupt('it is longer than recorded');
      out.set(src.subarray(at, at + len), pos);
      at += len;
      pos += len;
    } else if (type === 1) {
      codes(FIXED.lit, FIXED.dist);
    } else if (type === 2) {
      const nlen = bits(5) + 257;
      const ndist = bits(5) + 1;
      const ncode = bits(4) + 4;
      if (nlen > 286 || ndist > 30) throw corrupt('too many codes');
      lengths.fill(0);
      for (let i = 0; i < ncode; i += 1) lengths[ORDER[i]] = bits(3);
      const lencode = huffman(lengths, 0, 19);
      let i = 0;
      while (i < nlen + ndist) {
        let sym = decode(lencode);
        if (sym < 16) {
          lengths[i++] = sym;
          continue;
        }
        let len = 0;
        if (sym === 16) {
          if (i === 0) throw corrupt('a repeat with nothing before it');
          len = lengths[i - 1];
          sym = 3 + bits(2);
        } else if (sym === 17) {
          sym = 3 + bits(3);
        } else {
          sym = 11 + bits(7);
        }
        if (i + sym > nlen + ndist) throw corrupt('too many code lengths');
        while (sym-- > 0) lengths[i++] = len;
      }
      if (lengths[256] === 0) throw corrupt('no end-of-block code');
      codes(huffman(lengths, 0, nlen), huffman(lengths, nlen, ndist));
    } else {
      throw corrupt('a block of the reserved type');
    }
  }
  if (pos !== size) throw corrupt('it is shorter than recorded');
  if (crc !== undefined && crc32(out) !== crc) throw corrupt('its CRC-32 differs from the one recorded');
  return out;
}

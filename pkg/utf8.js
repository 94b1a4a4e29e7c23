// UTF-8 text coders for environments without TextEncoder / TextDecoder (Jest's jsdom
// environment lacks them). The WebAssembly glue uses the built-in ones wherever they exist.
// Behaviour matches the built-ins: lone surrogates encode as U+FFFD, and invalid bytes
// decode as U+FFFD.

export class Utf8Encoder {
  /** @param {string} text */
  encode(text = '') {
    const out = [];
    for (let i = 0; i < text.length; i += 1) {
      let c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i += 1;
        } else {
          c = 0xfffd;
        }
      } else if (c >= 0xd800 && c <= 0xdfff) {
        c = 0xfffd;
      }
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return Uint8Array.from(out);
  }
}

export class Utf8Decoder {
  /** @param {Uint8Array} [bytes] */
  decode(bytes = new Uint8Array(0)) {
    let out = '';
    for (let i = 0; i < bytes.length;) {
      const b = bytes[i];
      const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
      let c = need === 0 ? b : need === 1 ? b & 31 : need === 2 ? b & 15 : b & 7;
      let ok = need >= 0 && i + need < bytes.length;
      for (let k = 1; ok && k <= need; k += 1) {
        const cont = bytes[i + k];
        if (cont === undefined || (cont & 0xc0) !== 0x80) ok = false;
        else c = (c << 6) | (cont & 63);
      }
      const min = [0, 0x80, 0x800, 0x10000][need];
      if (!ok || c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        out += '\ufffd';
        i += 1;
        continue;
      }
      out += String.fromCodePoint(c);
      i += need + 1;
    }
    return out;
  }
}

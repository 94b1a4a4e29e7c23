// The package's JavaScript face over the WebAssembly glue: it turns JavaScript values into
// text for the library and the library's JSON answers into plain objects. No rule logic
// lives here: what a value means is decided by the library.

// The deepest nesting written out; the library refuses far less deep input with a
// diagnostic of its own, so a deeper value only needs to stay deeper than that.
const MAX_DEPTH = 200;
// The library's input limit (DEFAULT_MAX_INPUT_BYTES): longer text is refused with a
// diagnostic, so writing stops there rather than walking, say, a billion-element array.
const MAX_TEXT = 16 * 1024 * 1024;

class TooLarge extends Error {}

/**
 * JSON text of a JavaScript value, for the library. Unlike `JSON.stringify`, a value that
 * JSON cannot carry is never silently dropped or turned into null, which would make it
 * look absent: `NaN` and `±Infinity` are written as the literals `NaN`, `Infinity` and
 * `-Infinity`, and a function, a symbol, a repeated (cyclic) object or an over-deep value as
 * `undefined`; the library reports each as a value of the wrong type. `undefined` itself
 * means absent, as in `JSON.stringify`. BigInts are written as their digits. Never throws.
 */
export function toJson(value) {
  const seen = new Set();
  let budget = MAX_TEXT;
  const spend = (text) => {
    budget -= text.length;
    if (budget < 0) throw new TooLarge();
    return text;
  };
  const write = (v, depth, inArray) => {
    switch (typeof v) {
      case 'string':
        return spend(JSON.stringify(v));
      case 'number':
        return Number.isFinite(v) ? JSON.stringify(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
      case 'bigint':
        return v.toString();
      case 'boolean':
        return v ? 'true' : 'false';
      case 'undefined':
        return inArray ? 'null' : undefined;
      case 'function':
      case 'symbol':
        return 'undefined';
      default:
        break;
    }
    if (v === null) return 'null';
    if (depth > MAX_DEPTH || seen.has(v)) return 'undefined';
    let json;
    try {
      // Dates and other objects that say how they serialise.
      if (typeof v.toJSON === 'function') return write(v.toJSON(), depth + 1, inArray);
      seen.add(v);
      if (Array.isArray(v)) {
        const items = [];
        for (let i = 0; i < v.length; i += 1) {
          spend(',');
          items.push(write(v[i], depth + 1, true));
        }
        json = `[${items.join(',')}]`;
      } else {
        const members = [];
        for (const key of Object.keys(v)) {
          let text;
          try {
            text = write(v[key], depth + 1, false);
          } catch (e) {
            if (e instanceof TooLarge) throw e;
            // A getter that throws: this member cannot be read.
            text = 'undefined';
          }
          if (text !== undefined) members.push(`${spend(JSON.stringify(key))}:${text}`);
        }
        json = `{${members.join(',')}}`;
      }
      seen.delete(v);
    } catch (e) {
      if (e instanceof TooLarge) throw e;
      // A proxy or toJSON that throws: the value cannot be read.
      return 'undefined';
    }
    return json;
  };
  try {
    return write(value, 0, false) ?? 'undefined';
  } catch {
    // Past the library's limit: text it refuses as too large, without building the rest.
    return ' '.repeat(MAX_TEXT + 1);
  }
}

/** @param {import('./dist/importimage_lint.js')} raw */
export function makeApi(raw) {
  const text = (input) => (typeof input === 'string' ? input : toJson(input));
  const optional = (input) => (input === undefined || input === null ? undefined : text(input));
  // Caller mistakes throw, consistently in every function: options must be an object,
  // its profile a known profile id, its lang a known language tag, a field's name a string.
  const profileIds = raw.profileIds().split(',');
  const langTags = raw.langTags().split(',');
  // A language tag in any letter case, with `-` or `_`: zh-CN, zh-cn, zh_CN and zh alike
  // (as the command line and the configuration file take them).
  const langTag = (v) => ({ zh: 'zh-CN', 'zh-cn': 'zh-CN', en: 'en' })[v.trim().toLowerCase().replace(/_/g, '-')] ?? v;
  const pick = (options, key, known, canonical = (v) => v) => {
    if (options === undefined || options === null) return undefined;
    if (typeof options !== 'object') throw new TypeError('importimage-lint: options must be an object such as { profile: "current", lang: "zh-CN" }');
    const v = options[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw new TypeError(`importimage-lint: options.${key} must be a string, one of ${known.join(', ')}`);
    const c = canonical(v);
    if (!known.includes(c)) {
      let also = '';
      if (key === 'lang') {
        also = known.includes('zh-CN') ? ' (also written zh-cn, zh_CN or zh)'
          : c === 'zh-CN' ? " (this entry speaks English only; import 'importimage-lint' for zh-CN)" : '';
      }
      throw new RangeError(`importimage-lint: unknown ${key === 'lang' ? 'language' : key} \`${v}\`; choose one of ${known.join(', ')}${also}`);
    }
    return c;
  };
  const profileOf = (options) => pick(options, 'profile', profileIds);
  const langOf = (options) => pick(options, 'lang', langTags, langTag);
  // Spans of object input would point into JSON text the caller never saw.
  const withoutSpans = (input, report) => {
    if (typeof input !== 'string') for (const d of report.diagnostics) d.span = null;
    return report;
  };
  return {
    lint(input, options) {
      const profile = profileOf(options);
      const lang = langOf(options);
      const source = text(input);
      const report = withoutSpans(input, JSON.parse(raw.lintText(source, profile, lang)));
      // `effective` is built when first read: most callers only read the diagnostics, and
      // it is most of a valid request's answer.
      Object.defineProperty(report, 'effective', {
        enumerable: true,
        configurable: true,
        get() {
          const value = JSON.parse(raw.effectiveText(source, profile));
          Object.defineProperty(report, 'effective', { value, enumerable: true, writable: true, configurable: true });
          return value;
        },
        set(value) {
          Object.defineProperty(report, 'effective', { value, enumerable: true, writable: true, configurable: true });
        },
      });
      return report;
    },
    isValid(input, options) {
      const profile = profileOf(options);
      langOf(options); // checked as everywhere; a verdict has no words
      return raw.isValidText(text(input), profile);
    },
    validateField(param, value, request, options) {
      if (typeof param !== 'string') throw new TypeError('importimage-lint: the field name must be a string such as "ImageName"');
      const profile = profileOf(options);
      const lang = langOf(options);
      const answer = typeof value === 'string'
        ? raw.validateFieldText(param, value, optional(request), profile, lang)
        : raw.validateFieldJson(param, value === undefined ? 'null' : toJson(value), optional(request), profile, lang);
      return JSON.parse(answer);
    },
    async inspectImage(file, request, options) {
      const source = await imageSource(file);
      const profile = profileOf(options);
      const lang = langOf(options);
      const disk = options?.disk;
      if (disk !== undefined && disk !== null && !(Number.isInteger(disk) && disk >= 1)) {
        throw new TypeError('importimage-lint: options.disk must be a disk number N, 1 or more');
      }
      const named = options?.name;
      if (named !== undefined && named !== null && typeof named !== 'string') {
        throw new TypeError('importimage-lint: options.name must be a string, the file\'s name');
      }
      const inspector = new raw.ImageInspector(source.size);
      try {
        // The inspector bounds the reads (64 ranges, 8 MB) whatever they return: fewer
        // bytes than asked are the end of the file, more are cut.
        for (let range = inspector.next(); range; range = inspector.next()) {
          const [offset, length] = range;
          inspector.feed(offset, await source.read(offset, length));
        }
        const name = named ?? source.name;
        return JSON.parse(inspector.finish(optional(request), disk ?? undefined, name, profile, lang));
      } finally {
        inspector.free();
      }
    },
    lintRole(bundle, request, options) {
      return withoutSpans(bundle, JSON.parse(raw.lintRoleText(text(bundle), optional(request), profileOf(options), langOf(options))));
    },
    version: raw.version(),
  };
}

const bytesOf = (b) => (b instanceof Uint8Array ? b : new Uint8Array(b));

/**
 * What `inspectImage` reads: `{ size, name, read(offset, length) }` from a Blob or File
 * (`slice()`), a Node FileHandle (its true size from `stat()`, positioned reads: Node's
 * `fs.openAsBlob` reports sizes of 4 GiB or more modulo 2^32), or a reader of that shape.
 */
async function imageSource(file) {
  const object = file !== null && typeof file === 'object';
  if (object && typeof file.stat === 'function' && typeof file.read === 'function') {
    const size = Number((await file.stat()).size);
    return {
      size,
      name: undefined,
      async read(offset, length) {
        const buffer = new Uint8Array(length);
        const { bytesRead } = await file.read(buffer, 0, length, offset);
        return buffer.subarray(0, bytesRead);
      },
    };
  }
  const size = object ? (typeof file.size === 'bigint' ? Number(file.size) : file.size) : undefined;
  if (!object || typeof size !== 'number' || !(size >= 0)) {
    throw new TypeError('importimage-lint: inspectImage takes a Blob or File, a Node FileHandle (fs.promises.open), or { size, read(offset, length) }');
  }
  if (typeof file.read === 'function') {
    return { size, name: typeof file.name === 'string' ? file.name : undefined, read: async (offset, length) => bytesOf(await file.read(offset, length)) };
  }
  if (typeof file.slice === 'function') {
    return {
      size,
      name: typeof file.name === 'string' ? file.name : undefined,
      read: async (offset, length) => bytesOf(await file.slice(offset, offset + length).arrayBuffer()),
    };
  }
  throw new TypeError('importimage-lint: inspectImage takes a Blob or File, a Node FileHandle (fs.promises.open), or { size, read(offset, length) }');
}

/**
 * A report's diagnostics by the field each concerns, for showing them under a form's
 * fields: a diagnostic appears under its `param` and under each of its `related_params`
 * (both fields of a Platform/OSType mismatch), in report order. Diagnostics about no field
 * are under the empty string.
 */
export function diagnosticsByField(report) {
  const out = new Map();
  const add = (field, d) => {
    if (!out.has(field)) out.set(field, []);
    out.get(field).push(d);
  };
  for (const d of report.diagnostics) {
    add(d.param ?? '', d);
    for (const other of d.related_params ?? []) add(other, d);
  }
  return out;
}

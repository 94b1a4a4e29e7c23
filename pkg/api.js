// The package's JavaScript face over the WebAssembly glue: it turns inputs into text and
// the library's JSON answers into plain objects. No rule logic lives here.

/** @param {import('./dist/importimage_lint.js')} raw */
export function makeApi(raw) {
  // Text for the library: strings as they are, anything else as JSON. Whatever cannot be
  // serialised (a cycle, a BigInt) becomes text the library reports as not a request,
  // so no input ever throws.
  const text = (input) => {
    if (typeof input === 'string') return input;
    try {
      return JSON.stringify(input) ?? String(input);
    } catch {
      return '<unserialisable input>';
    }
  };
  const optional = (input) => (input === undefined || input === null ? undefined : text(input));
  // Caller mistakes throw, consistently in every function: options must be an object,
  // its profile a known profile id.
  const profileIds = JSON.parse(raw.profilesText()).map((p) => p.id);
  const profileOf = (options) => {
    if (options === undefined || options === null) return undefined;
    if (typeof options !== 'object') throw new TypeError('importimage-lint: options must be an object such as { profile: "current" }');
    const p = options.profile;
    if (p === undefined || p === null) return undefined;
    if (typeof p !== 'string') throw new TypeError(`importimage-lint: options.profile must be a string, one of ${profileIds.join(', ')}`);
    if (!profileIds.includes(p)) throw new RangeError(`importimage-lint: unknown profile \`${p}\`; choose one of ${profileIds.join(', ')}`);
    return p;
  };
  // Spans of object input would point into JSON text the caller never saw.
  const withoutSpans = (input, report) => {
    if (typeof input !== 'string') for (const d of report.diagnostics) d.span = null;
    return report;
  };
  return {
    lint(input, options) {
      return withoutSpans(input, JSON.parse(raw.lintText(text(input), profileOf(options))));
    },
    validateField(param, value, request, options) {
      return JSON.parse(raw.validateFieldText(String(param), String(value ?? ''), optional(request), profileOf(options)));
    },
    lintRole(bundle, request, options) {
      return withoutSpans(bundle, JSON.parse(raw.lintRoleText(text(bundle), optional(request), profileOf(options))));
    },
    rules() {
      return JSON.parse(raw.rulesText());
    },
    profiles() {
      return JSON.parse(raw.profilesText());
    },
    version: raw.version(),
  };
}

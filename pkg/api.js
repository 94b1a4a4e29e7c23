// The package's JavaScript face over the WebAssembly glue: it turns inputs into text and
// the library's JSON answers into plain objects. No rule logic lives here.

/** @param {import('./dist/importimage_lint.js')} raw */
export function makeApi(raw) {
  const text = (input) => {
    if (typeof input === 'string') return input;
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      // Not a request object: let the library say so, as it would for text.
      return JSON.stringify(input) ?? String(input);
    }
    return JSON.stringify(input);
  };
  const profileOf = (options) => (options && typeof options.profile === 'string' ? options.profile : undefined);
  return {
    lint(input, options) {
      let body;
      try {
        body = text(input);
      } catch (e) {
        body = '<unserialisable input>';
      }
      const report = JSON.parse(raw.lintText(body, profileOf(options)));
      if (typeof input !== 'string') {
        // Spans would point into JSON text the caller never saw.
        for (const d of report.diagnostics) d.span = null;
      }
      return report;
    },
    validateField(param, value, request, options) {
      const context = request === undefined || request === null ? undefined : text(request);
      return JSON.parse(raw.validateFieldText(String(param), String(value ?? ''), context, profileOf(options)));
    },
    lintRole(bundle, request, options) {
      const body = typeof bundle === 'string' ? bundle : JSON.stringify(bundle) ?? String(bundle);
      const req = request === undefined || request === null ? undefined : text(request);
      const report = JSON.parse(raw.lintRoleText(body, req, profileOf(options)));
      if (typeof bundle !== 'string') for (const d of report.diagnostics) d.span = null;
      return report;
    },
    rules() {
      return JSON.parse(raw.rulesText());
    },
    version: raw.version(),
  };
}

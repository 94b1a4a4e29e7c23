// The rule table, the profiles' tables and the request schemas as plain data, written by
// build.sh with the native tool (`importimage-lint rules|profiles|schema --format json`)
// into dist/tables-data.js. Each call returns a fresh copy. Kept apart from the
// WebAssembly module, which carries only what linting needs, and from index.js, so that a
// bundle that never calls these leaves the data out.
import { PROFILES, RULES, SCHEMAS } from './dist/tables-data.js';

/**
 * Every rule: id, severity, summary, why, the API error code and the facts per profile;
 * the summary and why in `options.lang` (default `en`).
 */
export function rules(options) {
  return JSON.parse(RULES[langOf(options)]);
}

/**
 * Every profile's table (parameters, lists, limits), so forms need not hard-code them; each
 * parameter's `doc` and the profile's `source` in `options.lang` (default `en`).
 */
export function profiles(options) {
  return JSON.parse(PROFILES[langOf(options)]);
}

/** `options.lang`, checked: zh-CN, zh-cn, zh_CN and zh alike, as everywhere else. */
function langOf(options) {
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw new TypeError('importimage-lint: options must be an object such as { lang: "zh-CN" }');
  }
  const tags = Object.keys(RULES);
  const given = options?.lang ?? 'en';
  if (typeof given !== 'string') throw new TypeError(`importimage-lint: options.lang must be a string, one of ${tags.join(', ')}`);
  const lang = ({ zh: 'zh-CN', 'zh-cn': 'zh-CN', en: 'en' })[given.trim().toLowerCase().replace(/_/g, '-')] ?? given;
  if (!tags.includes(lang)) throw new RangeError(`importimage-lint: unknown language \`${given}\`; choose one of ${tags.join(', ')} (also written zh-cn, zh_CN or zh)`);
  return lang;
}

/**
 * The JSON Schema of a request under a profile (default 2019-01). It accepts every JSON
 * form `lint` reads; `form` chooses which names editors offer: both (`any`, default), flat
 * API names or the nested models.
 */
export function schema(options) {
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw new TypeError('importimage-lint: options must be an object such as { profile: "current", form: "nested" }');
  }
  const ids = Object.keys(SCHEMAS);
  const profile = options?.profile ?? ids[0];
  if (typeof profile !== 'string') throw new TypeError(`importimage-lint: options.profile must be a string, one of ${ids.join(', ')}`);
  if (!ids.includes(profile)) throw new RangeError(`importimage-lint: unknown profile \`${profile}\`; choose one of ${ids.join(', ')}`);
  const form = options?.form ?? 'any';
  if (form !== 'any' && form !== 'flat' && form !== 'nested') throw new RangeError('importimage-lint: options.form must be "any", "flat" or "nested"');
  const s = JSON.parse(SCHEMAS[profile]);
  if (form !== 'any') {
    // Every form validates alike; flat hides the nested containers (a name that prefixes
    // dotted names: DiskDeviceMapping, Tag, Features) from completion, nested the dotted names.
    const names = Object.keys(s.properties);
    for (const name of names) {
      const container = names.some((n) => n.startsWith(`${name}.`));
      if (form === 'flat' ? container : name.includes('.')) s.properties[name].doNotSuggest = true;
    }
    s.title = s.title.replace('offering any names', `offering ${form} names`);
  }
  return s;
}

// Types of importimage-lint, written to match the Rust structs of the library
// (src/report.rs, RuleInfo in src/lib.rs). test/types.test.mjs checks real outputs
// against them, so they cannot drift.

/** How serious a diagnostic is; `valid` is false exactly when some diagnostic is an error. */
export type Severity = 'error' | 'warning' | 'info';

/** Where a diagnostic points: bytes, UTF-16 units (what JS strings index by), line and column. */
export interface Span {
  /** Byte offset of the first byte (UTF-8). */
  start: number;
  /** Byte offset one past the last byte. */
  end: number;
  /** 1-based line. */
  line: number;
  /** 1-based column, in Unicode code points. */
  column: number;
  /** Offset of the first UTF-16 code unit: `input.slice(utf16_start, utf16_end)`. */
  utf16_start: number;
  /** Offset one past the last UTF-16 code unit. */
  utf16_end: number;
}

/** The facts behind a diagnostic; only the fields that apply are present. */
export interface DiagnosticData {
  value?: string;
  min?: number;
  max?: number;
  actual?: number;
  unit?: 'code points' | 'UTF-16 units' | 'bytes' | 'GiB';
  allowed?: string[];
  expected?: string;
  character?: string;
  omitted?: number;
  /** On `duplicate-image-name`: the position (from 0) of the earlier request in the batch. */
  earlier?: number;
}

/** One finding. */
export interface Diagnostic {
  /** Stable kebab-case rule id, such as `image-name-length`. */
  rule: string;
  severity: Severity;
  /** The API error code this finding prevents, or null. */
  code: string | null;
  /** Flat API name such as `DiskDeviceMapping.2.DiskImageSize`, or null. */
  param: string | null;
  message: string;
  help: string | null;
  /** The replacement value, only where it is certain. */
  fix: string | null;
  data: DiagnosticData;
  /** Null for object input and for what is absent. */
  span: Span | null;
}

/** Where an effective value comes from. */
export type Source = 'given' | 'default' | 'detected';

export interface EffectiveValue {
  /** Null when the service detects it from the image. */
  value: string | null;
  source: Source;
}

/** The result of linting one request. */
export interface Report {
  valid: boolean;
  /** The rule profile that judged the request: `2019-01` or `current`. */
  profile: string;
  diagnostics: Diagnostic[];
  /** The request as the service will see it, by flat API name, in a fixed order. */
  effective: Record<string, EffectiveValue>;
}

/** A rule as `rules()` lists it. */
export interface RuleInfo {
  id: string;
  severity: Severity;
  summary: string;
  why: string;
  /** The API error code it prevents under each profile id. */
  codes: Record<string, string | null>;
  /** What each profile's table says for the rule (empty when nothing). */
  facts: Record<string, string>;
}

/** One parameter of a profile's table, as plain data. */
export interface ParamInfo {
  /** The API name, `N` standing for the index (`DiskDeviceMapping.N.Format`). */
  name: string;
  doc: string;
  kind: 'enum' | 'text' | 'integer' | 'bool' | 'region' | 'oss-bucket' | 'oss-object' | 'timestamp' | 'arn' | 'credential' | 'string';
  required: 'yes' | 'per-index' | 'no';
  /** The documented values of an enumeration. */
  values?: string[];
  /** Smallest length of a text or smallest number (first range). */
  min?: number;
  /** Largest length of a text or largest number (first range). */
  max?: number;
  /** Ranges of an integer by N: `[firstN, lastN, min, max]`. */
  ranges?: [number, number, number, number][];
  default: string | null;
  detected: boolean;
  deprecated: boolean;
}

/** A profile's table as plain data, for building forms. */
export interface ProfileInfo {
  id: ProfileId;
  source: string;
  params: ParamInfo[];
  families: { prefix: string; max: number; first_required: boolean }[];
  regions: string[];
}

export type ProfileId = '2019-01' | 'current';

export interface LintOptions {
  /** The API revision whose rules apply (default `2019-01`, the API reference). */
  profile?: ProfileId;
}

/** A request as a plain object: flat API names, nested SDK shape, or camelCase SDK names. */
export type RequestObject = Record<string, unknown>;

/** Loads the WebAssembly module (browsers and bundlers; a no-op in Node). */
export default function init(moduleOrPath?: string | URL | Request | Response | BufferSource | WebAssembly.Module): Promise<void>;

/**
 * Lints a JSON string, a query string or URL, or a request object. Never throws for bad input;
 * throws a `RangeError` for an unknown profile and a `TypeError` for options of the wrong type.
 */
export function lint(input: string | RequestObject, options?: LintOptions): Report;

/** Checks one field, such as `ImageName` or `DiskDeviceMapping.2.DiskImageSize`, in the context of the rest of a request. */
export function validateField(param: string, value: string, request?: string | RequestObject, options?: LintOptions): Diagnostic[];

/**
 * Checks the RAM role of an import offline: a role bundle (RoleName, AssumeRolePolicyDocument,
 * Policies; or RAM GetRole's output) and, with a request, that the policies' Resources cover what
 * its disks read. Params of the report are paths into the bundle.
 */
export function lintRole(bundle: string | RequestObject, request?: string | RequestObject, options?: LintOptions): Report;

/** Every rule, from the rule table. */
export function rules(): RuleInfo[];

/** Every profile's table (parameters, lists, limits), so forms need not hard-code them. */
export function profiles(): ProfileInfo[];

/** The package version. */
export function version(): string;

/* tslint:disable */
/* eslint-disable */

/**
 * Checks a RAM role bundle (JSON text), with a request (JSON or query text) or none;
 * returns the report as JSON.
 */
export function lintRoleText(bundle: string, request?: string | null, profile?: string | null): string;

/**
 * Lints a request given as text (JSON or query string); returns the report as JSON.
 */
export function lintText(input: string, profile?: string | null): string;

/**
 * Every rule with its documentation and API codes, as JSON.
 */
export function rulesText(): string;

/**
 * Checks one field in the context of a request given as JSON text; returns the
 * diagnostics as JSON.
 */
export function validateFieldText(param: string, value: string, request?: string | null, profile?: string | null): string;

/**
 * The crate's version.
 */
export function version(): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

export interface InitOutput {
    readonly memory: WebAssembly.Memory;
    readonly lintRoleText: (a: number, b: number, c: number, d: number, e: number, f: number) => [number, number];
    readonly lintText: (a: number, b: number, c: number, d: number) => [number, number];
    readonly rulesText: () => [number, number];
    readonly validateFieldText: (a: number, b: number, c: number, d: number, e: number, f: number, g: number, h: number) => [number, number];
    readonly version: () => [number, number];
    readonly __wbindgen_externrefs: WebAssembly.Table;
    readonly __wbindgen_malloc: (a: number, b: number) => number;
    readonly __wbindgen_realloc: (a: number, b: number, c: number, d: number) => number;
    readonly __wbindgen_free: (a: number, b: number, c: number) => void;
    readonly __wbindgen_start: () => void;
}

export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;

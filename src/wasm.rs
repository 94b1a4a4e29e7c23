//! The WebAssembly binding (wasm-bindgen). Thin: converts JavaScript values to the core's
//! inputs and the core's reports to plain JavaScript objects, with no rule logic.

#!/usr/bin/env bash
# Builds the npm package in pkg/ from scratch: the wasm32 target, wasm-bindgen-cli at
# exactly the version in Cargo.lock, a size-tuned release build, and wasm-opt from the
# npm package `binaryen` (Debian's older binaryen produces modules that fail to load).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

v=$(cargo pkgid -p wasm-bindgen)
v=${v##*[@#]}
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $v"; then
  echo "installing wasm-bindgen-cli $v (a few minutes, once)" >&2
  cargo install wasm-bindgen-cli --version "=$v" --locked || cargo install wasm-bindgen-cli --version "=$v"
fi

[ -x "$here/node_modules/.bin/wasm-opt" ] || (cd "$here" && npm ci --no-audit --no-fund)

cargo build -p importimage-lint-wasm --lib --profile wasm --target wasm32-unknown-unknown
rm -rf "$here/dist"
wasm-bindgen --target web --out-dir "$here/dist" --out-name importimage_lint \
  "$root/target/wasm32-unknown-unknown/wasm/importimage_lint_wasm.wasm"
"$here/node_modules/.bin/wasm-opt" -Oz --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types --enable-multivalue \
  "$here/dist/importimage_lint_bg.wasm" -o "$here/dist/importimage_lint_bg.wasm"
ls -l "$here/dist"

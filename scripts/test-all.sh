#!/usr/bin/env bash
# The project's one test command: installs what a fresh machine lacks (each step skipped
# when already present), then runs every test: Rust (unit, integration, doc), lints, the
# npm package in Node and in Chromium, the Python module (pip-installed, with the SDK), SARIF
# against the official schema, the real pre-commit tool, and each fuzz target briefly.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
# Neovim is installed below: its test must run, never skip.
export REQUIRE_NEOVIM=1
tools="$root/target/test-tools"
mkdir -p "$tools"
passed=0
step() {
  local name=$1; shift
  local t0=$SECONDS
  echo "=== $name"
  "$@"
  echo "=== $name: ok ($((SECONDS - t0)) s)"
  passed=$((passed + 1))
}

install_tools() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  command -v qemu-img > /dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends qemu-utils; }
  # sfdisk and fdisk: the image tests' judges of partition tables.
  command -v sfdisk > /dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends fdisk; }
  if [ ! -x /usr/bin/chromium ]; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium chromium-driver
  fi
  # Neovim: the language server's real client (tests/server.rs).
  command -v nvim > /dev/null || { apt-get update -qq && apt-get install -y -qq --no-install-recommends neovim; }
  (cd pkg && npm ci --no-audit --no-fund --loglevel=error)
  if [ ! -x "$tools/venv/bin/pre-commit" ] || ! "$tools/venv/bin/python" -c "import jsonschema, yaml" 2>/dev/null; then
    python3 -m venv "$tools/venv"
    "$tools/venv/bin/pip" install -q pre-commit jsonschema pyyaml
  fi
  command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
}

step "install what is missing" install_tools
step "cargo fmt --check" cargo fmt --all -- --check
step "cargo clippy" cargo clippy --all-targets -- -D warnings
step "cargo clippy (library alone, wasm32)" cargo clippy --lib --no-default-features --target wasm32-unknown-unknown -- -D warnings
step "cargo clippy (the WebAssembly binding, both modules)" bash -c \
  'cargo clippy -p importimage-lint-wasm --target wasm32-unknown-unknown -- -D warnings \
   && cargo clippy -p importimage-lint-wasm --no-default-features --target wasm32-unknown-unknown -- -D warnings'
step "cargo clippy (the Python binding)" cargo clippy -p importimage-lint-python -- -D warnings
step "cargo test" cargo test --all-targets
step "cargo test --doc" cargo test --doc
step "the integrator crate (default features off): clippy, then run" bash -c \
  'cargo clippy --locked --manifest-path tests/integrator/Cargo.toml --target-dir target/integrator -- -D warnings \
   && cargo run --locked --manifest-path tests/integrator/Cargo.toml --target-dir target/integrator'
step "rustdoc (every public item documented)" env RUSTDOCFLAGS="-D warnings -D missing_docs" cargo doc --no-deps --lib
step "build pkg/ (wasm)" bash pkg/build.sh
step "npm package in Node and Chromium" bash -c "cd pkg && node --test test/*.test.mjs"
step "real-client conformance (SDKs installed, captures regenerated and linted)" bash -c \
  'bash tests/conformance/capture.sh target/conformance/captures && CONFORMANCE_CAPTURES="$PWD/target/conformance/captures" cargo test -q --test conformance'
step "the Python module: pip install ./python in a fresh venv, pytest with the SDK's models" bash scripts/check-python.sh
step "SARIF against the official schema" bash scripts/check-sarif.sh "$tools/venv/bin/python"
step "the request JSON Schemas in Python's jsonschema" bash scripts/check-schemas.sh "$tools/venv/bin/python"
step "pre-commit hooks with the real pre-commit (both README snippets)" bash scripts/check-pre-commit.sh "$tools/venv/bin/pre-commit"
step "the README's GitHub Actions and GitLab snippets, run" bash scripts/check-ci-snippets.sh "$tools/venv/bin/python"
step "what a release publishes (cargo package, npm pack)" bash scripts/check-release.sh
step "fuzz targets, briefly" bash fuzz/run.sh "${FUZZ_SECONDS:-20}"

echo "steps: $passed passed, 0 failed"

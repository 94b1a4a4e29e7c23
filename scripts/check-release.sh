#!/usr/bin/env bash
# What a release publishes, checked: `cargo package` builds the crate from what it packs,
# with no warning, and packs the code, licenses and changelog but no fixtures, npm files or
# fuzzing; `npm pack` packs exactly the files the package needs (licenses and changelog
# included). One version everywhere is tests/readme.rs's job.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
log=$(mktemp)
# Its own target folder: a verify build in the shared one leaves fingerprints that point
# into target/package and make later builds of the working tree look fresh.
cargo package --allow-dirty --locked --target-dir "$root/target/release-check" > /dev/null 2> "$log" || { cat "$log"; echo "FAIL: cargo package"; exit 1; }
if grep -i "^warning" "$log"; then echo "FAIL: cargo package warns"; exit 1; fi
files=$(cargo package --allow-dirty --list 2>/dev/null)
for needed in src/lib.rs cli/main.rs LICENSE-MIT LICENSE-APACHE CHANGELOG.md README.md; do
  grep -qx "$needed" <<< "$files" || { echo "FAIL: the crate lacks $needed"; exit 1; }
done
if grep -E '^(tests/(fixtures|snapshots|conformance)/|pkg/|fuzz/|scripts/|target/)' <<< "$files"; then
  echo "FAIL: the crate packs what it does not need"; exit 1
fi
echo "ok: cargo package, $(wc -l <<< "$files") files, no warning"
cd pkg
npm pack --dry-run --json 2> /dev/null | node -e '
let s = ""; process.stdin.on("data", (d) => s += d).on("end", () => {
  const got = JSON.parse(s)[0].files.map((f) => f.path).sort();
  const want = ["CHANGELOG.md", "LICENSE-APACHE", "LICENSE-MIT", "README.md", "api.js", "dist/importimage_lint.js",
    "dist/tables-data.js", "dist/wasm-bytes.js", "index.cjs", "index.d.cts", "index.d.ts", "index.js", "package.json",
    "tables.js", "utf8.js", "dist/form/importimage_lint.js", "dist/form/wasm-bytes.js", "form.js", "form.cjs",
    "form.d.ts", "form.d.cts", "load.js", "inflate.js"].sort();
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    console.error("npm pack packs", got, "instead of", want);
    process.exit(1);
  }
  console.log(`ok: npm pack, exactly ${got.length} files`);
});'

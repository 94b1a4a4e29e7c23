#!/usr/bin/env bash
# The benchmarks, in one command: the library (cargo bench), the CLI as a whole process on
# 1,000 files and on 1,000,000 --ndjson lines (time and peak memory from /usr/bin/time -v),
# the npm package in Node next to the native figure of the same run, and the package size.
# Figures are medians or ratios measured in this one run; see BENCHMARKS.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH="$HOME/.cargo/bin:$PATH"
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "## library (cargo bench --bench lint)"
cargo bench -q --bench lint 2>/dev/null | tee "$work/native.txt"
cargo bench -q --bench lint -- --emit "$work" >/dev/null 2>&1
cargo build -q --release --bin importimage-lint
bin="$root/target/release/importimage-lint"

measure() { # label, command...
  local label=$1; shift
  /usr/bin/time -v "$@" > /dev/null 2> "$work/time.txt" || true
  local wall rss
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
  echo "$label: wall $wall, peak RSS $((rss / 1024)) MB"
  echo "$wall" > "$work/last-wall"
}
seconds() { awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }' "$work/last-wall"; }

# Exact instruction counts (callgrind; repeatable on a loaded machine): one pass over the
# corpus's JSON requests per mode, minus the run that only builds the corpus.
echo
echo "## library, instructions per JSON request (valgrind --tool=callgrind)"
if command -v valgrind > /dev/null; then
  benchbin=$(cargo bench --bench lint --no-run 2>&1 | sed -n 's/.*(\(.*lint-[0-9a-f]*\))$/\1/p' | tail -1)
  for what in none parse lint verdict report report-serde; do
    rounds=$([ "$what" = none ] && echo 0 || echo 1)
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.$what" "$benchbin" --profile "$rounds" --what "$what" 2> "$work/cg.$what.log" &
  done
  wait
  node -e '
    const fs = require("fs");
    const ir = (w) => Number(fs.readFileSync(`${process.argv[1]}/cg.${w}.log`, "utf8").match(/Collected : (\d+)/)[1]);
    const n = Number(fs.readFileSync(`${process.argv[1]}/cg.lint.log`, "utf8").match(/(\d+) requests/)[1]);
    const per = (w) => (ir(w) - ir("none")) / n;
    const p = per("parse");
    for (const [w, label] of [["parse", "serde_json::from_str::<Value>"], ["lint", "lint_json"], ["verdict", "is_valid_json (verdict only)"], ["report", "lint_json + Report::to_json"], ["report-serde", "lint_json + serde_json::to_string"]])
      console.log(`${label.padEnd(36)} ${per(w).toFixed(0).padStart(7)} instructions/request  ${(per(w) / p).toFixed(2)}x the parse`);
  ' "$work"
else
  echo "valgrind is not installed: skipped"
fi

echo
echo "## CLI, whole process"
measure "1,000 request files (--format json)" "$bin" --format json "$work/files"
s=$(seconds); awk -v s="$s" 'BEGIN { printf "  %.0f files/s\n", 1000 / (s > 0 ? s : 0.001) }'

# --ndjson on the library's own corpus (its 14,000 JSON requests, 50 times), one thread and
# every core, next to the library's single-thread report throughput (lint + JSON string)
# measured by cargo bench above.
for _ in $(seq 50); do cat "$work/json-corpus.ndjson"; done > "$work/corpus50.ndjson"
lines=$(wc -l < "$work/corpus50.ndjson")
library=$(sed -n 's/^ *lint_json + report to JSON string *\([0-9]*\) requests\/s.*/\1/p' "$work/native.txt")
for t in 1 0; do
  label=$([ "$t" = 1 ] && echo "one thread" || echo "every core")
  measure "--ndjson, the corpus x50 ($lines lines), $label" "$bin" --ndjson --format json --threads "$t" "$work/corpus50.ndjson"
  s=$(seconds); awk -v s="$s" -v n="$lines" -v lib="$library" 'BEGIN { r = n / (s > 0 ? s : 0.001); printf "  %.0f lines/s = %.2fx the library'"'"'s report throughput (%d requests/s)\n", r, r / lib, lib }'
done
rm "$work/corpus50.ndjson"

for _ in $(seq 1000); do cat "$work/nameless-1000.ndjson"; done > "$work/nameless.ndjson"
measure "--ndjson, 1,000,000 lines without ImageName" "$bin" --ndjson --format json "$work/nameless.ndjson"
s=$(seconds); awk -v s="$s" 'BEGIN { printf "  %.0f lines/s\n", 1000000 / (s > 0 ? s : 0.001) }'
rm "$work/nameless.ndjson"
for i in $(seq 1000); do sed "s/\"ImageName\": \"/\"ImageName\": \"b$i-/" "$work/named-1000.ndjson"; done > "$work/named.ndjson"
measure "--ndjson, 1,000,000 lines with distinct ImageNames" "$bin" --ndjson --format json "$work/named.ndjson"
rm "$work/named.ndjson"

# Shell scripts: the whole process's time per MB as the commands per file grow (the same
# commands as benches/lint.rs `script`); flat means linear. The library's figure from 1
# command per file up is in the cargo bench output above.
echo
echo "## CLI, one shell script of N aliyun commands (--format json; median of 3 runs)"
base=""
for n in 1000 4000 20000; do
  f="$work/commands-$n.sh"
  { printf '#!/usr/bin/env bash\nset -euo pipefail\n'
    for i in $(seq 0 $((n - 1))); do
      printf '# image %d\naliyun --profile prod ecs ImportImage --RegionId cn-hangzhou --ImageName img-%d --OSType linux \\\n  --DiskDeviceMapping.1.OSSBucket=ecsimageos --DiskDeviceMapping.1.OSSObject "img-%d.qcow2" \\\n  --Description "$NOTE" --sts-token "$STS" --output cols=ImageId rows=ImageId\n' "$i" "$i" "$i"
    done; } > "$f"
  bytes=$(wc -c < "$f")
  ns=$(for _ in 1 2 3; do s=$(date +%s%N); "$bin" --format json "$f" > /dev/null || true; e=$(date +%s%N); echo $((e - s)); done | sort -n | sed -n 2p)
  per=$(awk -v ns="$ns" -v b="$bytes" 'BEGIN { printf "%.3f", ns / 1e9 / (b / 1e6) }')
  base=${base:-$per}
  awk -v n="$n" -v b="$bytes" -v p="$per" -v base="$base" 'BEGIN { printf "%6d commands (%8d bytes): %.3f s/MB, %.2fx the 1,000-command cost per byte\n", n, b, p, p / base }'
  rm "$f"
done

echo
echo "## image pre-flight: a 100 GB sparse image (bytes read, median time of 5 runs)"
if command -v qemu-img > /dev/null; then
  qemu-img create -q -f qcow2 "$work/big.qcow2" 100G
  truncate -s 100G "$work/big.raw"
  for f in big.qcow2 big.raw; do
    times=$(for _ in 1 2 3 4 5; do s=$(date +%s%N); "$bin" image --format json "$work/$f" > "$work/image.json"; e=$(date +%s%N); echo $(( (e - s) / 1000 )); done | sort -n | sed -n 3p)
    node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[0].image; console.log(`${process.argv[2]}: ${r.format}, virtual size ${r.virtual_size} bytes; read ${r.bytes_read} bytes in ${r.reads} reads; whole process ${process.argv[3]} µs (median)`)' "$work/image.json" "$f" "$times"
  done
  rm -f "$work/big.qcow2" "$work/big.raw"
else
  echo "qemu-img is not installed: skipped"
fi

echo
echo "## npm package in Node (WebAssembly)"
[ -f pkg/dist/importimage_lint_bg.wasm ] || bash pkg/build.sh > /dev/null
node pkg/bench.mjs "$work/json-corpus.ndjson" | tee "$work/node.txt"
native_ns=$(sed -n 's/^lint_json *\([0-9]*\) ns\/request.*/\1/p' "$work/native.txt")
wasm_rps=$(sed -n 's/^wasm lint(JSON string) *\([0-9]*\) requests\/s.*/\1/p' "$work/node.txt")
awk -v ns="$native_ns" -v w="$wasm_rps" 'BEGIN { n = 1e9 / ns; printf "native lint_json in this run: %.0f requests/s; WASM in Node reaches %.0f%% of it\n", n, 100 * w / n }'

echo
echo "## package size"
w=pkg/dist/form/importimage_lint_bg.wasm
echo "importimage-lint/form .wasm: $(wc -c < "$w") bytes raw, $(gzip -9c "$w" | wc -c) gzipped"
wasm=pkg/dist/importimage_lint_bg.wasm
glue=pkg/dist/importimage_lint.js
raw_w=$(wc -c < "$wasm"); gz_w=$(gzip -9c "$wasm" | wc -c)
js=("$glue" pkg/index.js pkg/load.js pkg/inflate.js pkg/api.js pkg/utf8.js)
raw_g=$(cat "${js[@]}" | wc -c); gz_g=$(cat "${js[@]}" | gzip -9c | wc -c)
echo ".wasm: $raw_w bytes raw, $gz_w gzipped"
echo "JS glue (generated glue + index.js + load.js + inflate.js + api.js + utf8.js): $raw_g bytes raw, $gz_g gzipped"
echo "wasm + glue gzipped: $((gz_w + gz_g)) bytes ($(( (gz_w + gz_g) / 1024 )) KiB; target 60 KB)"
# What a bundle carries: the module embedded deflated and base64 (dist/wasm-bytes.js) and the JS.
shipped=$(cat pkg/dist/wasm-bytes.js "${js[@]}" | gzip -9c | wc -c)
echo "as shipped (deflated base64 module + JS) gzipped: $shipped bytes ($(( shipped / 1024 )) KiB)"
# First use in a fresh Node process: importing the entry (parsing its JavaScript), then the
# first lint (base64 decode, inflate, compile), medians of 7 processes.
for entry in form index; do
  for _ in 1 2 3 4 5 6 7; do
    node --input-type=module -e '
const t0 = performance.now();
const m = await import(process.argv[1]);
const t1 = performance.now();
m.lint("{}");
const t2 = performance.now();
console.log((t1 - t0).toFixed(1), (t2 - t1).toFixed(1));' "$PWD/pkg/$entry.js"
  done | sort -n -k2 | sed -n 4p | awk -v e="$entry" '{ printf "first use of %s.js in a fresh Node process: import %s ms, first lint %s ms (median of 7 by first lint)\n", e, $1, $2 }'
done

# What a console's page carries: each entry's browser bundle by esbuild (minified, ESM,
# gzip -9 and brotli), next to Ajv compiling the product's schema (the peer in the table).
echo
echo "## browser bundles (esbuild --bundle --minify, platform browser)"
[ -x pkg/node_modules/.bin/esbuild ] || (cd pkg && npm ci --no-audit --no-fund > /dev/null)
cargo run -q --bin importimage-lint -- schema --form flat > "$work/schema.flat.json"
entries=$(mktemp -d -p pkg .bench-entries.XXXXXX)
trap 'rm -rf "$work" "$entries"' EXIT
cp "$work/schema.flat.json" "$entries/schema.flat.json"
bundle() { # label, entry source
  printf '%s\n' "$2" > "$entries/entry.js"
  pkg/node_modules/.bin/esbuild "$entries/entry.js" --bundle --minify --format=esm --platform=browser \
    --target=es2020 --log-level=error --outfile="$entries/out.js"
  local raw gz br
  raw=$(wc -c < "$entries/out.js"); gz=$(gzip -9c "$entries/out.js" | wc -c)
  br=$(node -e 'const z=require("zlib");process.stdout.write(String(z.brotliCompressSync(require("fs").readFileSync(process.argv[1])).length))' "$entries/out.js")
  printf '%-58s %8d B raw %8d B gzip (%3d KiB) %8d B brotli\n' "$1" "$raw" "$gz" $((gz / 1024)) "$br"
}
bundle "import { lint, validateField } from 'importimage-lint/form'" "export { lint, validateField } from '../form.js';"
bundle "import { lint, validateField } from 'importimage-lint'" "export { lint, validateField } from '../index.js';"
bundle "import { inspectImage } from 'importimage-lint'" "export { inspectImage } from '../index.js';"
bundle "import { rules, profiles } from 'importimage-lint'" "export { rules, profiles } from '../index.js';"
bundle "import { schema } from 'importimage-lint'" "export { schema } from '../index.js';"
bundle "import { diagnosticsByField } from 'importimage-lint/form'" "export { diagnosticsByField } from '../form.js';"
bundle "Ajv (draft 2020-12, allErrors) + the product's schema" "import Ajv2020 from 'ajv/dist/2020.js';
import schema from './schema.flat.json';
export const validate = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: true }).compile(schema);"

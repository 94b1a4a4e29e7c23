#!/usr/bin/env bash
# Runs every fuzz target for a few seconds (argument: seconds per target, default 20),
# seeded from the test fixtures, with a dictionary of parameter names. Uses the nightly
# toolchain where one is installed, else stable with RUSTC_BOOTSTRAP=1, so it never
# fetches a toolchain. A crash fails the run; minimise it into a test under tests/.
set -euo pipefail
secs=${1:-20}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$here"
if rustup toolchain list | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
fi
targets=$(sed -n 's/^name = "\([a-z_]*\)"$/\1/p' Cargo.toml | grep -v importimage)
for t in $targets; do
  mkdir -p "corpus/$t"
  for f in "$root"/tests/fixtures/*/* "$root"/tests/fixtures/batch.ndjson "$root"/examples/* "$root"/tests/fixtures/role/*; do
    [ -f "$f" ] && cp "$f" "corpus/$t/seed-$(basename "$f")"
  done
done
# Seeds for the image inspector: the first 4 KB of small images of each format, where
# qemu-img is installed (the inputs are capped at 4 KB; the claimed length does the rest).
if command -v qemu-img > /dev/null; then
  tmp=$(mktemp -d)
  # A seed: the claimed length (little-endian), then the head of the file.
  seed() { # image, seed file
    python3 -c "import struct,sys; sys.stdout.buffer.write(struct.pack('<Q', $(stat -c %s "$1")))" > "$2"
    head -c 4088 "$1" >> "$2"
  }
  for spec in "qcow2 -o compat=1.1" "qcow2 -o compat=0.10" "vpc -o subformat=dynamic" "vmdk" "vhdx" "vdi" "qed" "parallels" "qcow"; do
    set -- $spec
    qemu-img create -q -f $spec "$tmp/img" 1G 2>/dev/null || continue
    seed "$tmp/img" "corpus/inspect_image/seed-$1-$RANDOM"
  done
  # A disk with an MBR, every cluster compressed, small enough (3 KB) to be a seed whole:
  # the inflating path from the first input on.
  python3 -c "f = open('$tmp/mbr', 'wb'); f.truncate(1 << 20); f.seek(450); f.write(b'\x83'); f.seek(510); f.write(b'\x55\xaa')"
  if qemu-img convert -q -f raw -O qcow2 -c -o cluster_size=512 "$tmp/mbr" "$tmp/c.qcow2" 2>/dev/null; then
    seed "$tmp/c.qcow2" corpus/inspect_image/seed-compressed-qcow2
  fi
  rm -rf "$tmp"
fi
"${fuzz[@]}" build -O
for t in $targets; do
  echo "--- fuzz $t for ${secs}s"
  status=0
  "${fuzz[@]}" run -O "$t" -- -max_total_time="$secs" -dict="$here/params.dict" -max_len=4096 -timeout=10 \
    -rss_limit_mb=2048 > "$here/last-$t.log" 2>&1 || status=$?
  grep -E '^(Done [0-9]+ runs|INFO: seed corpus|==[0-9]+==|SUMMARY|.*panicked)' "$here/last-$t.log" || true
  if [ "$status" -ne 0 ]; then
    tail -40 "$here/last-$t.log"; echo "fuzz target $t failed (exit $status): see fuzz/artifacts/$t"; exit 1
  fi
  if [ -d "artifacts/$t" ] && ls "artifacts/$t"/crash-* "artifacts/$t"/timeout-* "artifacts/$t"/oom-* >/dev/null 2>&1; then
    echo "fuzz target $t found a failure: see fuzz/artifacts/$t"; exit 1
  fi
done

#!/usr/bin/env bash
# Proves the pre-commit hooks with the real `pre-commit` from PyPI, using the README's two
# snippets as pasted:
#  1. the remote hook (`language: rust`): the snippet with its repo URL pointed at this
#     repository and `rev` at its HEAD commit (nothing here reaches GitHub); a bad request
#     blocks the commit with file:line:col output, a good one passes, other files are left
#     alone. The first run builds the binary: its time is printed.
#  2. the local hook (`language: system`), verbatim, with an installed binary on PATH: the
#     same verdicts, and the first run's time, which needs no compiler.
set -euo pipefail
pre_commit=${1:-pre-commit}
root=$(cd "$(dirname "$0")/.." && pwd)
sha=$(git -C "$root" rev-parse HEAD)
work=$(mktemp -d)
export PRE_COMMIT_HOME="$work/cache"
trap 'rm -rf "$work"' EXIT

# The README's YAML block that follows the line starting with $1.
snippet() {
  awk -v mark="$1" '
    index($0, mark) == 1 { armed = 1; next }
    armed && /^```yaml$/ { inside = 1; next }
    inside && /^```$/ { exit }
    inside { print }
  ' "$root/README.md"
}

# Runs the three commits in a fresh repository with this config; prints the first run's time.
prove() {
  local name=$1 config=$2
  local repo="$work/$name"
  mkdir -p "$repo/requests"
  cd "$repo"
  git init -q
  git config user.email ci@example.com
  git config user.name ci
  printf '%s\n' "$config" > .pre-commit-config.yaml
  "$pre_commit" install > /dev/null
  git add .pre-commit-config.yaml
  git commit -qm "config" --no-verify

  cp "$root/examples/bad-import-image.json" requests/web.import-image.json
  git add requests/web.import-image.json
  local t0 t1
  t0=$(date +%s.%N)
  if git commit -m "bad request" > "$work/bad.log" 2>&1; then
    cat "$work/bad.log"; echo "FAIL ($name): the bad request was committed"; exit 1
  fi
  t1=$(date +%s.%N)
  grep -q "requests/web.import-image.json:3:16: error\[image-name-characters\]" "$work/bad.log" \
    || { cat "$work/bad.log"; echo "FAIL ($name): no file:line:col output"; exit 1; }
  echo "ok ($name): the bad request blocks the commit; first run $(echo "$t1 - $t0" | bc) s"

  cp "$root/examples/import-image.json" requests/web.import-image.json
  git add requests/web.import-image.json
  t0=$(date +%s.%N)
  git commit -qm "good request" > "$work/good.log" 2>&1 || { cat "$work/good.log"; echo "FAIL ($name): the good request was blocked"; exit 1; }
  t1=$(date +%s.%N)
  [ "$(git log -1 --format=%s)" = "good request" ] || { echo "FAIL ($name): no good commit"; exit 1; }
  echo "ok ($name): the good request is committed; a later run $(echo "$t1 - $t0" | bc) s"

  # Terraform files and shell scripts: a resource or a command with mistakes blocks the
  # commit; a Terraform file without one is passed.
  mkdir -p infra
  cp "$root/tests/fixtures/terraform/mistakes.tf" infra/images.tf
  printf 'resource "alicloud_vpc" "v" {\n  vpc_name = "v"\n}\n' > infra/network.tf
  git add infra
  if git commit -m "terraform" > "$work/tf.log" 2>&1; then
    cat "$work/tf.log"; echo "FAIL ($name): the Terraform mistakes were committed"; exit 1
  fi
  grep -q "infra/images.tf:19:23: error\[disk-image-size\]" "$work/tf.log" \
    || { cat "$work/tf.log"; echo "FAIL ($name): no file:line:col for the Terraform file"; exit 1; }
  cp "$root/tests/fixtures/terraform/provider-docs.tf" infra/images.tf
  git add infra
  git commit -qm "terraform fixed" > "$work/tf2.log" 2>&1 || { cat "$work/tf2.log"; echo "FAIL ($name): good Terraform was blocked"; exit 1; }
  cp "$root/tests/fixtures/shell/import-images.sh" import.sh
  git add import.sh
  if git commit -m "script" > "$work/sh.log" 2>&1; then
    cat "$work/sh.log"; echo "FAIL ($name): the script's mistakes were committed"; exit 1
  fi
  grep -q "import.sh:18:56: error\[image-name-characters\]" "$work/sh.log" \
    || { cat "$work/sh.log"; echo "FAIL ($name): no file:line:col for the script"; exit 1; }
  git rm -q --cached import.sh && rm import.sh
  echo "ok ($name): Terraform files and shell scripts are linted, other .tf files pass"

  # A Packer template's alicloud-import post-processor with mistakes blocks the commit.
  mkdir -p packer
  cp "$root/tests/fixtures/packer/import.pkr.hcl" packer/image.pkr.hcl
  git add packer
  if git commit -m "packer" > "$work/pkr.log" 2>&1; then
    cat "$work/pkr.log"; echo "FAIL ($name): the Packer template's mistakes were committed"; exit 1
  fi
  grep -q "packer/image.pkr.hcl:25:26: error\[architecture\]" "$work/pkr.log" \
    || { cat "$work/pkr.log"; echo "FAIL ($name): no file:line:col for the Packer template"; exit 1; }
  git rm -q -r --cached packer && rm -r packer
  echo "ok ($name): Packer templates are linted"

  cp "$root/examples/bad-import-image.json" notes.json
  git add notes.json
  git commit -qm "not a request file" > "$work/other.log" 2>&1 || { cat "$work/other.log"; echo "FAIL ($name): a file outside the pattern was linted"; exit 1; }
  echo "ok ($name): files outside the hook's pattern are left alone"
}

remote=$(snippet "Paste into \`.pre-commit-config.yaml\`")
grep -q "rev: v" <<< "$remote" || { echo "FAIL: the README's remote snippet has no rev"; exit 1; }
remote=$(sed -e "s|repo: https://github.com/.*|repo: $root|" -e "s|rev: .*|rev: $sha|" <<< "$remote")
prove rust "$remote"

local_hook=$(snippet "A team that installs the binary")
grep -q "language: system" <<< "$local_hook" || { echo "FAIL: the README's local snippet is not language: system"; exit 1; }
cargo build -q --bin importimage-lint --manifest-path "$root/Cargo.toml"
PATH="$root/target/debug:$PATH" prove system "$local_hook"

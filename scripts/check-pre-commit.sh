#!/usr/bin/env bash
# Proves the pre-commit hook with the real `pre-commit` from PyPI: a temporary git
# repository whose .pre-commit-config.yaml points at this repository and its HEAD commit;
# a bad request file blocks the commit with file:line:col output, a good one passes.
set -euo pipefail
pre_commit=${1:-pre-commit}
root=$(cd "$(dirname "$0")/.." && pwd)
sha=$(git -C "$root" rev-parse HEAD)
work=$(mktemp -d)
export PRE_COMMIT_HOME="$work/cache"
trap 'rm -rf "$work"' EXIT
repo="$work/repo"
mkdir -p "$repo/requests"
cd "$repo"
git init -q
git config user.email ci@example.com
git config user.name ci
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $sha
    hooks:
      - id: importimage-lint
YAML
"$pre_commit" install > /dev/null
git add .pre-commit-config.yaml
git commit -qm "config" --no-verify

cp "$root/examples/bad-import-image.json" requests/web.import-image.json
git add requests/web.import-image.json
if git commit -m "bad request" > "$work/bad.log" 2>&1; then
  cat "$work/bad.log"; echo "FAIL: the bad request was committed"; exit 1
fi
grep -q "requests/web.import-image.json:3:16: error\[image-name-characters\]" "$work/bad.log" \
  || { cat "$work/bad.log"; echo "FAIL: no file:line:col output"; exit 1; }
echo "ok: the bad request blocks the commit"
sed -n '1,5p' "$work/bad.log" | grep -v '^$' || true

cp "$root/examples/import-image.json" requests/web.import-image.json
git add requests/web.import-image.json
git commit -qm "good request" > "$work/good.log" 2>&1 || { cat "$work/good.log"; echo "FAIL: the good request was blocked"; exit 1; }
git log --oneline | grep -q "good request"
echo "ok: the good request is committed"

cp "$root/examples/bad-import-image.json" notes.json
git add notes.json
git commit -qm "not a request file" > "$work/other.log" 2>&1 || { cat "$work/other.log"; echo "FAIL: a file outside the pattern was linted"; exit 1; }
echo "ok: files outside the hook's pattern are left alone"

#!/usr/bin/env bash
# Captures, for every case of cases.json, what Alibaba Cloud's own clients build and send:
# models, flat dicts and wire requests received by a local server on 127.0.0.1. Installs
# the clients pinned (python/requirements.txt into a virtualenv under target/, node/
# package-lock.json with npm ci), each only when missing.
#
# Usage: tests/conformance/capture.sh [OUT_DIR]   (default: tests/conformance/captures)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$(realpath -m "${1:-$here/captures}")
work="$root/target/conformance"
mkdir -p "$work"

venv="$work/venv"
if ! "$venv/bin/python" -c 'import alibabacloud_ecs20140526, aliyunsdkecs' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r "$here/python/requirements.txt"
fi
if [ ! -d "$here/node/node_modules/@alicloud/ecs20140526" ]; then
  (cd "$here/node" && npm ci --no-audit --no-fund --loglevel=error)
fi

port=$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
records="$work/wire.jsonl"
: > "$records"
"$venv/bin/python" "$here/server.py" "$port" "$records" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  "$venv/bin/python" -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
  sleep 0.1
done

rm -rf "$out"
mkdir -p "$out"
(cd "$here" && "$venv/bin/python" capture_python.py cases.json "$out" "$port" "$records")
node "$here/node/capture.mjs" "$here/cases.json" "$out" "$port" "$records"
echo "captured $(find "$out" -type f | wc -l) files for $(find "$out" -mindepth 1 -maxdepth 1 -type d | wc -l) cases in $out"

#!/usr/bin/env bash
# The Python module as a user gets it: `pip install ./python` into a fresh virtualenv (maturin
# from PyPI is the PEP 517 backend, pip fetches it), with pytest and Alibaba Cloud's Python SDK
# pinned as tests/conformance pins it, then python/tests run against the installed package,
# and mypy checks the types: the package under --strict, the stubs against the compiled module.
#
# The module is built with cargo's dev profile (MATURIN_PEP517_ARGS): the same code as a
# release wheel, without the release profile's LTO, which takes minutes on two cores. A plain
# `pip install ./python` builds it in release.
#
# Usage: scripts/check-python.sh [VENV_DIR]   (default: target/test-tools/python-module)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
venv=$(realpath -m "${1:-$root/target/test-tools/python-module}")
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check \
  -c tests/conformance/python/requirements.txt alibabacloud_ecs20140526 pytest==9.2.0 mypy==2.4.1
MATURIN_PEP517_ARGS="--profile dev" "$venv/bin/pip" install -q --disable-pip-version-check ./python
# The command's JSON report is the oracle of Report.to_dict().
cargo build -q --bin importimage-lint
cd "$venv"  # import the installed package, never the source folder
PYTHONDONTWRITEBYTECODE=1 IMPORTIMAGE_LINT_CLI="$root/target/debug/importimage-lint" \
  "$venv/bin/python" -m pytest -q -p no:cacheprovider -rs "$root/python/tests"
"$venv/bin/python" -m mypy --strict --no-incremental -p importimage_lint
"$venv/bin/python" -m mypy.stubtest importimage_lint._native

#!/usr/bin/env bash
# Checks the JSON Schemas `importimage-lint schema` prints with Python's jsonschema (a
# validator nobody here wrote, using Python's own regular expressions): each is valid
# draft 2020-12; the bundled examples validate as the linter judges them; and no request
# fixture and no real-client capture (target/conformance/captures when the test command
# regenerated them, else tests/conformance/captures) that the linter accepts is rejected,
# under each profile, by the schema the README gives editors.
set -euo pipefail
python=${1:-python3}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build -q --bin importimage-lint
bin=target/debug/importimage-lint
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for profile in 2019-01 current; do
  for form in any flat nested; do
    "$bin" schema --profile "$profile" --form "$form" > "$out/$profile.$form.json"
  done
done
captures=tests/conformance/captures
[ -d target/conformance/captures ] && captures=target/conformance/captures
"$python" - "$out" "$bin" "$captures" <<'PY'
import json, pathlib, subprocess, sys
from jsonschema import Draft202012Validator
out, bin, captures = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3])

def verdicts(paths, profile):
    run = subprocess.run([bin, "--format", "json", "--exit-zero", "--profile", profile, *map(str, paths)],
                         capture_output=True, check=True)
    return {r["path"]: r["valid"] for r in json.loads(run.stdout)}

# Requests only: role bundles and Packer templates (which the linter reads as templates,
# each post-processor a request of its own) are not request documents.
def is_template(p):
    try:
        doc = json.loads(p.read_text())
    except ValueError:
        return False
    return isinstance(doc, dict) and ("post-processors" in doc or "build" in doc)
fixtures = sorted(p for p in pathlib.Path("tests/fixtures").rglob("*.json")
                  if "role" not in p.parts and "packer" not in p.parts and not is_template(p))
capture_files = sorted(captures.rglob("*.json"))
for f in sorted(out.glob("*.json")):
    schema = json.load(open(f))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    profile = f.name.rsplit(".", 2)[0]
    print(f"{f.name}: valid draft 2020-12")
    for example in ["examples/import-image.json", "examples/bad-import-image.json"]:
        doc = json.load(open(example))
        lint = subprocess.run([bin, "--profile", profile, example], capture_output=True)
        assert validator.is_valid(doc) == (lint.returncode == 0), (f.name, example)
    mine = [p for p in fixtures if p.name.startswith("current.") == (profile == "current")]
    files = mine + capture_files
    valid = verdicts(files, profile)
    accepted = flagged = 0
    for p in files:
        try:
            doc = json.loads(p.read_text())
        except ValueError:
            assert not valid[str(p)], p  # not JSON: the linter rejects it too
            continue
        errors = [e.message for e in validator.iter_errors(doc)]
        if valid[str(p)]:
            accepted += 1
            assert not errors, f"{f.name}: the linter accepts {p}, the schema says {errors[:3]}"
        elif errors:
            flagged += 1
    assert accepted > 80, accepted
    print(f"  {accepted} accepted fixtures and captures pass; the schema flags {flagged} of the rejected ones")
PY

#!/usr/bin/env bash
# Checks the README's GitHub Actions workflow and GitLab job as far as this machine allows:
# the YAML parses and is wired up (SARIF upload reads the file the lint step writes, GitLab's
# codequality report names the file the lint step writes, the install step installs this
# package at the tag of this version), and every step that runs importimage-lint is run, as
# written, on a folder with a bad and a good request; SARIF is validated against the
# official schema, the GitLab report's fields are checked, and the exit codes are the ones
# the README promises. GitHub, GitLab and the network are what is left out.
set -euo pipefail
python=${1:-python3}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build -q --bin importimage-lint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/requests"
cp examples/bad-import-image.json "$work/requests/web.import-image.json"
cp examples/import-image.json "$work/requests/db.import-image.json"
PATH="$root/target/debug:$PATH" "$python" - "$root" "$work" <<'PY'
import json, re, subprocess, sys, pathlib, tomllib
import yaml
from jsonschema import Draft4Validator

root, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
readme = (root / "README.md").read_text()
cargo = tomllib.loads((root / "Cargo.toml").read_text())["package"]

def block(heading):
    rest = readme[readme.index(heading + "\n"):]
    m = re.search(r"```yaml\n(.*?)```", rest, re.S)
    return yaml.safe_load(m.group(1))

def check_install(cmd):
    assert f"--git {cargo['repository']}" in cmd, cmd
    assert f"--tag v{cargo['version']}" in cmd, cmd
    assert cmd.split()[-1] == cargo["name"], cmd

def run(cmd):
    print(f"  $ {cmd}")
    return subprocess.run(["bash", "-c", cmd], cwd=work, capture_output=True, text=True)

sarif_schema = Draft4Validator(json.load(open(root / "tests/schemas/sarif-schema-2.1.0.json")))

# GitHub Actions.
wf = block("### GitHub Actions with code scanning")
job = next(iter(wf["jobs"].values()))
assert job["permissions"]["security-events"] == "write", "code scanning needs security-events: write"
steps = job["steps"]
assert steps[0]["uses"].startswith("actions/checkout@")
upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
sarif_file = upload["with"]["sarif_file"]
runs = [s["run"] for s in steps if "run" in s]
check_install(next(r for r in runs if r.startswith("cargo install")))
lint_steps = [r for r in runs if r.startswith("importimage-lint")]
assert lint_steps.index(next(r for r in lint_steps if f"> {sarif_file}" in r)) < len(lint_steps)
print("GitHub Actions workflow:")
for cmd in lint_steps:
    p = run(cmd)
    if f"> {sarif_file}" in cmd:
        assert p.returncode == 0, f"the SARIF step must not fail the job: {p.stderr}"
        log = json.load(open(work / sarif_file))
        errors = list(sarif_schema.iter_errors(log))
        assert not errors, errors[:3]
        results = log["runs"][0]["results"]
        assert results and all(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("requests/") for r in results)
        print(f"    exit 0, {sarif_file}: valid SARIF 2.1.0, {len(results)} results with relative URIs")
    else:
        assert p.returncode == 1, f"the annotation step fails the job on errors: {p.returncode}"
        notes = [l for l in p.stdout.splitlines() if l.startswith("::error file=requests/web.import-image.json,line=")]
        assert notes, p.stdout
        print(f"    exit 1, {len(notes)} error annotations")

# GitLab CI.
gl = block("### GitLab CI")
job = next(iter(gl.values()))
report = job["artifacts"]["reports"]["codequality"]
assert job["artifacts"].get("when") == "always", "the report must upload when the job fails"
check_install(next(c for c in job["script"] if c.startswith("cargo install")))
print("GitLab job:")
for cmd in [c for c in job["script"] if c.startswith("importimage-lint")]:
    p = run(cmd)
    if f"> {report}" in cmd:
        assert p.returncode == 0, p.stderr
        issues = json.load(open(work / report))
        assert isinstance(issues, list) and issues
        for i in issues:
            assert set(i) >= {"description", "check_name", "fingerprint", "severity", "location"}, i
            assert i["severity"] in {"info", "minor", "major", "critical", "blocker"}
            assert i["location"]["path"].startswith("requests/") and i["location"]["lines"]["begin"] >= 1
        assert len({i["fingerprint"] for i in issues}) == len(issues), "fingerprints are unique"
        print(f"    exit 0, {report}: {len(issues)} issues, fields as GitLab reads them")
    else:
        assert p.returncode == 1, p.returncode
        assert "requests/web.import-image.json:3:16: error[image-name-characters]" in p.stdout, p.stdout
        print("    exit 1, file:line:col findings")
print("ok: the README's CI snippets")
PY

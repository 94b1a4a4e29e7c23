"""The Python module as a Python tool uses it: installed with `pip install ./python` into a
fresh virtualenv (scripts/test-all.sh), with Alibaba Cloud's own SDK model classes
(alibabacloud_ecs20140526, pinned as tests/conformance pins it), qemu-img's images and, when
IMPORTIMAGE_LINT_CLI names the built command, the command's JSON report as the oracle of
`Report.to_dict()`."""

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

import importimage_lint as il
from alibabacloud_ecs20140526 import models as sdk

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "conformance"))
from wire import split  # noqa: E402  (the conformance suite's flat → nested split)

VALID = {
    "RegionId": "cn-hangzhou",
    "ImageName": "centos-7",
    "DiskDeviceMapping": [{"OSSBucket": "ecsimageos", "OSSObject": "centos7.qcow2", "Format": "qcow2"}],
}
INVALID = {
    "RegionId": "cn-hangzhou",
    "ImageName": "centos 7",
    "DiskDeviceMapping": [{"OSSBucket": "ecsimageos", "OSSObject": "centos7.qcow2", "DiskImageSize": 600}],
}
INVALID_FOUND = [
    ("image-name-characters", "ImageName"),
    ("disk-image-size", "DiskDeviceMapping.1.DiskImageSize"),
]
ROLE = {
    "RoleName": "AliyunECSImageImportDefaultRole",
    "AssumeRolePolicyDocument": json.dumps({
        "Statement": [{"Action": "sts:AssumeRole", "Effect": "Allow",
                       "Principal": {"Service": ["ecs.aliyuncs.com"]}}],
        "Version": "1",
    }),
    "Policies": [{"PolicyName": "AliyunECSImageImportRolePolicy", "PolicyType": "System"}],
}
HAN = re.compile("[\u4e00-\u9fff]")


def found(report_or_list):
    ds = report_or_list.diagnostics if isinstance(report_or_list, il.Report) else report_or_list
    return [(d.rule, d.param) for d in ds]


def sdk_request(nested):
    """The SDK's own model, filled by its own from_map from API names."""
    return sdk.ImportImageRequest().from_map(nested)


def nested_of(flat):
    """A conformance case's flat parameters in the SDK models' shape."""
    top, disks, tags, features = split(flat)
    nested = dict(top)
    if disks:
        nested["DiskDeviceMapping"] = disks
    if tags:
        nested["Tag"] = tags
    if features:
        nested["Features"] = features
    return nested


# --- lint: every input form --------------------------------------------------------------


@pytest.mark.parametrize("form", ["dict", "json", "bytes", "sdk"])
def test_lint_valid_and_invalid_in_every_form(form):
    def as_form(request):
        return {
            "dict": lambda r: r,
            "json": json.dumps,
            "bytes": lambda r: json.dumps(r).encode(),
            "sdk": sdk_request,
        }[form](request)

    good = il.lint(as_form(VALID))
    assert good.valid, [str(d) for d in good.diagnostics]
    assert good.errors == []
    bad = il.lint(as_form(INVALID))
    assert not bad.valid
    # Ordered by position in the input: to_map() writes the SDK's keys in its own order.
    assert sorted(found(bad)) == sorted(INVALID_FOUND)
    size = next(d for d in bad.diagnostics if d.rule == "disk-image-size")
    assert size.severity == "error"
    assert size.code == "InvalidImageSize"
    assert "500" in size.message and size.help
    assert size.data["max"] == 500
    assert next(d for d in bad.diagnostics if d.rule == "image-name-characters").code == "InvalidImageName.Malformed"


def test_sdk_model_is_read_in_its_own_spellings():
    model = sdk.ImportImageRequest(
        region_id="cn-hangzhou",
        ostype="linux",
        platform="CentOS",
        disk_device_mapping=[sdk.ImportImageRequestDiskDeviceMapping(
            ossbucket="ecsimageos", ossobject="centos7.qcow2", disk_image_size=40)],
        tag=[sdk.ImportImageRequestTag(key="team", value="ops")],
    )
    assert "OSType" in model.to_map() and model.to_map()["DiskDeviceMapping"][0]["OSSBucket"]
    # The current API writes `linux` and knows tags.
    assert found(il.lint(model, profile="current")) == []
    # The reference writes `Linux` (the service accepts `linux`: a fix, no API error), and
    # tags came with a later revision of the API.
    report = il.lint(model)
    assert sorted(found(report)) == [
        ("enum-letter-case", "OSType"), ("newer-api-parameter", "Tag.1.Key"),
        ("newer-api-parameter", "Tag.1.Value")]
    assert report.valid
    assert next(d for d in report.diagnostics if d.param == "OSType").fix == "Linux"
    assert report.effective["DiskDeviceMapping.1.DiskImageSize"]["value"] == "40"


def test_every_conformance_case_lints_alike_as_sdk_model_and_flat_dict():
    cases = json.loads((ROOT / "tests/conformance/cases.json").read_text(encoding="utf-8"))
    assert len(cases) >= 30
    for case in cases:
        for profile in il.PROFILES:
            flat = il.lint(case["params"], profile=profile)
            model = il.lint(sdk_request(nested_of(case["params"])), profile=profile)
            assert model.valid == flat.valid, case["id"]
            assert sorted(found(model)) == sorted(found(flat)), (case["id"], profile)


def test_is_valid_is_lints_verdict_for_every_conformance_case_and_form():
    cases = json.loads((ROOT / "tests/conformance/cases.json").read_text(encoding="utf-8"))
    seen = set()
    for case in cases:
        for profile in il.PROFILES:
            for request in (case["params"], json.dumps(case["params"]), sdk_request(nested_of(case["params"]))):
                verdict = il.is_valid(request, profile=profile)
                assert verdict == il.lint(request, profile=profile).valid, (case["id"], profile)
                seen.add(verdict)
    assert seen == {True, False}
    assert il.is_valid(json.dumps(VALID).encode()) is True
    assert il.is_valid(b"\xff\xfe") is False
    with pytest.raises(ValueError):
        il.is_valid(VALID, profile="nope")
    with pytest.raises(TypeError):
        il.is_valid(42)


def test_bytes_that_are_not_utf8_are_a_diagnostic():
    report = il.lint(b'{"RegionId": "cn-hangzhou\xff"}')
    assert not report.valid
    assert report.diagnostics[0].rule == "invalid-input"
    assert report.diagnostics[0].span["start"] == 25


def test_query_string_and_url():
    url = ("https://ecs.aliyuncs.com/?Action=ImportImage&RegionId=cn-hangzhou"
           "&DiskDeviceMapping.1.OSSBucket=ecsimageos&DiskDeviceMapping.1.OSSObject=a.raw")
    assert il.lint(url).valid
    assert il.lint(bytearray(url.encode())).valid


# --- languages and profiles --------------------------------------------------------------


@pytest.mark.parametrize("tag", ["zh-CN", "zh-cn", "zh_CN", "zh", "ZH-cn"])
def test_chinese_under_every_spelling(tag):
    en = il.lint(INVALID)
    zh = il.lint(INVALID, lang=tag)
    assert found(zh) == found(en)
    for d_en, d_zh in zip(en.diagnostics, zh.diagnostics):
        assert not HAN.search(d_en.message)
        assert HAN.search(d_zh.message) and HAN.search(d_zh.help)
        assert d_zh.code == d_en.code
    assert "5~500" in zh.diagnostics[1].message
    assert [found(il.validate_field("ImageName", "1abc", lang=tag))] == [
        [("image-name-start", "ImageName")]]


def test_unknown_language_and_profile_raise_value_error_listing_the_supported():
    with pytest.raises(ValueError) as e:
        il.lint(VALID, lang="fr")
    for tag in ("en", "zh-CN", "zh_CN", "zh"):
        assert tag in str(e.value)
    with pytest.raises(ValueError, match="2019-01, current"):
        il.lint(VALID, profile="2030")
    with pytest.raises(ValueError, match="any, flat, nested"):
        il.schema(form="tree")
    with pytest.raises(ValueError):
        il.rules(lang="de")


def test_profile_changes_the_verdict():
    request = dict(VALID, ImageName="rocky.9")
    assert found(il.lint(request)) == [("image-name-characters", "ImageName")]
    assert il.lint(request, profile="current").valid
    assert il.lint(request, profile="current").profile == "current"


# --- bad input types never panic ---------------------------------------------------------


class NoMap:
    pass


class BadMap:
    def to_map(self):
        return ["not", "a", "dict"]


@pytest.mark.parametrize("request_", [None, 3, 2.5, ["RegionId"], NoMap(), BadMap(), sdk.ImportImageRequest])
def test_bad_request_types_raise_type_error(request_):
    with pytest.raises(TypeError, match="importimage-lint"):
        il.lint(request_)


def test_bad_argument_types_raise_type_error():
    with pytest.raises(TypeError):
        il.lint({"RegionId": {1, 2}})  # a set is no JSON
    with pytest.raises(TypeError):
        il.lint(VALID, lang=None)
    with pytest.raises(TypeError):
        il.lint(VALID, profile=1)
    with pytest.raises(TypeError):
        il.validate_field("ImageName", ["a"])
    with pytest.raises(TypeError):
        il.validate_field(3, "a")
    with pytest.raises(TypeError):
        il.inspect_image(3)
    with pytest.raises(TypeError):
        il.inspect_image("x.qcow2", disk="1")
    with pytest.raises(TypeError):
        il.lint(VALID, "2019-01")  # profile and lang are keyword-only


def test_hostile_inputs_are_reports():
    for text in ["", "{", "[" * 100_000, '{"RegionId": "\u202e"}', "\x00" * 10]:
        report = il.lint(text)
        assert not report.valid
        assert report.diagnostics
    deep = {}
    node = deep
    for _ in range(500):
        node["a"] = {}
        node = node["a"]
    assert not il.lint(deep).valid  # past the reader's depth limit: a diagnostic
    for _ in range(100_000):
        node["a"] = {}
        node = node["a"]
    with pytest.raises(ValueError, match="nested too deeply"):
        il.lint(deep)  # past what json.dumps can write


# --- validate_field ----------------------------------------------------------------------


def test_validate_field():
    assert found(il.validate_field("ImageName", "1abc")) == [("image-name-start", "ImageName")]
    assert il.validate_field("ImageName", "centos-7", context={"RegionId": "cn-hangzhou"}) == []
    size = "DiskDeviceMapping.1.DiskImageSize"
    assert il.validate_field(size, 40) == []
    assert found(il.validate_field(size, 1000)) == [("disk-image-size", size)]
    assert found(il.validate_field(size, float("nan"))) == [("invalid-value-type", size)]
    assert il.validate_field(size, None) == []
    # A finding that compares two fields shows under either of them.
    ds = il.validate_field("Platform", "Windows Server 2012", context=json.dumps({"OSType": "linux"}))
    assert "platform-os-type-mismatch" in [d.rule for d in ds]
    model = sdk.ImportImageRequest(ostype="linux")
    ds = il.validate_field("Platform", "Windows Server 2012", context=model)
    assert "platform-os-type-mismatch" in [d.rule for d in ds]


# --- lint_role ---------------------------------------------------------------------------


def test_lint_role():
    assert il.lint_role(ROLE).valid
    assert il.lint_role(json.dumps(ROLE).encode()).valid
    other = il.lint_role(dict(ROLE, RoleName="Other"))
    assert not other.valid
    assert other.diagnostics[0].param.startswith("RoleName")
    zh = il.lint_role(dict(ROLE, RoleName="Other"), lang="zh-CN")
    assert found(zh) == found(other) and HAN.search(zh.diagnostics[0].message)
    custom = dict(ROLE, Policies=[{
        "PolicyName": "import-one-bucket", "PolicyType": "Custom",
        "PolicyDocument": json.dumps({"Version": "1", "Statement": [{
            "Effect": "Allow", "Action": ["oss:GetObject", "oss:GetBucketInfo", "oss:GetBucketLocation"],
            "Resource": ["acs:oss:*:*:other-bucket", "acs:oss:*:*:other-bucket/*"]}]}),
    }])
    request = sdk_request(VALID)
    # The policy reads another bucket than the request's disk: said only given the request.
    uncovered = il.lint_role(custom, request)
    assert not uncovered.valid
    other_bucket = dict(VALID, DiskDeviceMapping=[dict(VALID["DiskDeviceMapping"][0], OSSBucket="other-bucket")])
    assert il.lint_role(custom, other_bucket).valid, [str(d) for d in il.lint_role(custom, other_bucket).diagnostics]


# --- inspect_image -----------------------------------------------------------------------


@pytest.fixture
def qcow2(tmp_path):
    qemu_img = shutil.which("qemu-img")
    assert qemu_img, "qemu-img is required (scripts/test-all.sh installs it)"
    path = tmp_path / "disk.qcow2"
    subprocess.run([qemu_img, "create", "-q", "-f", "qcow2", str(path), "40G"], check=True)
    return path


def test_inspect_image_of_a_qemu_img_qcow2(qcow2):
    alone = il.inspect_image(qcow2)
    assert alone.image["format"] == "qcow2"
    assert alone.image["virtual_size"] == 40 << 30
    assert "image-format-mismatch" not in [d.rule for d in alone.diagnostics]
    request = {"RegionId": "cn-hangzhou", "DiskDeviceMapping": [
        {"OSSBucket": "ecsimageos", "OSSObject": "disk.qcow2", "Format": "RAW", "DiskImageSize": 20}]}
    report = il.inspect_image(str(qcow2), sdk_request(request))
    rules = [d.rule for d in report.diagnostics]
    assert "image-format-mismatch" in rules and "image-size" in rules
    assert not report.valid
    assert report.to_dict()["image"] == alone.image
    fitting = dict(request, DiskDeviceMapping=[dict(request["DiskDeviceMapping"][0], Format="qcow2", DiskImageSize=40)])
    assert "image-format-mismatch" not in [d.rule for d in il.inspect_image(qcow2, fitting).diagnostics]
    zh = il.inspect_image(qcow2, request, lang="zh")
    assert all(HAN.search(d.message) for d in zh.diagnostics if d.rule.startswith("image-"))
    missing = il.inspect_image(qcow2, request, disk=3)
    assert ("invalid-input", "DiskDeviceMapping.3") in found(missing)


def test_inspect_image_of_what_cannot_be_read(tmp_path):
    with pytest.raises(FileNotFoundError):
        il.inspect_image(tmp_path / "absent.qcow2")
    with pytest.raises(IsADirectoryError):
        il.inspect_image(tmp_path)
    # Opening a FIFO would block until a writer comes: refused before it is opened.
    fifo = tmp_path / "pipe.qcow2"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="FIFO"):
        il.inspect_image(fifo)
    with pytest.raises(OSError, match="character device"):
        il.inspect_image("/dev/zero")
    empty = tmp_path / "empty.qcow2"
    empty.write_bytes(b"")
    assert il.inspect_image(empty).image["format"] in ("unknown", "raw")


# --- rules and schema --------------------------------------------------------------------


def test_rules():
    rules = il.rules()
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) > 40
    size = next(r for r in rules if r["id"] == "disk-image-size")
    assert size["severity"] == "error"
    assert set(size["codes"]) == set(il.PROFILES)
    current = next(r for r in il.rules(profile="current") if r["id"] == "disk-image-size")
    assert list(current["codes"]) == ["current"]
    zh = next(r for r in il.rules(lang="zh-CN") if r["id"] == "disk-image-size")
    assert HAN.search(zh["summary"]) and not HAN.search(size["summary"])
    # Every rule a report names is listed.
    assert {d.rule for d in il.lint(INVALID).diagnostics} <= set(ids)


def test_schema():
    any_form = il.schema()
    assert any_form["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    flat = il.schema(form="flat")
    nested = il.schema(profile="current", form="nested")
    assert flat != nested and flat != any_form
    assert "RegionId" in json.dumps(flat) and "DiskDeviceMapping" in json.dumps(nested)


# --- the report's JSON is the command's ---------------------------------------------------


CLI = os.environ.get("IMPORTIMAGE_LINT_CLI")


@pytest.mark.skipif(not CLI, reason="IMPORTIMAGE_LINT_CLI names no built importimage-lint")
@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize("request_", [VALID, INVALID])
def test_to_dict_is_the_commands_json_report(request_, lang):
    text = json.dumps(request_, indent=2)
    out = subprocess.run([CLI, "--format", "json", "--lang", lang, "-"], input=text.encode(),
                         capture_output=True, check=False)
    assert out.returncode in (0, 1), out.stderr
    [cli] = json.loads(out.stdout)
    assert cli.pop("path") == "-"
    assert il.lint(text, lang=lang).to_dict() == cli


def test_report_objects():
    report = il.lint(INVALID)
    d = report.to_dict()
    assert d["valid"] is False and d["profile"] == "2019-01"
    assert [x.to_dict() for x in report.diagnostics] == d["diagnostics"]
    d["diagnostics"].clear()  # a copy: the report is unchanged
    assert len(report.diagnostics) == 2
    assert str(report.diagnostics[1]).startswith("error[disk-image-size] DiskDeviceMapping.1.DiskImageSize: ")
    assert il.__version__ and il.LANGS[0] == "en" and il.PROFILES[0] == "2019-01"


# --- the README's example ------------------------------------------------------------------


class RecordingClient:
    """Stands in for alibabacloud_ecs20140526.client.Client: records what would be sent."""

    def __init__(self):
        self.sent = []

    def import_image(self, request):
        self.sent.append(request)
        return "sent"


def test_readme_pre_flight_example(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("\n## Python\n"):]
    code = section[section.index("```python\n") + len("```python\n"):section.index("\n```\n")]
    assert code.index("importimage_lint.lint(request") < code.index("client.import_image(request)")
    space = {}
    exec(compile(code, "README.md", "exec"), space)
    client = RecordingClient()
    good = sdk_request(VALID)
    assert space["import_image"](client, good) == "sent"
    assert client.sent == [good]
    bad = sdk_request(INVALID)
    with pytest.raises(ValueError, match="InvalidImageSize|InvalidImageName"):
        space["import_image"](client, bad)
    assert client.sent == [good], "an invalid request is never sent"
    printed = capsys.readouterr().out
    # Under the current profile DiskImageSize may be 600 GiB; the space in ImageName is still refused.
    assert printed.startswith("error[image-name-characters] ImageName: ")


# --- no credential in any report -------------------------------------------------------------


SECRETS = ROOT / "tests" / "fixtures" / "secrets"


def assert_no_secret(text, secrets, what):
    """Fails when any five characters in a row of a secret appear (as tests/secrets.rs)."""
    for secret in secrets:
        for i in range(len(secret) - 4):
            assert secret[i:i + 5] not in text, f"{what}: {secret[i:i + 5]!r} of a secret is shown"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_credential_in_any_report(lang, qcow2):
    json_text = (SECRETS / "request.import-image.json").read_text(encoding="utf-8")
    query = (SECRETS / "request.import-image.query").read_text(encoding="utf-8")
    secrets = ["LTAI5tKy7Hq2Rf", "Xs6vBm3Tn8Kw", "Fe4kWq9Zs1Hv"]
    reports = {
        "json": il.lint(json_text, lang=lang),
        "bytes": il.lint(json_text.encode(), lang=lang),
        "dict": il.lint(json.loads(json_text), lang=lang),
        "query": il.lint(query, lang=lang),
        "role": il.lint_role(ROLE, json_text, lang=lang),
        "image": il.inspect_image(qcow2, json_text, lang=lang),
    }
    for what, report in reports.items():
        if what in ("json", "bytes", "dict", "query"):
            assert "credential-in-request" in [d.rule for d in report.diagnostics], what
        assert_no_secret(json.dumps(report.to_dict(), ensure_ascii=False), secrets, what)
        assert_no_secret(" ".join(map(str, report.diagnostics)), secrets, what)
    for field in ("AccessKeySecret", "ImageName"):
        found_ = il.validate_field(field, "Xs6vBm3Tn8Kw", context=json_text, lang=lang)
        assert_no_secret(json.dumps([d.to_dict() for d in found_], ensure_ascii=False), secrets, field)

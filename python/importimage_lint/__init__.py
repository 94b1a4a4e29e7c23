"""Offline linter for Alibaba Cloud ECS ImportImage requests.

Say, before the upload and without any network, which parameter of an ``ImportImage``
request the API would reject, why, which API error that prevents and what to write instead::

    import importimage_lint

    report = importimage_lint.lint({"RegionId": "cn-hangzhou", "DiskDeviceMapping": [
        {"OSSBucket": "ecsimageos", "OSSObject": "centos7.qcow2", "DiskImageSize": 600}]})
    if not report.valid:
        for d in report.diagnostics:
            print(d.severity, d.param, d.message, d.help)

A request is JSON text, bytes, a ``dict`` (flat API names or the SDK models' nested shape),
or an object of Alibaba Cloud's Python SDK with ``to_map()`` such as
``alibabacloud_ecs20140526.models.ImportImageRequest``. The rules run in the Rust core
(the same one as the ``importimage-lint`` command and the npm package); reports are the
same JSON as the command's ``--format json`` output.
"""

from __future__ import annotations

import copy
import json
import os
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union, cast

from . import _native

__all__ = [
    "Diagnostic",
    "LANGS",
    "PROFILES",
    "Report",
    "Request",
    "inspect_image",
    "is_valid",
    "lint",
    "lint_role",
    "rules",
    "schema",
    "validate_field",
]

__version__: str = _native.__version__

#: The built-in profiles (API revisions), the default first.
PROFILES: Tuple[str, ...] = tuple(_native.profiles())
#: The language tags ``lang=`` accepts.
LANGS: Tuple[str, ...] = tuple(_native.langs())

#: What the functions accept as a request: JSON text (or a query string), bytes, a mapping,
#: or an SDK model with ``to_map()``.
Request = Union[str, bytes, bytearray, memoryview, Mapping[str, Any], Any]


class Diagnostic:
    """One finding: which rule, how serious, which parameter, why, and what to write instead."""

    __slots__ = ("_raw",)

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self._raw = dict(raw)

    @property
    def rule(self) -> str:
        """The rule's stable kebab-case id, such as ``disk-image-size``."""
        return cast(str, self._raw["rule"])

    @property
    def severity(self) -> str:
        """``error``, ``warning`` or ``info``."""
        return cast(str, self._raw["severity"])

    @property
    def code(self) -> Optional[str]:
        """The API error code the service would answer with; None when it would not fail."""
        return self._raw.get("code")

    @property
    def param(self) -> Optional[str]:
        """The flat API name of the parameter (``DiskDeviceMapping.1.DiskImageSize``)."""
        return self._raw.get("param")

    @property
    def message(self) -> str:
        """What is wrong, in one sentence."""
        return cast(str, self._raw["message"])

    @property
    def help(self) -> Optional[str]:
        """What to do about it."""
        return self._raw.get("help")

    @property
    def fix(self) -> Optional[str]:
        """The replacement value, only where applying it certainly removes the problem."""
        return self._raw.get("fix")

    @property
    def data(self) -> Dict[str, Any]:
        """The facts behind the message (``value``, ``min``, ``max``, ``allowed``…)."""
        return copy.deepcopy(self._raw.get("data") or {})

    @property
    def span(self) -> Optional[Dict[str, int]]:
        """Where it is in the input text (byte ``start``/``end``, ``line``, ``column``)."""
        span = self._raw.get("span")
        return dict(span) if span is not None else None

    @property
    def related_params(self) -> List[str]:
        """The other parameters a finding that compares two fields concerns."""
        return list(self._raw.get("related_params", []))

    def to_dict(self) -> Dict[str, Any]:
        """The diagnostic as the report's JSON writes it."""
        return copy.deepcopy(self._raw)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Diagnostic) and self._raw == other._raw

    def __hash__(self) -> int:
        return hash(json.dumps(self._raw, sort_keys=True))

    def __str__(self) -> str:
        where = f"{self.param}: " if self.param else ""
        return f"{self.severity}[{self.rule}] {where}{self.message}"

    def __repr__(self) -> str:
        return f"Diagnostic(rule={self.rule!r}, severity={self.severity!r}, param={self.param!r})"


class Report:
    """The result of linting one request (or one role bundle, or one disk image)."""

    __slots__ = ("_raw", "_diagnostics")

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self._raw = dict(raw)
        self._diagnostics = [Diagnostic(d) for d in self._raw["diagnostics"]]

    @property
    def valid(self) -> bool:
        """False exactly when some diagnostic is an error."""
        return bool(self._raw["valid"])

    @property
    def profile(self) -> str:
        """The profile (API revision) that judged the request."""
        return cast(str, self._raw["profile"])

    @property
    def diagnostics(self) -> List[Diagnostic]:
        """Every finding, ordered by position in the input, then by rule."""
        return list(self._diagnostics)

    @property
    def errors(self) -> List[Diagnostic]:
        """The findings of severity ``error``: what the API would reject."""
        return [d for d in self._diagnostics if d.severity == "error"]

    @property
    def effective(self) -> Dict[str, Any]:
        """The request as the service will see it: ``{name: {"value": …, "source": …}}``."""
        return copy.deepcopy(self._raw.get("effective", {}))

    @property
    def image(self) -> Optional[Dict[str, Any]]:
        """For :func:`inspect_image`: what the image's headers say; None otherwise."""
        image = self._raw.get("image")
        return copy.deepcopy(image) if image is not None else None

    def to_dict(self) -> Dict[str, Any]:
        """The report as plain data: the same JSON as ``importimage-lint --format json``
        writes for one input (without its ``path``)."""
        return copy.deepcopy(self._raw)

    def __repr__(self) -> str:
        return (
            f"Report(valid={self.valid!r}, profile={self.profile!r}, "
            f"diagnostics={len(self._diagnostics)})"
        )


def _describe(value: object) -> str:
    return type(value).__name__


def _dumps(value: Any, what: str) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except RecursionError:
        raise ValueError(f"importimage-lint: {what} is nested too deeply to write as JSON") from None
    except (TypeError, ValueError) as e:
        raise TypeError(f"importimage-lint: {what} cannot be written as JSON: {e}") from None


def _request(request: Any, what: str = "request") -> Union[str, bytes]:
    """JSON (or query) text, or bytes, for anything a function accepts as a request."""
    if isinstance(request, str):
        return request
    if isinstance(request, (bytes, bytearray, memoryview)):
        return bytes(request)
    if isinstance(request, Mapping):
        return _dumps(dict(request), what)
    to_map = getattr(request, "to_map", None)
    if callable(to_map) and not isinstance(request, type):
        mapped = to_map()
        if not isinstance(mapped, Mapping):
            raise TypeError(
                f"importimage-lint: {what}.to_map() returned {_describe(mapped)}, not a dict"
            )
        return _dumps(dict(mapped), what)
    raise TypeError(
        f"importimage-lint: {what} must be JSON text, bytes, a dict or an SDK model with "
        f"to_map() (such as alibabacloud_ecs20140526.models.ImportImageRequest), "
        f"not {_describe(request)}"
    )


def _text(request: Any, what: str) -> str:
    """As :func:`_request`, as text (bytes read as UTF-8, as the command reads files)."""
    value = _request(request, what)
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _optional_text(request: Any, what: str) -> Optional[str]:
    return None if request is None else _text(request, what)


def _str(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"importimage-lint: {what} must be a str, not {_describe(value)}")
    return value


def lint(request: Request, *, profile: str = "2019-01", lang: str = "en") -> Report:
    """Lints one ImportImage request.

    ``request`` is JSON text or a query string/URL, bytes, a dict (flat API names such as
    ``"DiskDeviceMapping.1.OSSBucket"`` or the SDK models' nested shape), or an SDK model
    with ``to_map()``. ``profile`` is the API revision (:data:`PROFILES`), ``lang`` the
    language of messages (:data:`LANGS`). Raises TypeError for a request of another type and
    ValueError for an unknown profile or language; a request the API would reject is a
    report with ``valid`` False, never an exception.
    """
    _str(profile, "profile")
    _str(lang, "lang")
    value = _request(request)
    if isinstance(value, bytes):
        raw = _native.lint_bytes(value, profile, lang)
    else:
        raw = _native.lint_text(value, profile, lang)
    return Report(json.loads(raw))


def is_valid(request: Request, *, profile: str = "2019-01") -> bool:
    """Whether :func:`lint` would report ``request`` valid, without building the report
    (no messages, fixes, positions or effective request): for filtering many requests before
    linting the rejected ones. Takes what :func:`lint` takes and raises as it does; bytes
    are linted whole (their decoding is the report's work).
    """
    _str(profile, "profile")
    value = _request(request)
    if isinstance(value, bytes):
        return lint(value, profile=profile).valid
    return bool(_native.is_valid_text(value, profile))


def validate_field(
    param: str,
    value: Any,
    *,
    context: Optional[Request] = None,
    profile: str = "2019-01",
    lang: str = "en",
) -> List[Diagnostic]:
    """Checks one field as a form does, with the rest of the request as ``context``.

    ``value`` is the field's text (``"centos-7"``), or any JSON value: a number, a boolean,
    or None for a field left empty. Returns the diagnostics that concern ``param``
    (including findings that compare it with another field).
    """
    _str(param, "param")
    _str(profile, "profile")
    _str(lang, "lang")
    ctx = _optional_text(context, "context")
    if isinstance(value, str):
        raw = _native.validate_field(param, value, False, ctx, profile, lang)
    elif value is None or isinstance(value, (bool, int, float)):
        raw = _native.validate_field(param, _dumps(value, "value"), True, ctx, profile, lang)
    else:
        raise TypeError(
            "importimage-lint: value must be a str, int, float, bool or None, "
            f"not {_describe(value)}"
        )
    return [Diagnostic(d) for d in json.loads(raw)]


def lint_role(
    bundle: Request,
    request: Optional[Request] = None,
    *,
    profile: str = "2019-01",
    lang: str = "en",
) -> Report:
    """Checks the RAM role of an import offline.

    ``bundle`` holds ``RoleName``, ``AssumeRolePolicyDocument`` and ``Policies`` (as RAM's
    GetRole and ListPoliciesForRole answer); given ``request`` too, whether the policies
    cover the buckets and objects its disks read. Params are paths into the bundle.
    """
    _str(profile, "profile")
    _str(lang, "lang")
    raw = _native.lint_role(
        _text(bundle, "bundle"), _optional_text(request, "request"), profile, lang
    )
    return Report(json.loads(raw))


def inspect_image(
    path: Union[str, "os.PathLike[str]"],
    request: Optional[Request] = None,
    *,
    disk: Optional[int] = None,
    profile: str = "2019-01",
    lang: str = "en",
) -> Report:
    """Checks a disk image file before the upload.

    Reads only the headers (a few positioned reads). Judges the format, virtual size and
    damage against the profile and, given ``request``, against its disk ``disk`` (by default
    the disk whose OSSObject ends with the file's name, else disk 1). The facts read are in
    ``Report.image``. Raises OSError when the file cannot be read.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"importimage-lint: path must be a str or a path, not {_describe(path)}")
    if disk is not None and (isinstance(disk, bool) or not isinstance(disk, int)):
        raise TypeError(f"importimage-lint: disk must be an int, not {_describe(disk)}")
    if disk is not None and not 0 <= disk < 2**32:
        raise ValueError(f"importimage-lint: disk {disk} is out of range")
    _str(profile, "profile")
    _str(lang, "lang")
    raw = _native.inspect_image(
        os.fspath(path), _optional_text(request, "request"), disk, profile, lang
    )
    return Report(json.loads(raw))


def rules(*, profile: Optional[str] = None, lang: str = "en") -> List[Dict[str, Any]]:
    """Every rule with its documentation: ``id``, ``severity``, ``summary``, ``why``, and per
    profile its API error ``codes`` and table ``facts`` (all profiles, or the one named)."""
    if profile is not None:
        _str(profile, "profile")
    _str(lang, "lang")
    return cast(List[Dict[str, Any]], json.loads(_native.rules(profile, lang)))


def schema(*, profile: str = "2019-01", form: str = "any") -> Dict[str, Any]:
    """The JSON Schema of a request under a profile; ``form`` is ``any``, ``flat`` (API
    names) or ``nested`` (the SDK models' shape)."""
    _str(profile, "profile")
    _str(form, "form")
    return cast(Dict[str, Any], json.loads(_native.schema(profile, form)))

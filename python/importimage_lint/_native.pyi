# Type stubs of the compiled module (python/src/lib.rs). Each function returns JSON text
# that importimage_lint/__init__.py parses; use the typed functions of `importimage_lint`.
from typing import List, Optional

__all__ = [
    "__version__",
    "lint_text",
    "lint_bytes",
    "is_valid_text",
    "validate_field",
    "lint_role",
    "inspect_image",
    "rules",
    "schema",
    "profiles",
    "langs",
]

__version__: str

def lint_text(text: str, profile: str, lang: str) -> str: ...
def lint_bytes(data: bytes, profile: str, lang: str) -> str: ...
def is_valid_text(text: str, profile: str) -> bool: ...
def validate_field(
    param: str,
    value: str,
    value_is_json: bool,
    context: Optional[str],
    profile: str,
    lang: str,
) -> str: ...
def lint_role(bundle: str, request: Optional[str], profile: str, lang: str) -> str: ...
def inspect_image(
    path: str, request: Optional[str], disk: Optional[int], profile: str, lang: str
) -> str: ...
def rules(profile: Optional[str], lang: str) -> str: ...
def schema(profile: str, form: str) -> str: ...
def profiles() -> List[str]: ...
def langs() -> List[str]: ...

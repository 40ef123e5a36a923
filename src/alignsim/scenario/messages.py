"""Plain-words messages for pydantic validation errors."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel

KIND_NAMES = {
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "int_parsing": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "list_type": "a list",
    "tuple_type": "a list",
    "date_type": "a date (YYYY, YYYY-MM or YYYY-MM-DD)",
}


def describe(value: Any) -> str:
    """Short description of a user value for a message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    text = repr(value) if isinstance(value, str) else f"{value}"
    return text if len(text) <= 40 else text[:37] + "..."


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def _model_at(root: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The pydantic model class that holds the field at ``loc[-1]``."""
    annotation: Any = root
    for part in loc[:-1]:
        annotation = _unwrap(annotation, part)
        if annotation is None:
            return None
    annotation = _unwrap(annotation, None)
    return (
        annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    )


def _unwrap(annotation: Any, part: Any) -> Any:
    """Step one location part into an annotation (model field, list item, dict value)."""
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, __import__("types").UnionType):
            annotation = next((a for a in args if a is not type(None)), None)
        else:
            break
    if part is None:
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(part)
        return field.annotation if field else None
    if origin in (list, tuple) and isinstance(part, int):
        return args[0] if args else None
    if origin is dict:
        return args[1]
    return None


def message_for(error: dict[str, Any], root: type[BaseModel]) -> str:
    """One plain sentence for one pydantic error."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        model = _model_at(root, tuple(error["loc"]))
        known = list(model.model_fields) if model else []
        close = difflib.get_close_matches(str(error["loc"][-1]), known, n=1, cutoff=0.5)
        if close:
            return f"unknown key; did you mean {close[0]!r}?"
        return f"unknown key (allowed: {', '.join(known)})" if known else "unknown key"
    if kind == "less_than_equal":
        return f"{describe(value)} is above {_num(ctx['le'])}"
    if kind == "greater_than_equal":
        return f"{describe(value)} is below {_num(ctx['ge'])}"
    if kind == "greater_than":
        return f"{describe(value)} must be above {_num(ctx['gt'])}"
    if kind == "less_than":
        return f"{describe(value)} must be below {_num(ctx['lt'])}"
    if kind == "invalid_key" or (error["loc"] and error["loc"][-1] == "[key]"):
        return f"key {describe(value)} must be text (quote it, or use an identifier)"
    if kind == "literal_error":
        return f"{describe(value)} is not one of {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return f"{describe(value)} is not an identifier (letters, digits, _ and -, from a letter)"
    if kind in ("too_short", "too_long"):
        actual = ctx.get("actual_length")
        want = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        if error["loc"] and isinstance(value, list | tuple):
            bound = "at least" if kind == "too_short" else "at most"
            return f"expected {bound} {want} items, got {actual}"
        return error["msg"]
    if kind in ("string_too_short", "string_too_long"):
        short = kind == "string_too_short"
        bound = f"at least {ctx['min_length']}" if short else f"at most {ctx['max_length']}"
        return f"{describe(value)} is too {kind[11:]} (expected {bound} characters)"
    if kind in KIND_NAMES:
        return f"expected {KIND_NAMES[kind]}, got {describe(value)}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
    return error["msg"]

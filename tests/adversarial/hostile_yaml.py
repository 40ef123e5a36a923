"""Generators of hostile YAML, one function per class of attack (used by several tests).

Each returns the text of a document that a scenario file, a file it extends, a ``--set``
value or a sweep file could hold. Sizes are chosen so that every generator stays under the
file size limit: the attack is in the structure, not in the bytes.
"""

from __future__ import annotations


def laughs(levels: int = 9, width: int = 9) -> str:
    """The "billion laughs": each level an anchored list of ``width`` aliases of the last."""
    lines = [f"l0: &l0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"l{level}: &l{level} [{', '.join([f'*l{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


def laughs_in_flow(levels: int = 12) -> str:
    """Two aliases per level, all in one flow mapping on a single line."""
    parts = ["a0: &a0 [x, x]"]
    for level in range(1, levels):
        parts.append(f"a{level}: &a{level} [*a{level - 1}, *a{level - 1}]")
    return "{" + ", ".join(parts) + "}\n"


def merge_key_bomb(levels: int = 30) -> str:
    """Merge keys (``<<``) doubling the merged mapping at every level."""
    lines = ["m0: &m0 {a: 1, b: 2}"]
    for level in range(1, levels):
        both = f"[*m{level - 1}, *m{level - 1}]"
        lines.append(f"m{level}: &m{level} {{<<: {both}, k{level}: {both}}}")
    return "\n".join(lines) + "\n"


def wide_alias(items: int = 2000, uses: int = 2000) -> str:
    """One big anchored list used many times (no nesting at all)."""
    return f"a: &a [{', '.join(['1'] * items)}]\nb: [{', '.join(['*a'] * uses)}]\n"


def many_aliases(count: int = 50_000) -> str:
    """Very many aliases of one scalar."""
    return "a: &a 1\nb: [" + ", ".join(["*a"] * count) + "]\n"


def self_alias() -> str:
    """A list that contains itself."""
    return "x: &a [*a]\n"


def self_alias_mapping() -> str:
    """A mapping that contains itself, one level down."""
    return "x: &a {y: {z: *a}}\n"


def undefined_alias() -> str:
    """An alias with no anchor."""
    return "x: [*nowhere]\n"


def deep_flow_lists(depth: int = 100_000) -> str:
    """Nested brackets."""
    return "x: " + "[" * depth + "]" * depth + "\n"


def deep_flow_mappings(depth: int = 5000) -> str:
    """Nested flow mappings."""
    return "x: " + "{a: " * depth + "1" + "}" * depth + "\n"


def deep_block_mappings(depth: int = 300) -> str:
    """Nested block mappings, one indentation step each."""
    return "".join(f"{' ' * level}k{level}:\n" for level in range(depth)) + " " * depth + "v\n"


def deep_block_lists(depth: int = 500) -> str:
    """``- - - - x`` on one line."""
    return "- " * depth + "x\n"


def long_flat_list(items: int = 1_000_000) -> str:
    """More values than the node limit, in a plain list of one-character numbers."""
    return "x: [" + ",".join(["1"] * items) + "]\n"


def many_unknown_keys(keys: int = 100_000) -> str:
    """A mapping with very many distinct keys."""
    return "".join(f"unknown_key_{i}: {i}\n" for i in range(keys))


def huge_scalar(size: int = 3_000_000) -> str:
    """One very long string value."""
    return "title: " + "x" * size + "\n"


def huge_integer(digits: int = 5001) -> str:
    """A whole number with thousands of digits."""
    return "x: " + "9" * digits + "\n"


def huge_hex_integer(digits: int = 3000) -> str:
    """A hexadecimal whole number with thousands of digits."""
    return "x: 0x" + "f" * digits + "\n"


def many_documents(count: int = 10_000) -> str:
    """Many YAML documents in one stream."""
    return "---\na: 1\n" * count


def unsupported_tags() -> str:
    """Tags that would construct Python objects (an unsafe loader would run them)."""
    return (
        "a: !!python/object/apply:os.system [echo hi]\n"
        "b: !!python/name:os.system\n"
        "c: !!python/object:types.SimpleNamespace {x: 1}\n"
        "d: !!set {a, b}\n"
        "e: !custom 1\n"
    )


def bad_timestamp() -> str:
    """Timestamps the constructor cannot make a date of."""
    return "a: 0000-01-01\nb: 2019-02-30\nc: 9999-99-99\n"


def complex_keys() -> str:
    """Lists and mappings used as keys."""
    return "? [a, b]\n: 1\n? {c: d}\n: 2\n"


#: every class above, by name
CLASSES = {
    name: function
    for name, function in dict(globals()).items()
    if callable(function) and not name.startswith("_") and function.__module__ == __name__
}

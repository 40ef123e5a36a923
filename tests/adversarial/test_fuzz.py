"""Property-based fuzzing of the loader, ``--set`` and conditions through the command.

Each example runs the ``alignsim`` command in-process (click's runner: the same code as the
console script, without a new interpreter per example) and asserts what a user must see:
exit status 0 or 2, never a traceback, at most a few dozen problem lines, and no more than
5 s of CPU time per example; the process's peak memory stays under 1 GiB over the whole run.
The budget is small (a few hundred examples in all, about a minute on 2 cores); the
subprocess tests of the other files cover the worst cases of each class.
"""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alignsim.cli import main
from alignsim.simulation.conditions import ConditionError, parse

VALID = Path(__file__).parents[1] / "scenario" / "data" / "valid.yaml"
FUZZ = settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
#: characters that matter to YAML, plus a few that are unusual in a text file
YAML_CHARS = st.sampled_from(
    [*"[]{}:,-&*!|>'\"#?<%@`\\ \n\t.0123456789eEabxyz_", "\x00", "\x1b", "é", "\ufeff"]
)
FRAGMENTS = st.sampled_from(
    [
        "&a ",
        "*a",
        "<<: ",
        "!!python/object:os.system ",
        "!!binary ",
        "!!int ",
        "9" * 30,
        "0x" + "f" * 40,
        "1e999",
        ".nan",
        "0000-01-01",
        "9999-12-31",
        "---\n",
        "...\n",
        "%YAML 1.1\n",
        "? ",
        "- ",
        "  ",
        "\n",
        "[",
        "{",
        "extends: /dev/zero\n",
        "extends: valid.yaml\n",
    ]
)
YAML_TEXT = st.lists(st.one_of(YAML_CHARS, FRAGMENTS), max_size=120).map("".join)
MEMORY_KB = 1024 * 1024  # ru_maxrss is in kilobytes on Linux


def invoke(*args: str) -> None:
    """Run the command in-process and check the bounds of its outcome."""
    started = time.process_time()
    result = CliRunner().invoke(main, list(args), catch_exceptions=True)
    spent = time.process_time() - started
    assert result.exit_code in (0, 2), (result.exit_code, result.output, result.exception)
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert len(result.output.splitlines()) <= 45
    assert spent < 5, f"{spent:.1f} s of CPU"
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < MEMORY_KB


@FUZZ
@given(text=YAML_TEXT)
def test_any_text_as_a_scenario_file_exits_0_or_2(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "valid.yaml").write_bytes(VALID.read_bytes())
    file = folder / "fuzz.yaml"
    file.write_text(text, encoding="utf-8", errors="surrogatepass")
    invoke("validate", str(file))


@FUZZ
@given(line=st.integers(min_value=0, max_value=80), text=YAML_TEXT)
def test_a_valid_scenario_with_one_line_replaced_exits_0_or_2(tmp_path_factory, line, text):
    lines = VALID.read_text().splitlines()
    head, _, _ = lines[line % len(lines)].partition(":")
    lines[line % len(lines)] = f"{head}: {text}" if head.strip() else text
    file = tmp_path_factory.mktemp("fuzz") / "edited.yaml"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    invoke("validate", str(file))


SET_PATHS = st.one_of(
    st.sampled_from(
        [
            "title",
            "time.start",
            "time.steps",
            "actors.PAK.capability",
            "actors[0].interests.energy.position",
            "actors[3].capability",
            "relations[0].economic_tie",
            "mechanisms.adjustment.noise",
            "mechanisms.structural_balance.weight",
            "events[0].at",
            "groups.G",
        ]
    ),
    st.text(alphabet=st.sampled_from(list("ab.[]0129_-=PAK")), max_size=40),
)


@FUZZ
@given(path=SET_PATHS, value=YAML_TEXT)
def test_any_set_value_exits_0_or_2(path, value):
    invoke("validate", str(VALID), "--set", f"{path}={value}")


CONDITION_TOKENS = st.sampled_from(
    [
        "step()",
        "alignment(PAK, RUS)",
        "cohesion(G)",
        "capability(PAK)",
        "position(PAK, energy)",
        "tie(PAK, CHN)",
        "not ",
        " and ",
        " or ",
        "(",
        ")",
        "-",
        "<",
        ">=",
        "==",
        "1",
        "0.5",
        "1e308",
        ",",
        " ",
        "x",
        "alignment(",
        "9" * 400,
    ]
)
CONDITIONS = st.one_of(
    st.lists(CONDITION_TOKENS, max_size=60).map("".join),
    st.text(max_size=200),
    st.integers(min_value=1, max_value=3000).map(lambda n: "-" * n + "1 > 0"),
    st.integers(min_value=1, max_value=1000).map(lambda n: "(" * n + "step() > 1" + ")" * n),
)


@settings(max_examples=400, deadline=None, database=None)
@given(text=CONDITIONS)
def test_any_condition_parses_or_says_why(text):
    started = time.process_time()
    try:
        parse(text)
    except ConditionError as error:
        assert str(error)
    assert time.process_time() - started < 1


@FUZZ
@given(text=CONDITIONS)
def test_any_condition_given_to_an_event_exits_0_or_2(text):
    invoke("validate", str(VALID), "--set", f"events[1].when={json.dumps(text)}")

"""End to end: `extract` writes a draft that `alignsim validate` and `alignsim run` accept."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parent / "data"
BIN = Path(sys.executable).parent
EXTRACT = [str(Path(sys.executable).parent / "alignsim"), "extract"]


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("draft")
    done = run([*EXTRACT, str(DATA / "summit_season.txt"), "-o", "draft.yaml"], folder)
    assert done.returncode == 0, done.stderr
    assert "wrote draft.yaml" in done.stdout
    return folder


def test_draft_validates_and_runs(drafted: Path) -> None:
    checked = run([str(BIN / "alignsim"), "validate", "draft.yaml"], drafted)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    ran = run([str(BIN / "alignsim"), "run", "draft.yaml", "--out", "out", "--no-plot"], drafted)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert (drafted / "out" / "alignment.csv").is_file()


def test_draft_content_follows_the_text(drafted: Path) -> None:
    scenario = yaml.safe_load((drafted / "draft.yaml").read_text(encoding="utf-8"))
    # most mentioned first (GBR 3, FRA 2, ZAF 2 with Pretoria), then alphabetical
    order = [a["id"] for a in scenario["actors"]]
    assert order == ["GBR", "FRA", "ZAF", "BRA", "DEU", "MEX", "USA"]
    assert all(a["capability"] == 1.0 for a in scenario["actors"])
    assert scenario["sources"][0] == {
        "id": "summit_season",
        "title": "Summit Season",
        "author": "unknown",
        "date": "2023-09-01",
    }
    # dated events: MEX-USA 2017 is the first, BRA-ZAF 2023-08 the last: 79 months, quarters
    assert scenario["time"] == {"start": "2017", "unit": "quarter", "steps": 27 + 4}
    shifts = {(e["at"], tuple(f["alignment"])): f["shift"] for e in scenario["events"]
              for f in e["effects"]}  # fmt: skip
    assert shifts[("2017", ("MEX", "USA"))] == pytest.approx(0.025 * -2.0)
    # met (CAMEO 04, +1), pledged (03, +4), cooperation (05, +3.5): the strongest reading counts
    assert shifts[("2023-08", ("BRA", "ZAF"))] == pytest.approx(0.025 * 4.0)
    relations = {tuple(r["pair"]): r["alignment"] for r in scenario["relations"]}
    assert relations[("DEU", "GBR")] == -0.4  # 'rejected the criticism' (CAMEO 12), undated
    for entry in scenario["events"] + scenario["relations"]:
        assert entry["citation"]["note"].startswith("extracted: ")


def test_evidence_offsets_point_into_the_input(drafted: Path) -> None:
    text = (DATA / "summit_season.txt").read_text(encoding="utf-8")
    evidence = json.loads((drafted / "draft.evidence.json").read_text(encoding="utf-8"))
    mentions = [m for actor in evidence["actors"].values() for m in actor["mentions"]]
    assert mentions and all(text[m["start"] : m["end"]] == m["surface"] for m in mentions)
    for event in evidence["events"]:
        assert event["cue"] in text[event["start"] : event["end"]]
        if event["date_span"]:
            start, end = event["date_span"]
            assert text[start:end] == event["date_words"]
    assert {"energy", "trade"} & set(evidence["issues"]) == {"trade"}


def test_actors_option_restricts_the_draft(tmp_path: Path) -> None:
    done = run(
        [*EXTRACT, str(DATA / "summit_season.txt"), "--actors", "fra,GBR", "-o", "d.yaml"],
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    scenario = yaml.safe_load((tmp_path / "d.yaml").read_text(encoding="utf-8"))
    assert [a["id"] for a in scenario["actors"]] == ["FRA", "GBR"]
    assert {tuple(f["alignment"]) for e in scenario["events"] for f in e["effects"]} == {
        ("FRA", "GBR")
    }


def bad(tmp_path: Path, args: list[str]) -> str:
    done = run([*EXTRACT, *args], tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    return done.stderr


def test_bad_inputs_get_one_line_and_status_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n\n ", encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 in Paris.".encode("latin-1"))
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "huge.txt").write_bytes(b"Russia met China. " * 60_000)
    (tmp_path / "lonely.txt").write_text("Peru held a long and quiet election.", encoding="utf-8")
    expected = {
        "empty.txt": "empty.txt: empty text",
        "latin1.txt": "latin1.txt: not UTF-8 text (invalid byte 0xe9 at offset 3)",
        "binary.txt": "binary.txt: binary data (NUL byte at offset 8), not text",
        "huge.txt": "huge.txt: file is 1,080,000 bytes; the limit is 250,000 bytes (split it",
        "missing.txt": "missing.txt: no such file",
        "lonely.txt": "lonely.txt: found 0 actor(s) (none) named at least 2 time(s) in the body "
        "or taking part in an event; a scenario needs two or more; left out by --min-mentions 2: "
        "PER (1 in the body) (lower --min-mentions",
    }
    for name, message in expected.items():
        err = bad(tmp_path, [name, "-o", "out.yaml"])
        assert err.startswith(message), err
        assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out.yaml").exists()


def test_existing_output_needs_force(tmp_path: Path) -> None:
    text = str(DATA / "caspian_currents.txt")
    (tmp_path / "d.yaml").write_text("keep me", encoding="utf-8")
    assert bad(tmp_path, [text, "-o", "d.yaml"]).startswith("d.yaml: exists (use --force")
    assert (tmp_path / "d.yaml").read_text(encoding="utf-8") == "keep me"
    assert run([*EXTRACT, text, "-o", "d.yaml", "--force"], tmp_path).returncode == 0
    assert "keep me" not in (tmp_path / "d.yaml").read_text(encoding="utf-8")


def test_bad_options(tmp_path: Path) -> None:
    text = str(DATA / "caspian_currents.txt")
    err = bad(tmp_path, [text, "--actors", "RUS,XYZ", "--source-id", "9x", "-o", "d.yaml"])
    assert err.splitlines() == [
        "--actors: 'XYZ' is not a known ISO3 country code",
        "--source-id: '9x' must be letters, digits, _ and -",
    ]
    assert bad(tmp_path, [text, "-o", "nowhere/d.yaml"]).startswith("nowhere/d.yaml: folder")


def test_source_date_must_be_a_real_date(tmp_path: Path) -> None:
    text = str(DATA / "caspian_currents.txt")
    cases = {
        "2019-13-45": "--source-date: '2019-13-45' is not a real date (month must be in 1..12)",
        "2019-02-29": "--source-date: '2019-02-29' is not a real date (day is out of range",
        "2019-00": "--source-date: '2019-00' is not a real date (month must be in 1..12)",
        "19-01-01": "--source-date: '19-01-01' is not YYYY, YYYY-MM or YYYY-MM-DD",
        "2019--01": "--source-date: '2019--01' is not YYYY, YYYY-MM or YYYY-MM-DD",
    }
    for value, message in cases.items():
        err = bad(tmp_path, [text, "--source-date", value, "-o", "d.yaml"])
        assert err.startswith(message), err
        assert len(err.strip().splitlines()) == 1
    for value in ("2020", "2020-02", "2020-02-29"):
        done = run([*EXTRACT, text, "--source-date", value, "-o", "d.yaml", "--force"], tmp_path)
        assert done.returncode == 0, done.stderr
        draft = yaml.safe_load((tmp_path / "d.yaml").read_text(encoding="utf-8"))
        assert draft["sources"][0]["date"] == value
        checked = run([str(BIN / "alignsim"), "validate", "d.yaml"], tmp_path)
        assert checked.returncode == 0, checked.stdout + checked.stderr


MISSING_MODULE = """
import sys
sys.modules[{module!r}] = None
sys.argv = ["alignsim", "extract", {text!r}, "-o", "d.yaml"]
from alignsim.cli import main
main()
"""


def test_missing_extra_is_reported_without_a_traceback(tmp_path: Path) -> None:
    text = str(DATA / "caspian_currents.txt")
    for module, distribution in [("pysbd", "pysbd"), ("country_converter", "country-converter")]:
        code = MISSING_MODULE.format(module=module, text=text)
        done = run([sys.executable, "-c", code], tmp_path)
        assert done.returncode == 2
        assert done.stderr.splitlines() == [
            'alignsim extract needs the extract extra: pip install "alignsim[extract]" '
            f"(missing: {distribution})"
        ]
    assert not (tmp_path / "d.yaml").exists()


def test_a_module_failing_to_import_mid_run_is_reported_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from alignsim.cli import extract as command

    (tmp_path / "t.txt").write_text(
        "Ghana and Togo signed a border accord on 17 October 1911 after long talks.",
        encoding="utf-8",
    )
    monkeypatch.setattr(command, "_missing_extra", lambda: [])
    monkeypatch.setitem(sys.modules, "dateparser", None)
    result = CliRunner().invoke(
        command.extract, [str(tmp_path / "t.txt"), "-o", str(tmp_path / "d.yaml")]
    )
    assert result.exit_code == 2
    assert result.output.strip() == (
        'alignsim extract needs the extract extra: pip install "alignsim[extract]" '
        "(missing: dateparser)"
    )


def test_too_few_actors_messages(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Mongolia.", encoding="utf-8")
    err = bad(tmp_path, ["one.txt", "-o", "d.yaml"])
    assert "left out by --min-mentions 2: MNG (1 in the body)" in err
    (tmp_path / "two.txt").write_text("Nepal and Bhutan.", encoding="utf-8")
    err = bad(tmp_path, ["two.txt", "--min-mentions", "3", "-o", "d.yaml"])
    assert "left out by --min-mentions 3: BTN (1 in the body), NPL (1 in the body)" in err
    assert run([*EXTRACT, "two.txt", "--min-mentions", "1", "--source-date", "2021", "-o",
                "d.yaml"], tmp_path).returncode == 0  # fmt: skip
    err = bad(tmp_path, ["two.txt", "--actors", "TUR", "-o", "e.yaml"])
    assert err.splitlines() == [
        "--actors: TUR is 1 actor; a scenario needs at least two (e.g. --actors TUR,GRC)"
    ]

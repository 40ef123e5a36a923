from alignsim.extract.cameo import cues, find_cues, roots


def test_twenty_roots_with_goldstein_signs() -> None:
    table = roots()
    assert list(table) == [f"{i:02d}" for i in range(1, 21)]
    assert table["01"].goldstein == 0.0
    assert all(table[f"{i:02d}"].goldstein > 0 for i in range(2, 9))
    assert all(table[f"{i:02d}"].goldstein < 0 for i in range(9, 21))
    assert table["06"].label == "Engage in material cooperation"
    assert table["19"].goldstein == -10.0


def test_every_cue_has_a_known_root_and_voice() -> None:
    assert {c.root for c in cues()} <= set(roots())
    assert {c.voice for c in cues()} == {"directed", "joint", "experiencer"}


def test_specific_cues_win_and_words_are_whole() -> None:
    matches = find_cues("Russia lifted an arms embargo, though the border stays disputed.")
    assert [(m.cue.root, m.surface) for m in matches] == [("08", "lifted an arms embargo")]


def test_cues_inside_names_are_ignored() -> None:
    assert find_cues("They joined the Shanghai Cooperation Organisation.") == []
    assert [m.cue.root for m in find_cues("Cooperation grew.")] == ["05"]

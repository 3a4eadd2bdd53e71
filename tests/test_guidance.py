"""The rulebook: every rule of GUIDANCE.md, with its sources and parameters, in our own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lib.guidance import (
    DEFAULT_PROFILE,
    DISAGREEMENTS,
    PROFILES,
    RULES,
    SOURCES,
    STAGES,
    rules_in_stage,
)

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
NO_SEEDS = "the shared seed documents are not beside this checkout"

# The sources column of the tables in /work/shared/GUIDANCE.md, as seed numbers.
EXPECTED_SOURCES: dict[str, set[str]] = {
    "S1": {"003", "004"},
    "S2": {"000", "003"},
    "N1": {"004"},
    "N2": {"003"},
    "T1": {"000", "003"},
    "T2": {"000", "001", "003", "002"},
    "T3": {"002", "003", "004"},
    "T4": {"001", "003", "004"},
    "T5": {"000", "003"},
    "T6": {"000", "002", "003"},
    "T7": {"001", "002"},
    "T8": {"000", "001", "003", "004"},
    "T9": {"000", "003", "004"},
    "T10": {"001", "002"},
    "T11": {"001", "002", "003"},
    "T12": {"002"},
    "T13": {"001", "002", "003", "004"},
    "T14": {"001"},
    "T15": {"001"},
    "F1": {"000", "003", "004"},
    "F2": {"003", "004"},
    "F3": {"004", "001", "003"},
    "F4": {"001", "003"},
    "F5": {"003"},
    "F6": {"000", "003"},
    "F7": {"003", "001"},
}

EXPECTED_ORDER = {
    "S": ["S1", "S2"],
    "N": ["N1", "N2"],
    "T": [f"T{n}" for n in range(1, 16)],
    "F": [f"F{n}" for n in range(1, 8)],
}


def numbers(file_names: tuple[str, ...] | list[str]) -> set[str]:
    """Return the seed numbers ("003") of seed file names ("003_99e0….txt")."""
    return {name.split("_", 1)[0] for name in file_names}


def test_rulebook_holds_exactly_the_playbook_ids() -> None:
    """Every rule of the playbook is in the app, and nothing else is."""
    assert set(RULES) == set(EXPECTED_SOURCES)
    assert len(RULES) == 26


@pytest.mark.parametrize("rule_id", sorted(EXPECTED_SOURCES))
def test_every_rule_is_explained_and_sourced(rule_id: str) -> None:
    """Each rule has a title, an explanation, how the app enforces it, and its sources."""
    rule = RULES[rule_id]
    assert rule.id == rule_id
    assert rule.title.strip()
    assert rule.explanation.strip()
    assert rule.enforcement.strip()
    assert rule.sources
    assert set(rule.sources) <= set(SOURCES)
    assert len(set(rule.sources)) == len(rule.sources)


@pytest.mark.parametrize(("rule_id", "expected"), sorted(EXPECTED_SOURCES.items()))
def test_rule_sources_match_the_guidance_table(rule_id: str, expected: set[str]) -> None:
    """A rule cites exactly the documents the playbook table names for it."""
    assert numbers(RULES[rule_id].sources) == expected


@pytest.mark.parametrize(
    ("rule_id", "params"),
    [
        ("T2", {"ideal_hour": 20, "due_after_hours": 24, "late_after_business_days": 2}),
        ("T10", {"target_min_words": 60, "target_max_words": 180, "hard_max_words": 250}),
        ("F1", {"window_start_day": 7, "window_end_day": 10, "move_on_after_days": 7}),
    ],
)
def test_rule_parameters_match_the_guidance(rule_id: str, params: dict[str, int]) -> None:
    """The numbers the app works with are the ones the playbook states."""
    actual = RULES[rule_id].params
    assert {key: actual[key] for key in params} == params


@pytest.mark.parametrize(
    ("name", "follow_ups", "early_call_days", "sources"),
    [
        ("cautious", 0, None, {"001"}),
        ("standard", 1, None, {"003", "004"}),
        ("eager", 2, (3, 5), {"000", "003"}),
    ],
)
def test_profiles_match_the_guidance(
    name: str, follow_ups: int, early_call_days: tuple[int, int] | None, sources: set[str]
) -> None:
    """Each follow-up profile allows the playbook's number of follow-ups, at its days."""
    profile = PROFILES[name]  # type: ignore[index]
    assert profile.name == name
    assert profile.follow_ups == follow_ups
    assert profile.early_call_days == early_call_days
    assert numbers(profile.sources) == sources
    assert profile.summary.strip()


def test_profiles_are_exactly_three_and_standard_is_the_default() -> None:
    """A new application follows the standard profile, one of exactly three."""
    assert set(PROFILES) == {"cautious", "standard", "eager"}
    assert DEFAULT_PROFILE == "standard"


@pytest.mark.parametrize("rule_id", sorted(EXPECTED_SOURCES))
def test_stage_matches_the_id_letter(rule_id: str) -> None:
    """A rule sits in the stage its id names (S, N, T or F)."""
    assert RULES[rule_id].stage == rule_id[0]
    assert RULES[rule_id].stage in STAGES


@pytest.mark.parametrize(("stage", "expected"), sorted(EXPECTED_ORDER.items()))
def test_rules_in_stage_in_playbook_order(stage: str, expected: list[str]) -> None:
    """The playbook page lists each stage's rules in numeric order."""
    assert [rule.id for rule in rules_in_stage(stage)] == expected  # type: ignore[arg-type]


def test_disagreements_match_the_guidance() -> None:
    """The three questions the documents disagree on are shown, each position with its source."""
    assert [numbers([name for name, _ in d.positions]) for d in DISAGREEMENTS] == [
        {"000", "001", "003", "002"},  # how soon the thank-you
        {"001", "000", "003", "004"},  # whether to follow up at all
        {"001", "004", "002"},  # email or handwritten
    ]
    for disagreement in DISAGREEMENTS:
        assert disagreement.question.strip()
        assert disagreement.app_default.strip()
        for source, position in disagreement.positions:
            assert source in SOURCES
            assert position.strip()


@pytest.mark.skipif(not SEEDS.is_dir(), reason=NO_SEEDS)
def test_sources_are_the_seed_documents() -> None:
    """Every cited document exists in the shared seeds, and every seed is citable."""
    assert set(SOURCES) == {path.name for path in SEEDS.iterdir() if path.is_file()}


@pytest.mark.skipif(not SEEDS.is_dir(), reason=NO_SEEDS)
@pytest.mark.parametrize("name", sorted(SOURCES))
def test_each_source_is_titled_by_its_documents_heading(name: str) -> None:
    """The title a reader sees for a guide is the heading its document opens with."""
    heading = (SEEDS / name).read_text(encoding="utf-8").splitlines()[0]
    title = SOURCES[name]
    assert title.strip()
    assert title != name
    # the heading's words, in order; the title may restore punctuation and an "and" lost in it
    assert [w for w in words(title) if w != "and"] == [w for w in words(heading) if w != "and"]


def words(text: str) -> list[str]:
    """Return the lower-case words of ``text``, punctuation stripped, apostrophes normalised."""
    text = text.casefold().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[^\w\s']", " ", text).replace("'", "")
    return text.split()


def runs(text: str, length: int = 8) -> set[tuple[str, ...]]:
    """Return every run of ``length`` consecutive words in ``text``."""
    found = words(text)
    return {tuple(found[i : i + length]) for i in range(len(found) - length + 1)}


def test_word_runs_find_a_copied_sentence() -> None:
    """The copy detector itself sees through case, punctuation and curly apostrophes."""
    source = "Don\u2019t wait too long: send it, the same evening, to every person you met."
    copied = "don't WAIT too long -- send it the same evening to someone"
    assert runs(source) & runs(copied)
    assert not runs(source) & runs("Do not wait too long; send it that evening.")


@pytest.mark.skipif(not SEEDS.is_dir(), reason=NO_SEEDS)
def test_explanations_are_in_our_own_words() -> None:
    """No explanation copies 8 or more consecutive words from a source document."""
    seeds = {
        path.name: runs(path.read_text(encoding="utf-8"))
        for path in SEEDS.iterdir()
        if path.is_file()
    }
    copied = [
        (rule.id, name, " ".join(sorted(shared)[0]))
        for rule in RULES.values()
        for name, seed_runs in seeds.items()
        if (shared := runs(rule.explanation) & seed_runs)
    ]
    assert copied == []

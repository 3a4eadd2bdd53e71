"""The playbook as a user reads it: every rule with its reasons and sources, two tables, links."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.guidance import DISAGREEMENTS, PROFILES, RULES, SOURCES
from tests.conftest import shown

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOK = str(ROOT / "pages" / "playbook.py")


def label(rule_id: str) -> str:
    """A rule's entry as the user sees it: the title first, the code a small grey mark after."""
    return f"{RULES[rule_id].title} :gray[:small[{rule_id}]]"


def open_playbook(rule: str | None = None) -> AppTest:
    """Open the playbook, at one rule when given (as ``?rule=<id>``)."""
    at = AppTest.from_file(PLAYBOOK, default_timeout=30)
    if rule is not None:
        at.query_params["rule"] = rule
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def playbook() -> AppTest:
    """The playbook opened from the menu, without a link to a rule."""
    return open_playbook()


def test_every_rule_is_explained_with_its_sources(playbook: AppTest) -> None:
    """Each rule has an entry, led by its title, with its explanation and the guides' titles."""
    labels = [expander.label for expander in playbook.expander]
    assert labels == [label(rule_id) for rule_id in RULES]
    for expander, rule in zip(playbook.expander, RULES.values(), strict=True):
        texts = [shown(text.value) for text in expander.markdown]
        assert rule.explanation in texts, rule.id
        (sources,) = [shown(c.value) for c in expander.caption if c.value.startswith("Sources:")]
        assert sources == "Sources: " + "; ".join(SOURCES[name] for name in rule.sources)


def test_no_guide_is_named_by_its_file(playbook: AppTest) -> None:
    """Nowhere does the reader meet a file name or a file number: every guide goes by its title."""
    disagreements, profiles = (table.value for table in playbook.table)
    read = [
        *(shown(node.value) for node in (*playbook.markdown, *playbook.caption)),
        *disagreements["What the guides say"],
        *profiles["Sources"],
    ]
    for name in SOURCES:
        assert not [text for text in read if name in text or name[:3] in text], name
    for disagreement in DISAGREEMENTS:
        (said,) = disagreements.loc[
            disagreements["Question"] == disagreement.question, "What the guides say"
        ]
        for name, position in disagreement.positions:
            assert f"{position} ({SOURCES[name]})" in said, said
    for profile, sources in zip(PROFILES.values(), profiles["Sources"], strict=True):
        assert sources == "; ".join(SOURCES[name] for name in profile.sources)
    (guides,) = [m.value for m in playbook.markdown if m.value.startswith("- ")]
    assert guides.splitlines() == [f"- {title}" for title in SOURCES.values()]


def test_the_disagreements_and_the_profiles_are_tabled(playbook: AppTest) -> None:
    """The user finds where the guides disagree and the three follow-up profiles in two tables."""
    disagreements, profiles = (table.value for table in playbook.table)
    assert list(disagreements["Question"]) == [d.question for d in DISAGREEMENTS]
    assert list(disagreements["What the app does"]) == [d.app_default for d in DISAGREEMENTS]
    assert list(profiles["Profile"]) == ["Cautious", "Standard", "Eager"]
    assert list(profiles["Follow-ups after the thank-you"]) == [0, 1, 2]
    assert list(profiles["When"]) == [profile.summary for profile in PROFILES.values()]


@pytest.mark.parametrize("rule", ["T2", "S1", "F7"])
def test_a_link_to_a_rule_opens_that_rule_only(rule: str) -> None:
    """A link such as ?rule=T2 opens the playbook with that rule unfolded and the others closed."""
    at = open_playbook(rule)
    expanded = [e.label for e in at.expander if e.proto.expanded]
    assert expanded == [label(rule)]


def test_without_a_link_every_rule_is_closed(playbook: AppTest) -> None:
    """Opened from the menu, the playbook shows every rule folded."""
    assert not [e.label for e in playbook.expander if e.proto.expanded]

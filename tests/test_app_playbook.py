"""The playbook as a user reads it: every rule with its reasons and sources, two tables, links."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib.guidance import DISAGREEMENTS, PROFILES, RULES, SOURCES
from tests.conftest import shown

ROOT = Path(__file__).resolve().parent.parent
PLAYBOOK = str(ROOT / "pages" / "playbook.py")


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
    """Each rule has an entry with its explanation and the guides it comes from, by file name."""
    labels = [expander.label for expander in playbook.expander]
    assert labels == [f"{rule.id} · {rule.title}" for rule in RULES.values()]
    for expander, rule in zip(playbook.expander, RULES.values(), strict=True):
        texts = [shown(text.value) for text in expander.markdown]
        assert rule.explanation in texts, rule.id
        (sources,) = [shown(c.value) for c in expander.caption if c.value.startswith("Sources:")]
        for name in rule.sources:
            assert f"{SOURCES[name]} ({name})" in sources, (rule.id, name)
        others = set(SOURCES) - set(rule.sources)
        assert not [name for name in others if name in sources], rule.id


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
    assert expanded == [f"{rule} · {RULES[rule].title}"]


def test_without_a_link_every_rule_is_closed(playbook: AppTest) -> None:
    """Opened from the menu, the playbook shows every rule folded."""
    assert not [e.label for e in playbook.expander if e.proto.expanded]

"""Showing the user's own text in Streamlit markdown: literally, with no formatting or icons."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.text import escape_markdown
from tests.conftest import shown

ZWSP = "\u200b"
LINK_BREAK = ":small[]"  # an empty directive: renders as an empty <span>, nothing to read or copy
# GFM's autolink literals as Streamlit's markdown finds them in each text node, escapes resolved
WEB_ADDRESS = re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE)
EMAIL_ADDRESS = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")


def reads(markdown: str) -> str:
    """Return escaped markdown as the user reads (and copies) it: the empty link breaks show
    nothing, escapes and zero-width spaces neither."""
    return shown(markdown.replace(LINK_BREAK, ""))


def text_nodes(markdown: str) -> list[str]:
    """Return the runs of text the markdown renderer searches for addresses, split at breaks."""
    return [shown(part) for part in markdown.split(LINK_BREAK)]


@pytest.mark.parametrize(
    "text",
    [
        "Northwind Analytics",
        "Seán O'Donnell",
        "Crème brûlée, naïve café",
        "Zoë Ångström Øberg",
        "東京 データ エンジニア",
        "Great chat 🎉🚀",
        "",
    ],
)
def test_plain_text_is_left_alone(text: str) -> None:
    """Names with accents, other scripts and emoji show exactly as typed, with no escapes."""
    assert escape_markdown(text) == text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        pytest.param("*bold* _italic_", r"\*bold\* \_italic\_", id="emphasis"),
        pytest.param("**strong** __strong__", r"\*\*strong\*\* \_\_strong\_\_", id="strong"),
        pytest.param("~~gone~~", r"\~\~gone\~\~", id="strikethrough"),
        pytest.param("`code`", r"\`code\`", id="code"),
        pytest.param("[site](https://x.io)", r"\[site\]\(https:small[]\://x\.io\)", id="link"),
        pytest.param("![img](a.png)", r"\!\[img\]\(a\.png\)", id="image"),
        pytest.param("# Heading", r"\# Heading", id="heading"),
        pytest.param("## Sub", r"\#\# Sub", id="subheading"),
        pytest.param("<script>", r"\<script\>", id="html-tag"),
        pytest.param("<b>hi</b>", r"\<b\>hi\</b\>", id="html-element"),
        pytest.param("&amp;", r"\&amp;", id="html-entity"),
        pytest.param(":red[x]", r"\:red\[x\]", id="colour"),
        pytest.param(":blue-background[x]", r"\:blue\-background\[x\]", id="background-colour"),
        pytest.param("$math$", r"\$math\$", id="math"),
        pytest.param("$$x^2$$", r"\$\$x^2\$\$", id="display-math"),
        pytest.param("1. First", r"1\. First", id="numbered-list"),
        pytest.param("- item", r"\- item", id="bullet-list"),
        pytest.param("+ item", r"\+ item", id="plus-list"),
        pytest.param("> quote", r"\> quote", id="block-quote"),
        pytest.param("a | b", r"a \| b", id="table-pipe"),
        pytest.param("{curly}", r"\{curly\}", id="braces"),
    ],
)
def test_markdown_syntax_is_escaped(text: str, escaped: str) -> None:
    """Markdown, HTML, colours and maths in a name or note show as typed, never as formatting."""
    assert escape_markdown(text) == escaped


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        pytest.param(":material/home:", rf"\:{ZWSP}material/home\:", id="material-icon"),
        pytest.param(":smile:", rf"\:{ZWSP}smile\:", id="emoji"),
        pytest.param(":+1:", rf"\:{ZWSP}\+1\:", id="emoji-plus"),
        pytest.param(
            "Demo :rocket: went well", rf"Demo \:{ZWSP}rocket\: went well", id="inside-a-sentence"
        ),
        pytest.param("a:b:c:", rf"a\:{ZWSP}b\:{ZWSP}c\:", id="chained"),
        pytest.param("at 10:30", r"at 10\:30", id="clock-time-is-no-shortcode"),
    ],
)
def test_icon_shortcodes_are_broken_with_a_zero_width_space(text: str, escaped: str) -> None:
    """ ":smile:" or ":material/home:" in a note shows as typed, not as an icon."""
    assert escape_markdown(text) == escaped


@pytest.mark.parametrize(
    "text",
    [
        r"C:\Users\Priya\notes.txt",
        r"\\server\share",
        "back\\slash",
        "trailing backslash \\",
        r"\*already escaped\*",
        r"\:smile\:",
        "**",
        "***",
        "_",
        "::",
        ":smile::material/home:",
        "<<>>",
        "[]()",
        "$5 & 10% off!",
        "line one\nline two",
        "tab\there",
        "Seán O'Donnell <sean@northwind.example>",
        "-- ~ | # + . !",
        "`` ` ``",
    ],
)
def test_escaped_text_reads_as_typed(text: str) -> None:
    """Whatever the user typed, escapes included, they read back exactly that."""
    assert reads(escape_markdown(text)) == text


@settings(max_examples=100, database=None)
@given(st.text())
def test_any_text_reads_as_typed(text: str) -> None:
    """For any text at all, what the user reads is what they typed (ZWSP is invisible anyway)."""
    assert reads(escape_markdown(text)) == text.replace(ZWSP, "")


@pytest.mark.parametrize(
    "company",
    [
        "acme.com",
        "https://x.io",
        "http://acme.com/careers?id=1",
        "HTTPS://X.IO",
        "www.acme.com",
        "Acme (https://acme.io)",
        "Acme Inc. — www.acme.co.uk, jobs@acme.co.uk",
        "jo@acme.com",
        "https://www.acme.com",
        "[Acme](https://acme.io)",
        ":smile: https://x.io",
    ],
)
def test_a_web_address_in_a_name_stays_text(company: str) -> None:
    """A company typed as "acme.com" or "https://x.io" reads and copies as typed, never a link."""
    escaped = escape_markdown(company)
    assert reads(escaped) == company
    for node in text_nodes(escaped):
        assert not WEB_ADDRESS.search(node), (company, node)
        assert not EMAIL_ADDRESS.search(node), (company, node)
    assert escape_markdown(company).count(LINK_BREAK) == len(
        re.findall(r"https?(?=:)|www(?=\.)|@", company, re.IGNORECASE)
    )


def test_the_unbroken_escape_alone_would_still_link() -> None:
    """Escaping alone is not enough: with the breaks taken out, the address would form again."""
    escaped = escape_markdown("Acme https://x.io, jo@acme.com")
    joined = shown(escaped.replace(LINK_BREAK, ""))
    assert WEB_ADDRESS.search(joined)
    assert EMAIL_ADDRESS.search(joined)
    assert not any(WEB_ADDRESS.search(node) for node in text_nodes(escaped))


@settings(max_examples=200, database=None)
@given(
    st.lists(
        st.sampled_from(
            ["http", "HTTPS", "s", "www", "Ww", ":", "//", ".", "@", "a", "-", " ", "\\"]
        )
    ).map("".join)
)
def test_no_address_forms_in_any_text(text: str) -> None:
    """Whatever mix of address characters is typed, no run of text the renderer sees links."""
    escaped = escape_markdown(text)
    assert reads(escaped) == text
    for node in text_nodes(escaped):
        assert not WEB_ADDRESS.search(node), (text, node)
        assert not EMAIL_ADDRESS.search(node), (text, node)


@settings(max_examples=100, database=None)
@given(st.text(alphabet=st.sampled_from("ab1_/+-: \\*[]<>$`")))
def test_no_shortcode_or_bare_markup_survives(text: str) -> None:
    """After escaping, no icon shortcode can form and every markdown character is escaped."""
    escaped = escape_markdown(text)
    assert not re.search(r":[\w/+-]+:", escaped)
    assert not re.search(r"[\\`*_\[\]<>:$+-]", re.sub(r"\\.", "", escaped))

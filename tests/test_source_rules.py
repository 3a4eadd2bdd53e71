"""Rules about the source itself that no page test would notice until too late."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW_HTML = re.compile(r"unsafe_allow_html\s*=\s*True|\bst\.html\(|components\.v1|\.html\(")


def test_no_page_renders_raw_html() -> None:
    """User and model text reach the page only through escaped markdown or plain widgets: no
    raw-HTML element anywhere in the app (an HTML card is a download, never rendered)."""
    sources = [
        ROOT / "app.py",
        *sorted((ROOT / "lib").glob("*.py")),
        *(ROOT / "pages").glob("*.py"),
    ]
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if RAW_HTML.search(line)
    ]
    assert not found, found

"""One benchmark run on this machine: the timeline's cost, a page rerun, and the offline composer.

Run with ``make bench``. It prints a table and checks nothing: no assertion, no pass or fail.

1. Plan every application and build the timeline chart's spec (``timeline_chart(...).to_dict()``)
   for 10, 100 and 1,000 synthetic applications (best of 3), with the spec's size.
2. Rerun the home page (and the timeline) with 200 applications in a temporary database through
   AppTest, against a bare one-line Streamlit page (median of 5 reruns each).
3. Compose an offline thank-you and review it, per interviewer of the evaluation scenarios
   (data/eval), each panel in two office cultures.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as `python bench/bench.py` from anywhere

from streamlit.logger import get_logger  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from lib.charts import timeline_chart, timeline_data  # noqa: E402
from lib.compose import compose_follow_up, compose_thank_you  # noqa: E402
from lib.evaluate import load_scenarios  # noqa: E402
from lib.model import Application, Interviewer, Sender  # noqa: E402
from lib.review import review  # noqa: E402
from lib.schedule import plan  # noqa: E402
from lib.store import open_store  # noqa: E402

SIZES = (10, 100, 1_000)
BEST_OF = 3
RERUNS = 5
PAGE_APPLICATIONS = 200
BARE_PAGE = "import streamlit as st\nst.write('x')"
VIEWER_ZONE = ZoneInfo("Europe/London")
PLACES = (
    ("US", "America/New_York"),
    ("US", "America/Los_Angeles"),
    ("GB", "Europe/London"),
    ("DE", "Europe/Berlin"),
    ("IN", "Asia/Kolkata"),
    ("JP", "Asia/Tokyo"),
    ("AU", "Australia/Sydney"),
    ("CA", "America/Toronto"),
)
COMPANIES = (
    "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Proseware", "Woodgrove",
    "Adventure Works", "Coho Winery", "Fourth Coffee", "Trey Research", "VanArsdel",
)  # fmt: skip
ROLES = ("Data Engineer", "Product Analyst", "Backend Developer", "Nurse Manager", "Teacher")
FIRST_NAMES = ("Priya", "Seán", "Mei", "Jonas", "Amara", "Luis", "Chloé", "Kenji", "Zoe")
LAST_NAMES = ("Raghunathan", "O'Donnell", "Tanaka", "Berg", "Okafor", "García", "Dubois")
CULTURES = ("casual", "standard", "formal")
# what Streamlit logs on every AppTest outside a server: harmless, and noise in the table
BARE_MODE_NOISE = ("missing ScriptRunContext", "No runtime found")
BARE_MODE_LOGGERS = (
    "streamlit.runtime.scriptrunner_utils.script_run_context",
    "streamlit.runtime.caching.cache_data_api",
    "streamlit.runtime.caching.cache_resource_api",
)


def quiet_bare_mode_warnings() -> None:
    """Drop Streamlit's bare-mode warnings (only those) from its loggers."""

    def keep(record: logging.LogRecord) -> bool:
        return not any(noise in record.getMessage() for noise in BARE_MODE_NOISE)

    for name in BARE_MODE_LOGGERS:
        get_logger(name).addFilter(keep)


def synthetic_applications(count: int, now: datetime, seed: int = 2026) -> list[Application]:
    """Return ``count`` open applications with varied places, profiles, panels and contacts."""
    rng = random.Random(seed)
    apps = []
    for number in range(count):
        country, zone = rng.choice(PLACES)
        interview = (now - timedelta(minutes=rng.randint(-2 * 1440, 21 * 1440))).astimezone(
            ZoneInfo(zone)
        )
        people = [
            {"id": f"p{index}", "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"}
            for index in range(rng.randint(1, 4))
        ]
        for index, person in enumerate(people):  # names must differ within a panel
            person["name"] += f" {index + 1}" if index else ""
        contacts = []
        for person in people:
            sent = interview + timedelta(hours=rng.randint(1, 30))
            if sent < now and rng.random() < 0.6:
                contacts.append({"interviewer_id": person["id"], "kind": "thank_you", "at": sent})
                later = sent + timedelta(days=rng.randint(6, 12))
                if later < now and rng.random() < 0.5:
                    contacts.append(
                        {"interviewer_id": person["id"], "kind": "follow_up", "at": later}
                    )
        decided = rng.random() < 0.3
        apps.append(
            Application.model_validate(
                {
                    "id": f"bench{number:05}",
                    "company": f"{rng.choice(COMPANIES)} {number}",
                    "role": rng.choice(ROLES),
                    "interview_at": interview,
                    "timezone": zone,
                    "country": country,
                    "culture": rng.choice(CULTURES),
                    "profile": rng.choice(("cautious", "standard", "eager")),
                    "decision_date": (
                        interview.date() + timedelta(days=rng.randint(3, 14)) if decided else None
                    ),
                    "references_notified": rng.random() < 0.5,
                    "interviewers": people,
                    "contacts": contacts,
                }
            )
        )
    return apps


def best_of(runs: int, action: Callable[[], Any]) -> tuple[float, Any]:
    """Return the fastest of ``runs`` timings (seconds) and the last result."""
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), result


def chart_costs(now: datetime) -> list[str]:
    """Time planning and the chart spec for each size."""
    lines = [
        "Plan + chart spec (best of 3)",
        f"  {'applications':>12}  {'milestones':>10}  {'plan ms':>9}  {'plan + spec ms':>14}"
        f"  {'spec KB':>8}",
    ]
    for size in SIZES:
        apps = synthetic_applications(size, now)
        plan_time, plans = best_of(BEST_OF, lambda apps=apps: [plan(app, now) for app in apps])
        total_time, spec = best_of(
            BEST_OF,
            lambda apps=apps: timeline_chart(timeline_data(apps, now, VIEWER_ZONE)).to_dict(),
        )
        size_kb = len(json.dumps(spec).encode()) / 1024
        milestones = sum(len(milestones) for milestones in plans)
        lines.append(
            f"  {size:>12,}  {milestones:>10,}  {plan_time * 1000:>9.1f}  "
            f"{total_time * 1000:>14.1f}  {size_kb:>8.1f}"
        )
    return lines


def median_rerun(at: AppTest) -> tuple[float, str]:
    """Return the median of RERUNS reruns (seconds), after a first run; and any exception."""
    at.run()
    times = []
    for _ in range(RERUNS):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    problem = "; ".join(str(error.value) for error in at.exception)
    return statistics.median(times), problem


@contextmanager
def database_with(apps: list[Application]) -> Iterator[Path]:
    """A temporary COACH_DB holding ``apps``, for the length of the block."""
    previous = os.environ.get("COACH_DB")
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as folder:
        path = Path(folder) / "coach.db"
        store = open_store(path)
        for app in apps:
            store.create(app)
        os.environ["COACH_DB"] = str(path)
        try:
            yield path
        finally:
            if previous is None:
                os.environ.pop("COACH_DB", None)
            else:
                os.environ["COACH_DB"] = previous


def page_costs(now: datetime) -> list[str]:
    """Time AppTest reruns of the home page and the timeline against a bare page."""
    quiet_bare_mode_warnings()
    bare, _ = median_rerun(AppTest.from_string(BARE_PAGE, default_timeout=120))
    lines = [
        f"AppTest rerun, {PAGE_APPLICATIONS} applications in a temporary COACH_DB "
        f"(median of {RERUNS})",
        f"  {'page':<34}  {'ms':>8}  {'x bare':>7}",
        f"  {'bare one-line page':<34}  {bare * 1000:>8.1f}  {1:>7.1f}",
    ]
    with database_with(synthetic_applications(PAGE_APPLICATIONS, now)):
        home = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        timeline = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        timeline.run()
        timeline.switch_page("pages/timeline.py")
        for name, at in (("home (app.py)", home), ("timeline", timeline)):
            seconds, problem = median_rerun(at)
            lines.append(f"  {name:<34}  {seconds * 1000:>8.1f}  {seconds / bare:>7.1f}")
            if problem:
                lines.append(f"    the page raised: {problem}")
    return lines


COMPOSE_BUDGET_MS = 20  # the offline composer stays deterministic and fast (issue 11)


def composer_costs() -> list[str]:
    """Time compose + review of one thank-you, and of one follow-up, per interviewer."""
    panels: list[tuple[Application, Sender]] = []
    for scenario in load_scenarios(ROOT / "data" / "eval"):
        app = scenario.application
        other = CULTURES[(CULTURES.index(app.culture) + 1) % len(CULTURES)]
        panels += [
            (app, scenario.sender),
            (app.model_copy(update={"culture": other}), scenario.sender),
        ]

    def one(app: Application, person: Interviewer, sender: Sender, others: list[str]) -> str:
        text = compose_thank_you(app, person, sender)
        review(text, app, person, others, sender.name)
        return text

    app, sender = panels[0]
    cold, _ = best_of(1, lambda: one(app, app.interviewers[0], sender, []))
    thank_you_times: list[float] = []
    follow_up_times: list[float] = []
    for app, sender in panels:
        written: list[str] = []
        for person in app.interviewers:
            start = time.perf_counter()
            text = one(app, person, sender, written)
            thank_you_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            follow_up = compose_follow_up(app, person, sender)
            review(follow_up, app, person, [text], sender.name, "follow_up")
            follow_up_times.append(time.perf_counter() - start)
            written.append(text)
    lines = [
        f"Offline compose + review per interviewer ({len(thank_you_times)} interviewers: "
        f"{len(panels) // 2} scenarios x 2 office cultures)",
        f"  {'draft':<12}  {'median ms':>9}  {'p90 ms':>7}  {'max ms':>7}",
    ]
    for name, times in (("thank-you", thank_you_times), ("follow-up", follow_up_times)):
        ordered = sorted(times)
        p90 = ordered[int(0.9 * (len(ordered) - 1))]
        lines.append(
            f"  {name:<12}  {statistics.median(times) * 1000:>9.1f}  {p90 * 1000:>7.1f}  "
            f"{ordered[-1] * 1000:>7.1f}"
        )
    compose_only = []
    for app, sender in panels:
        for person in app.interviewers:
            start = time.perf_counter()
            compose_thank_you(app, person, sender)
            compose_only.append(time.perf_counter() - start)
    lines.append(
        f"  composing alone, slowest thank-you: {max(compose_only) * 1000:.1f} ms "
        f"(budget {COMPOSE_BUDGET_MS} ms a note, compose + review)"
    )
    lines.append(f"  first call of the process (loads the dictionaries): {cold * 1000:.0f} ms")
    return lines


def main() -> None:
    """Run every part and print the table."""
    now = datetime.now(UTC)
    print(
        f"Follow-Up Coach benchmark, {now:%Y-%m-%d %H:%M} UTC · Python "
        f"{platform.python_version()} · streamlit {version('streamlit')} · altair "
        f"{version('altair')} · {platform.machine()}, {os.cpu_count()} CPUs"
    )
    for part in (lambda: chart_costs(now), lambda: page_costs(now), composer_costs):
        print()
        print("\n".join(part()), flush=True)


if __name__ == "__main__":
    main()

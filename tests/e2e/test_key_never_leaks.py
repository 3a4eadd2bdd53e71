"""In a real browser: a planted API key never reaches the page, the websocket, files or the log.

The AppTest suite already searches the database, the export, the Python log and the page
elements for a planted key. This test searches what only a real ``streamlit run`` shows: the
HTML and the form values of the served page at every step, every websocket frame in both
directions, every HTTP response body, the downloaded export, the database files and the server
process's own stdout and stderr. Two keys are planted: one in the server's environment, one
typed on the Settings page. The loopback OpenAI server refuses both, echoing the key back in its
error as a careless or hostile server might, so the app's error messages are searched too.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, Response, WebSocket, expect

from lib import demo
from lib.store import open_store
from lib.ui_support import PAGES
from tests.conftest import PRIYA_THANK_YOU
from tests.e2e.conftest import running_app, wait_until_rendered
from tests.fake_openai import FakeOpenAI, reply, status

APP_ID = "demo-northwind"  # the sample application interviewed today, nobody thanked yet
MODEL = "loopback-model"
INPUT_VALUES = """() => JSON.stringify({
    fields: Array.from(document.querySelectorAll('input, textarea'), (field) => field.value),
    local: {...localStorage},
    session: {...sessionStorage},
})"""


def planted_key(source: str) -> str:
    """Return a fresh OpenAI-style key that no page, file or log could hold by chance."""
    return f"sk-planted-{source}-{secrets.token_hex(16)}"


def echoed_refusal(key: str) -> str:
    """Return OpenAI's own 401 text, which quotes the key it was given."""
    return (
        f"Incorrect API key provided: {key}. You can find your API key at "
        "https://platform.openai.com/account/api-keys."
    )


def as_bytes(payload: bytes | str) -> bytes:
    """Return a websocket frame's payload as bytes (text frames are UTF-8)."""
    return payload if isinstance(payload, bytes) else payload.encode()


@dataclass
class BrowserCapture:
    """Everything the browser received from (and sent to) the server, kept for searching."""

    received: list[bytes] = field(default_factory=list)  # websocket frames, server to browser
    sent: list[bytes] = field(default_factory=list)  # websocket frames, browser to server
    bodies: dict[str, bytes] = field(default_factory=dict)  # "n METHOD url" -> headers + body
    bodiless: list[str] = field(default_factory=list)  # responses with no body to read
    pages: dict[str, bytes] = field(default_factory=dict)  # step -> URL, HTML, field values
    _unread: list[Response] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        """Start recording every websocket frame and HTTP response of the page."""
        page.on("websocket", self._watch_socket)
        page.on("response", self._keep_response)

    def _keep_response(self, response: Response) -> None:
        """Keep a response until the next snapshot reads its body."""
        self._unread.append(response)

    def _watch_socket(self, socket_: WebSocket) -> None:
        """Record the frames of one websocket (a new one opens on every page load)."""
        socket_.on("framereceived", lambda payload: self.received.append(as_bytes(payload)))
        socket_.on("framesent", lambda payload: self.sent.append(as_bytes(payload)))

    def snapshot(self, page: Page, step: str) -> None:
        """Read the responses that arrived so far, and keep the page as it is after ``step``."""
        while self._unread:
            response = self._unread.pop(0)
            name = f"{len(self.bodies)} {response.request.method} {response.url}"
            headers = repr(response.headers).encode()
            try:
                self.bodies[name] = headers + b"\n" + response.body()
                continue
            except PlaywrightError:  # chromium keeps no body for some (fonts, aborted fetches)
                self.bodies[name] = headers
            if "/media/" in response.url:  # a download button's file, checked by the page
                again = page.request.get(response.url)
                if again.ok:
                    self.bodies[f"{name} (fetched again)"] = again.body()
                    continue
            self.bodiless.append(f"{name} {response.status} {headers.decode()}")
        content = f"{page.url}\n{page.content()}\n{page.evaluate(INPUT_VALUES)}"
        self.pages[step] = content.encode()


def places_holding(key: str, sources: Mapping[str, bytes]) -> list[str]:
    """Return the names of the sources whose bytes contain the key's random part.

    The random hex part is searched rather than the whole key: markdown escaping turns the
    key's hyphens into ``\\-`` in the markdown that the websocket carries.
    """
    needle = key.rsplit("-", 1)[1].encode()
    return [name for name, data in sources.items() if needle in data]


def database_files(db_path: Path) -> dict[str, bytes]:
    """Return the SQLite database and its WAL and shared-memory files, by name."""
    paths = [db_path, *(db_path.with_name(db_path.name + end) for end in ("-wal", "-shm"))]
    return {path.name: path.read_bytes() for path in paths if path.exists()}


def show_page(page: Page, url: str) -> None:
    """Open a URL (a new session) and wait until its script run ended without an exception."""
    page.goto(url)
    wait_until_rendered(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


def click_until_shown(page: Page, button: str, shown: Locator) -> None:
    """Click the first button of that name, wait until its run shows ``shown``, then until the
    run ends (right after a click the page may still look finished from the run before)."""
    page.get_by_role("button", name=button).first.click()
    expect(shown).to_be_visible(timeout=20_000)
    wait_until_rendered(page)


def test_planted_keys_never_reach_browser_files_or_server_log(
    page: Page, chromium_executable: str, fake_openai: FakeOpenAI, tmp_path: Path
) -> None:
    """A user with a key in the server's environment visits every page, drafts a note, meets a
    refused key and a server error, types a second key in Settings and exports the data: the
    keys are used, the errors are shown, and neither key appears anywhere the browser, the disk
    or the server log could show it."""
    env_key, typed_key = planted_key("env"), planted_key("typed")
    db_path = tmp_path / "served.db"
    store = open_store(db_path)
    for application in demo.sample_applications(datetime.now(UTC)):
        store.create(application)
    store.save_sender(demo.SAMPLE_SENDER)
    fake_openai.default = reply(PRIYA_THANK_YOU)
    capture = BrowserCapture()
    capture.watch(page)
    page.set_viewport_size({"width": 1366, "height": 900})
    server_env = {
        "OPENAI_API_KEY": env_key,
        "OPENAI_BASE_URL": fake_openai.base_url,
        "COACH_MODEL": MODEL,
    }
    refusal_echo = page.get_by_text("Incorrect API key provided:")  # the scrubbed echo, shown
    with running_app(db_path, server_env) as served:
        url = served.url
        for path, _, _ in PAGES:
            slug = path.removeprefix("pages/").removesuffix(".py")
            show_page(page, f"{url}/{'' if slug == 'home' else slug}?app={APP_ID}")
            capture.snapshot(page, f"page {slug}")

        # Thank-you page: a streamed draft with the environment's key, then two failures.
        show_page(page, f"{url}/thank_you?app={APP_ID}")
        click_until_shown(page, "Write with the LLM", page.get_by_text("No problems found"))
        expect(page.get_by_label("Draft").first).to_have_value(PRIYA_THANK_YOU)
        capture.snapshot(page, "thank-you draft written by the LLM")
        fake_openai.enqueue(status(401, echoed_refusal(env_key)))
        click_until_shown(page, "Write with the LLM", refusal_echo)
        capture.snapshot(page, "thank-you key refused (401)")
        fake_openai.enqueue(*[status(500, f"Upstream rejected {env_key}")] * 3)  # 2 retries
        server_error = page.get_by_text("had a server error (500), even after 2 retries")
        click_until_shown(page, "Write with the LLM", server_error)
        capture.snapshot(page, "thank-you server error (500)")

        # Settings: test the environment's key, then type another key and test that one.
        show_page(page, f"{url}/settings")
        expect(page.get_by_text("(from the environment)")).to_be_visible()
        fake_openai.enqueue(status(401, echoed_refusal(env_key)))
        click_until_shown(page, "Test connection", refusal_echo)
        capture.snapshot(page, "settings environment key refused (401)")
        page.get_by_text("An OpenAI-compatible server").click()
        base_url_box = page.get_by_label("Base URL", exact=True)
        expect(base_url_box).to_be_visible(timeout=20_000)
        wait_until_rendered(page)
        base_url_box.fill(fake_openai.base_url)
        page.get_by_label("Model", exact=True).fill("typed-model")
        page.get_by_label("API key (optional for most local servers)", exact=True).fill(typed_key)
        typed_in_box = page.evaluate(INPUT_VALUES)  # the control: the box does hold the key
        click_until_shown(page, "Use these settings", page.get_by_text("(from this session)"))
        capture.snapshot(page, "settings typed key in use")
        fake_openai.enqueue(status(401, echoed_refusal(typed_key)))
        click_until_shown(page, "Test connection", refusal_echo)
        capture.snapshot(page, "settings typed key refused (401)")

        with page.expect_download() as download:
            page.get_by_role("button", name="Export everything (JSON)").click()
        export = Path(download.value.path()).read_bytes()
        capture.snapshot(page, "settings after the export")
        files_while_serving = database_files(db_path)
    server_log = served.log()

    keys_sent = [request.headers.get("authorization") for request in fake_openai.requests]
    assert keys_sent.count(f"Bearer {env_key}") == 6  # a draft, a 401, three 500s, a 401
    assert keys_sent[-1] == f"Bearer {typed_key}"
    assert typed_key in typed_in_box
    assert places_holding(typed_key, {"sent": b"".join(capture.sent)}) == ["sent"]
    echo_on_socket = b"Incorrect API key provided" in b"".join(capture.received)
    assert echo_on_socket  # the scrubbed echo travelled the websocket, so the search covers it
    unread = [name for name in capture.bodiless if "/static/" not in name]
    assert not unread, f"no body to search in: {unread}"  # only Streamlit's own files may lack one
    assert APP_ID.encode() in export
    assert b"Streamlit" in server_log
    assert PRIYA_THANK_YOU.splitlines()[0].encode() in b"".join(files_while_serving.values())

    searched = {
        **{f"page after {step}": html for step, html in capture.pages.items()},
        **{f"frame {n} received": frame for n, frame in enumerate(capture.received)},
        **{f"frame {n} sent": frame for n, frame in enumerate(capture.sent)},
        **{f"response {name}": body for name, body in capture.bodies.items()},
        "export": export,
        "server log": server_log,
        **{f"{name} while serving": data for name, data in files_while_serving.items()},
        **{f"{name} after stopping": data for name, data in database_files(db_path).items()},
    }
    sizes = {
        "pages": sum(map(len, capture.pages.values())),
        "frames received": (len(capture.received), sum(map(len, capture.received))),
        "frames sent": (len(capture.sent), sum(map(len, capture.sent))),
        "responses": (len(capture.bodies), sum(map(len, capture.bodies.values()))),
        "responses without a readable body": len(capture.bodiless),
        "export": len(export),
        "server log": len(server_log),
        "database files": {n: len(d) for n, d in files_while_serving.items()},
    }
    print(f"searched: {sizes}")
    env_key_found = places_holding(env_key, searched)
    assert not env_key_found, f"the environment's key leaked into: {env_key_found}"
    sent_frames = {f"frame {n} sent" for n in range(len(capture.sent))}  # the typing itself
    typed_key_found = [n for n in places_holding(typed_key, searched) if n not in sent_frames]
    assert not typed_key_found, f"the key typed in Settings leaked into: {typed_key_found}"

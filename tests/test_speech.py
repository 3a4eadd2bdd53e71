"""Speech to text for the spoken debrief: real speech, a loopback server, the offline model.

The speech is real audio from espeak-ng, made inside the test; without espeak-ng those tests
skip, unless COACH_REQUIRE_SPEECH=1 makes a missing espeak-ng a failure. The server's side goes
over HTTP to ``FakeOpenAI`` on 127.0.0.1, which records the uploaded form byte for byte; the
offline side runs the real PocketSphinx model. Nothing reaches the internet.

PocketSphinx is rough on espeak-ng's synthetic voices (measured here: a third to most of the
words wrong, depending on the voice), so the offline tests assert only the words it got right
at every sample rate tried, never a whole sentence.
"""

from __future__ import annotations

import builtins
import io
import re
import socket
import sys
import time
import wave
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from lib import llm, speech
from lib.llm_base import DEFAULT_TRANSCRIPTION_MODEL, LLMError, LLMSettings
from lib.speech import (
    MAX_RECORDING_SECONDS,
    OFFLINE_ENGINE,
    TARGET_RATE,
    SpeechError,
    read_recording,
    transcribe,
    transcribe_offline,
    transcribe_on_server,
)
from tests.conftest import Speak
from tests.fake_openai import (
    TRANSCRIPTION_PATH,
    FakeOpenAI,
    Received,
    answer,
    delay,
    garbled,
    status,
    transcription,
)

SECRET = "sk-test-SECRET-123"
SENTENCE = "Priya asked about streaming."
DEBRIEF = "Priya asked about streaming. Thank you for meeting with me today."
SERVER_WAY_OUT = "or transcribe offline instead (the text box always works)."


def settings_for(
    server: FakeOpenAI,
    *,
    api_key: str = SECRET,
    timeout: float = 2.0,
    max_retries: int = 0,
    transcription_model: str = DEFAULT_TRANSCRIPTION_MODEL,
) -> LLMSettings:
    """Return settings that talk to the fake server, with a planted key and short waits."""
    return LLMSettings(
        model="gpt-4o-mini",
        base_url=server.base_url,
        api_key=api_key,
        timeout=timeout,
        max_retries=max_retries,
        transcription_model=transcription_model,
    )


def uploads(server: FakeOpenAI) -> list[Received]:
    """Return the transcription requests the fake server received."""
    return [probe for probe in server.probes if probe.path == TRANSCRIPTION_PATH]


def wav_bytes(samples: np.ndarray, rate: int, width: int = 2) -> bytes:
    """Return float samples in [-1, 1] (one column per channel) as a PCM WAV file."""
    frames = samples if samples.ndim == 2 else samples[:, None]
    if width == 1:
        data = np.round(frames * 127 + 128).astype(np.uint8).tobytes()
    elif width == 3:
        whole = np.round(frames * (2**23 - 1)).astype("<i4")
        data = whole.view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    else:
        data = np.round(frames * (2 ** (8 * width - 1) - 1)).astype(f"<i{width}").tobytes()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(frames.shape[1])
        out.setsampwidth(width)
        out.setframerate(rate)
        out.writeframes(data)
    return buffer.getvalue()


def tone(hertz: float, rate: int, seconds: float = 1.0, level: float = 0.5) -> np.ndarray:
    """Return a sine tone as float samples."""
    return level * np.sin(2 * np.pi * hertz * np.arange(int(rate * seconds)) / rate)


def resampled(audio: bytes, rate: int, channels: int) -> bytes:
    """Return a WAV at another rate and channel count, band-limited (FFT), as a browser's is."""
    with wave.open(io.BytesIO(audio)) as source:
        original = source.getframerate()
        samples = np.frombuffer(source.readframes(source.getnframes()), "<i2") / 32768
    count = round(len(samples) * rate / original)
    moved = np.fft.irfft(np.fft.rfft(samples), count) * count / len(samples)
    return wav_bytes(np.repeat(np.clip(moved, -1, 1)[:, None], channels, axis=1), rate)


def samples_of(pcm: bytes) -> np.ndarray:
    """Return 16-bit PCM as float samples."""
    return np.frombuffer(pcm, "<i2") / 32768


def strongest_hertz(samples: np.ndarray, rate: int) -> float:
    """Return the frequency with the most energy."""
    spectrum = np.abs(np.fft.rfft(samples))
    return float(np.fft.rfftfreq(len(samples), 1 / rate)[spectrum.argmax()])


def words(text: str) -> set[str]:
    """Return the lower-case words of a text, without punctuation."""
    return {word.strip(".,!?").lower() for word in text.split()}


def free_port() -> int:
    """Return a loopback port that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- the recording ---------------------------------------------------------------------------


def test_a_16_khz_mono_recording_passes_through_unchanged() -> None:
    """What st.audio_input sends by default is already right: its samples are kept exactly."""
    audio = wav_bytes(tone(440, TARGET_RATE), TARGET_RATE)

    recording = read_recording(audio)

    with wave.open(io.BytesIO(audio)) as source:
        assert recording.pcm == source.readframes(source.getnframes())
    assert recording.seconds == 1.0


@pytest.mark.parametrize(
    ("rate", "channels", "width"),
    [(48_000, 2, 2), (44_100, 1, 2), (44_100, 2, 3), (22_050, 1, 1), (32_000, 1, 4), (8_000, 1, 2)],
)
def test_any_pcm_wav_becomes_16_khz_mono_keeping_its_sound(
    rate: int, channels: int, width: int
) -> None:
    """A browser's 44.1/48 kHz stereo (or any PCM width) arrives as 16 kHz mono: same length,
    same pitch, same loudness."""
    sound = tone(440, rate)
    audio = wav_bytes(np.repeat(sound[:, None], channels, axis=1), rate, width)

    recording = read_recording(audio)

    samples = samples_of(recording.pcm)
    assert recording.seconds == pytest.approx(1.0, abs=1 / rate + 1 / TARGET_RATE)
    assert strongest_hertz(samples, TARGET_RATE) == pytest.approx(440, abs=2)
    middle = samples[1000:-1000]  # away from the filter's edges
    assert np.sqrt(np.mean(middle**2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.03)


def test_sound_above_what_16_khz_can_hold_is_filtered_out_not_folded_in() -> None:
    """A 12 kHz whine in a 48 kHz recording is removed, not aliased down to a false 4 kHz tone."""
    audio = wav_bytes(tone(440, 48_000) + tone(12_000, 48_000, level=0.4), 48_000)

    samples = samples_of(read_recording(audio).pcm)

    spectrum = np.abs(np.fft.rfft(samples))
    hertz = np.fft.rfftfreq(len(samples), 1 / TARGET_RATE)
    folded = spectrum[np.abs(hertz - 4000) < 50].max()  # 16 kHz - 12 kHz
    assert folded < spectrum.max() / 100  # at least 40 dB below the 440 Hz tone


def test_the_two_channels_of_a_stereo_recording_are_mixed() -> None:
    """A recording with the voice on one side only still has it, at half the level."""
    left = tone(300, 48_000)
    audio = wav_bytes(np.stack([left, np.zeros_like(left)], axis=1), 48_000)

    samples = samples_of(read_recording(audio).pcm)[1000:-1000]

    assert np.sqrt(np.mean(samples**2)) == pytest.approx(0.25 / np.sqrt(2), rel=0.03)


@pytest.mark.parametrize(
    "audio",
    [b"", wav_bytes(np.zeros(0), TARGET_RATE)],
    ids=["no-bytes", "wav-without-frames"],
)
def test_an_empty_recording_says_to_record_again(audio: bytes) -> None:
    """The microphone gave nothing: the user is asked to record again or type."""
    with pytest.raises(SpeechError) as caught:
        read_recording(audio)

    assert caught.value.kind == "no_audio"
    assert "empty" in caught.value.message
    assert "Record again, or type the notes in the text box." in caught.value.message


def float_wav() -> bytes:
    """Return a WAV file of 32-bit float samples (format 3), which is not PCM."""
    data = np.zeros(1600, "<f4").tobytes()
    header = (
        b"fmt "
        + (16).to_bytes(4, "little")
        + (3).to_bytes(2, "little")  # IEEE float
        + (1).to_bytes(2, "little")
        + TARGET_RATE.to_bytes(4, "little")
        + (TARGET_RATE * 4).to_bytes(4, "little")
        + (4).to_bytes(2, "little")
        + (32).to_bytes(2, "little")
    )
    body = b"WAVE" + header + b"data" + len(data).to_bytes(4, "little") + data
    return b"RIFF" + len(body).to_bytes(4, "little") + body


@pytest.mark.parametrize(
    "audio",
    [
        b"ID3\x04\x00\x00\x00\x00\x00\x00 an mp3 file",
        b"Priya asked about streaming",
        float_wav(),
        wav_bytes(tone(440, TARGET_RATE), TARGET_RATE)[:30],
    ],
    ids=["mp3", "text", "float-samples", "cut-header"],
)
def test_audio_that_is_not_a_pcm_wav_is_refused_with_the_reason(audio: bytes) -> None:
    """Anything but a PCM WAV file is refused, saying why, before any server sees it."""
    with pytest.raises(SpeechError) as caught:
        read_recording(audio)

    assert caught.value.kind == "not_wav"
    reason = r"The recording could not be read as a WAV file \(\w[^)]*\w\)\. "
    assert re.match(reason, caught.value.message)
    assert "Record again, or type the notes in the text box." in caught.value.message


def test_a_recording_over_the_limit_is_refused_before_it_is_read() -> None:
    """Six minutes of talk is more than the limit: the user hears the length and the limit."""
    audio = wav_bytes(np.zeros(8_000 * 372), 8_000, width=1)

    with pytest.raises(SpeechError) as caught:
        read_recording(audio)

    assert caught.value.kind == "too_long"
    assert "6 min 12 s long" in caught.value.message
    assert f"at most {MAX_RECORDING_SECONDS // 60} minutes" in caught.value.message


def test_a_recording_of_exactly_the_limit_is_accepted() -> None:
    """The limit itself is allowed."""
    audio = wav_bytes(np.zeros(8_000 * MAX_RECORDING_SECONDS), 8_000, width=1)

    assert read_recording(audio).seconds == MAX_RECORDING_SECONDS


# -- the server's transcription endpoint ------------------------------------------------------


def test_the_server_receives_a_16_khz_wav_and_the_model_and_its_text_comes_back(
    fake_openai: FakeOpenAI, speak: Speak
) -> None:
    """A spoken debrief goes to the server as a WAV upload; the page gets its words and can say
    which model at which server wrote them."""
    fake_openai.route("POST", TRANSCRIPTION_PATH, transcription(SENTENCE))
    audio = speak(SENTENCE)

    transcript = transcribe_on_server(audio, settings_for(fake_openai))

    assert transcript.text == SENTENCE
    assert transcript.way == "server"
    assert transcript.engine == f"whisper-1 at {fake_openai.base_url}"
    (upload,) = uploads(fake_openai)
    assert upload.body["model"] == "whisper-1"
    assert upload.headers["authorization"] == f"Bearer {SECRET}"
    sent = upload.files["file"]
    assert sent.filename.endswith(".wav")
    assert sent.content_type == "audio/wav"
    with wave.open(io.BytesIO(sent.data)) as received:
        assert (received.getframerate(), received.getnchannels(), received.getsampwidth()) == (
            16_000,
            1,
            2,
        )
        seconds = received.getnframes() / received.getframerate()
    with wave.open(io.BytesIO(audio)) as spoken:
        assert seconds == pytest.approx(spoken.getnframes() / spoken.getframerate(), abs=0.01)
    assert transcript.seconds == pytest.approx(seconds)


def test_the_transcription_model_in_the_settings_is_the_one_asked_for(
    fake_openai: FakeOpenAI,
) -> None:
    """A local faster-whisper server gets the model name it knows, not whisper-1."""
    fake_openai.route("POST", TRANSCRIPTION_PATH, transcription("Hello."))
    settings = settings_for(fake_openai, transcription_model="Systran/faster-whisper-small")

    transcript = transcribe_on_server(wav_bytes(tone(440, 16_000), 16_000), settings)

    assert uploads(fake_openai)[0].body["model"] == "Systran/faster-whisper-small"
    assert transcript.engine.startswith("Systran/faster-whisper-small at ")


NO_ENDPOINT = "has no speech-to-text (transcription) endpoint"


@pytest.mark.parametrize(
    ("behaviour", "quoted"),
    [
        (None, "404: Unknown path /v1/audio/transcriptions"),
        (status(405, "Method Not Allowed"), "405: Method Not Allowed"),
        # llama.cpp's llama-server, as a real one answered on this machine
        (
            answer(
                501,
                {
                    "error": {
                        "code": 501,
                        "message": "The current model does not support audio input.",
                        "type": "not_supported_error",
                    }
                },
            ),
            "501: The current model does not support audio input)",
        ),
        # LM Studio answers an unknown route with 200 and a bare error
        (
            answer(200, {"error": f"Unexpected endpoint or method. (POST {TRANSCRIPTION_PATH})"}),
            f"200: Unexpected endpoint or method. (POST {TRANSCRIPTION_PATH}))",
        ),
    ],
    ids=["404", "405", "llama.cpp-501", "lm-studio-200"],
)
def test_a_server_without_a_transcription_endpoint_says_so_and_offers_the_other_ways(
    fake_openai: FakeOpenAI, behaviour: object, quoted: str
) -> None:
    """Ollama, llama.cpp and LM Studio have no speech to text: the user is told that, not that
    a model is missing, and that offline transcription and the text box still work. No retry."""
    if behaviour is not None:
        fake_openai.route("POST", TRANSCRIPTION_PATH, behaviour)  # type: ignore[arg-type]
    settings = settings_for(fake_openai, max_retries=2)

    with pytest.raises(LLMError) as caught:
        transcribe_on_server(wav_bytes(tone(440, 16_000), 16_000), settings)

    message = caught.value.message
    assert caught.value.kind == "not_found"
    assert message.startswith(f"The server at {fake_openai.base_url} {NO_ENDPOINT} ({quoted}")
    assert "Transcribe offline instead, or type the notes in the text box" in message
    assert len(uploads(fake_openai)) == 1


def test_an_unknown_transcription_model_is_named_not_taken_for_a_missing_endpoint(
    fake_openai: FakeOpenAI,
) -> None:
    """OpenAI's 404 for a model it does not have names the transcription model."""
    fake_openai.route(
        "POST", TRANSCRIPTION_PATH, status(404, "The model `whisper-9` does not exist.")
    )
    settings = settings_for(fake_openai, transcription_model="whisper-9")

    with pytest.raises(LLMError) as caught:
        transcribe_on_server(wav_bytes(tone(440, 16_000), 16_000), settings)

    assert caught.value.kind == "not_found"
    assert 'The model "whisper-9" was not found' in caught.value.message
    assert NO_ENDPOINT not in caught.value.message


def test_a_refused_key_says_what_to_do_and_never_shows_the_key(fake_openai: FakeOpenAI) -> None:
    """A wrong key: the user is sent to Settings or to offline transcription, never to the
    offline composer, and the key is not echoed back from the server's words."""
    fake_openai.route(
        "POST", TRANSCRIPTION_PATH, status(401, f"Incorrect API key provided: {SECRET}.")
    )

    with pytest.raises(LLMError) as caught:
        transcribe_on_server(wav_bytes(tone(440, 16_000), 16_000), settings_for(fake_openai))

    message = caught.value.message
    assert caught.value.kind == "auth"
    assert "The API key was refused" in message
    assert message.endswith(f"Check it in Settings, {SERVER_WAY_OUT}")
    assert SECRET not in message
    assert "composer" not in message


class NoWaiting:
    """Stands in for ``time`` in lib.speech: records each wait before a retry."""

    def __init__(self) -> None:
        """Start with no wait."""
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        """Record the wait instead of waiting."""
        self.waits.append(seconds)


def test_a_rate_limit_is_retried_like_a_chat_call_then_reported(
    fake_openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server that keeps limiting is asked again max_retries times, at its pace, then the
    user is told to wait a minute."""
    fake_openai.route("POST", TRANSCRIPTION_PATH, status(429, retry_after_ms=150))
    waits = NoWaiting()
    monkeypatch.setattr(llm, "time", waits)  # the retries of every call live in lib.llm

    with pytest.raises(LLMError) as caught:
        transcribe_on_server(
            wav_bytes(tone(440, 16_000), 16_000), settings_for(fake_openai, max_retries=2)
        )

    assert caught.value.kind == "rate_limit"
    assert "is limiting requests (429), even after 2 retries" in caught.value.message
    assert waits.waits == [0.15, 0.15]
    assert len(uploads(fake_openai)) == 3


def test_a_server_that_does_not_answer_in_time_is_a_timeout(fake_openai: FakeOpenAI) -> None:
    """A transcription that hangs fails within the configured time, saying how long it waited."""
    fake_openai.route("POST", TRANSCRIPTION_PATH, delay(3.0, then=transcription("late")))
    started = time.monotonic()

    with pytest.raises(LLMError) as caught:
        transcribe_on_server(
            wav_bytes(tone(440, 16_000), 16_000), settings_for(fake_openai, timeout=0.5)
        )

    assert caught.value.kind == "timeout"
    assert "did not answer within 0.5 seconds (waited " in caught.value.message
    assert caught.value.message.endswith(SERVER_WAY_OUT)
    assert time.monotonic() - started < 2.0


def test_nothing_listening_is_a_connection_error_naming_the_address() -> None:
    """The local whisper server is not running: the user hears which address failed."""
    base_url = f"http://127.0.0.1:{free_port()}/v1"
    settings = LLMSettings(model="llama3.1", base_url=base_url, timeout=2.0, max_retries=0)

    with pytest.raises(LLMError) as caught:
        transcribe_on_server(wav_bytes(tone(440, 16_000), 16_000), settings)

    assert caught.value.kind == "connection"
    assert f"Could not connect to {base_url}" in caught.value.message


def test_openai_without_a_key_fails_before_any_upload() -> None:
    """No key for OpenAI: said at once, naming the transcription model."""
    with pytest.raises(LLMError) as caught:
        transcribe_on_server(wav_bytes(tone(440, 16_000), 16_000), LLMSettings(model="gpt-4o"))

    assert caught.value.kind == "no_key"
    assert "whisper-1 on OpenAI cannot be used" in caught.value.message
    assert caught.value.message.endswith(SERVER_WAY_OUT)


def test_a_bad_recording_is_refused_before_it_is_uploaded(fake_openai: FakeOpenAI) -> None:
    """An empty recording never costs an upload."""
    fake_openai.route("POST", TRANSCRIPTION_PATH, transcription("never"))

    with pytest.raises(SpeechError) as caught:
        transcribe_on_server(b"", settings_for(fake_openai))

    assert caught.value.kind == "no_audio"
    assert uploads(fake_openai) == []


def test_a_transcript_without_words_says_none_were_recognised(fake_openai: FakeOpenAI) -> None:
    """Whisper heard only silence: the user is asked to check the microphone, not shown "" ."""
    fake_openai.route("POST", TRANSCRIPTION_PATH, transcription("  "))

    with pytest.raises(SpeechError) as caught:
        transcribe_on_server(wav_bytes(np.zeros(16_000), 16_000), settings_for(fake_openai))

    assert caught.value.kind == "no_speech"
    assert caught.value.message.startswith(
        f"No words were recognised in the 1 s recording (whisper-1 at {fake_openai.base_url})."
    )


def test_an_answer_that_is_not_a_transcription_is_garbled(fake_openai: FakeOpenAI) -> None:
    """A web page instead of JSON (a wrong base URL) is said to be unreadable."""
    fake_openai.route("POST", TRANSCRIPTION_PATH, garbled())

    with pytest.raises(LLMError) as caught:
        transcribe_on_server(wav_bytes(tone(440, 16_000), 16_000), settings_for(fake_openai))

    assert caught.value.kind == "garbled"
    assert "not an OpenAI-compatible reply" in caught.value.message


# -- offline, with PocketSphinx ----------------------------------------------------------------


def test_offline_transcription_gets_the_key_words_of_real_speech(speak: Speak) -> None:
    """With no server at all, a spoken debrief still becomes text the user can correct.

    Seen: "When asked about streaming sad you for meeting with me today." for the words below.
    """
    audio = speak(DEBRIEF)

    transcript = transcribe_offline(audio)

    assert transcript.way == "offline"
    assert transcript.engine == OFFLINE_ENGINE
    expected = {"priya", "asked", "about", "streaming", "thank", "meeting", "today"}
    assert len(words(transcript.text) & expected) >= 4
    assert transcript.text[0].isupper()
    assert transcript.text.endswith(".")


def test_offline_transcription_of_a_browsers_48_khz_stereo_recording(speak: Speak) -> None:
    """The same speech at a browser's own rate, in stereo, is resampled and still understood.

    PocketSphinx is fragile here: "streaming" came back as "three big" after any resampling,
    while "about", "meeting" and "today" came back at 8, 16, 32, 44.1 and 48 kHz.
    """
    audio = resampled(speak(DEBRIEF), 48_000, 2)

    transcript = transcribe_offline(audio)

    assert {"about", "meeting", "today"} <= words(transcript.text)


def test_offline_silence_says_no_words_were_recognised() -> None:
    """Two seconds of nothing: no invented words, a clear message."""
    with pytest.raises(SpeechError) as caught:
        transcribe_offline(wav_bytes(np.zeros(32_000), 16_000))

    assert caught.value.kind == "no_speech"
    assert f"in the 2 s recording ({OFFLINE_ENGINE})" in caught.value.message


def test_offline_without_pocketsphinx_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A deploy that lost the package tells the user to type, and the admin what to install."""
    monkeypatch.setitem(sys.modules, "pocketsphinx", None)  # makes the import fail

    with pytest.raises(SpeechError) as caught:
        transcribe_offline(wav_bytes(tone(440, 16_000), 16_000))

    assert caught.value.kind == "offline_missing"
    assert "pocketsphinx" in caught.value.message
    assert "text box" in caught.value.message


def test_offline_transcription_that_does_not_finish_in_time_says_so() -> None:
    """A worker that runs past its time is stopped, and the user is told to retry or type."""
    with pytest.raises(SpeechError) as caught:
        transcribe_offline(wav_bytes(tone(440, 16_000), 16_000), timeout=0.01)

    assert caught.value.kind == "offline_failed"
    assert "did not finish within 0.01 s" in caught.value.message
    assert "type the notes in the text box" in caught.value.message


@pytest.mark.parametrize("exit_code", [None, 3], ids=["cannot-start", "exits-with-an-error"])
def test_a_worker_that_fails_is_reported_not_taken_for_silence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, exit_code: int | None
) -> None:
    """The worker process cannot start, or stops with an error: that is a failure, not
    "no words were recognised"."""
    python = tmp_path / "python"
    if exit_code is not None:
        python.write_text(f"#!/bin/sh\nexit {exit_code}\n")
        python.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(python))

    with pytest.raises(SpeechError) as caught:
        transcribe_offline(wav_bytes(tone(440, 16_000), 16_000))

    assert caught.value.kind == "offline_failed"
    assert caught.value.message.startswith("Offline transcription stopped with an error.")


def test_offline_decoding_runs_outside_the_servers_process(
    speak: Speak, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PocketSphinx holds the GIL while it decodes (another thread of the same process fell to
    about 1% of its speed, seen): in the server's process it would stall every other session.
    Here its import is poisoned, and the words still come, from the worker process."""
    real_import = builtins.__import__

    def poisoned(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("pocketsphinx"):
            raise AssertionError("pocketsphinx imported in the server's process")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "pocketsphinx", raising=False)  # not imported already
    monkeypatch.setattr(builtins, "__import__", poisoned)
    audio = speak("Thank you for meeting with me today.")

    transcript = transcribe_offline(audio)

    assert transcript.way == "offline"
    assert {"meeting", "today"} & words(transcript.text)


def test_recognised_words_are_written_as_sentences() -> None:
    """PocketSphinx writes lower case without stops; the transcript reads as sentences."""
    assert speech._sentence("i think i'm ready for the next round") == (
        "I think I'm ready for the next round."
    )


# -- choosing the way ---------------------------------------------------------------------------


def test_transcribe_uses_the_server_when_one_is_configured_and_offline_otherwise(
    fake_openai: FakeOpenAI, speak: Speak
) -> None:
    """The page calls one function; the transcript says which way wrote it."""
    fake_openai.route("POST", TRANSCRIPTION_PATH, transcription(SENTENCE))
    audio = speak("Thank you for meeting with me today.")

    on_server = transcribe(audio, settings_for(fake_openai))
    offline = transcribe(audio, None)

    assert (on_server.way, on_server.text) == ("server", SENTENCE)
    assert offline.way == "offline"
    assert {"meeting", "today"} <= words(offline.text)
    assert len(uploads(fake_openai)) == 1

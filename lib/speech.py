"""Speech to text for the spoken debrief: the server's transcription endpoint, or offline.

The notes page records WAV bytes (``st.audio_input``) and calls ``transcribe``: the configured
OpenAI-compatible server's ``/audio/transcriptions`` when there is one (whisper-1 on OpenAI, or a
local faster-whisper or whisper.cpp server), otherwise PocketSphinx's small US-English model on
this machine. ``transcribe_on_server`` and ``transcribe_offline`` name each way; the
``Transcript`` says which one produced the text, so the page can say so and offer the other.

Every recording is checked and converted first (``read_recording``): not empty, a PCM WAV file,
at most MAX_RECORDING_SECONDS long, brought to 16 kHz mono 16-bit, which both ways expect (and
which keeps a five-minute upload under 10 MB, below OpenAI's 25 MB limit). A recording that
cannot be used, or one in which nothing was recognised, raises ``SpeechError``. A server's
failure raises ``LLMError`` with the chat calls' handling (retries within one deadline, the key
never shown, a message a person can act on) and its own message for a server without a
transcription endpoint.

PocketSphinx decodes in a process of its own (it holds the GIL meanwhile) in about 0.3-0.7 of
real time plus a second to start, but it is rough: on synthetic speech it got 12-24% of the words
wrong (flite's voices) to 29-86% (espeak-ng's), so its text is a draft to correct, not a record.
"""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
import wave
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import numpy as np
import openai

from lib.llm import open_client, with_retries
from lib.llm_base import DETAIL_CHARS, OFFLINE, Clock, LLMError, LLMSettings, where
from lib.llm_errors import garbled, server_detail

TARGET_RATE = 16_000  # samples per second, what Whisper and PocketSphinx both work at
MAX_RECORDING_SECONDS = 300  # five minutes: a debrief, not a meeting
MIN_RATE = 1000  # samples per second below which a WAV header is nonsense
FILTER_TAPS = 63  # the low-pass filter's length when a recording is brought down to 16 kHz
UPLOAD_NAME = "debrief.wav"  # servers tell the format by the file name's extension
OFFLINE_ENGINE = "PocketSphinx (offline, US English)"
OFFLINE_TIMEOUT = 2.0 * MAX_RECORDING_SECONDS  # seconds; PocketSphinx takes 0.2-0.8 of real time
PROJECT_ROOT = Path(__file__).resolve().parents[1]  # where ``python -m lib.speech`` is found
NO_ENDPOINT_STATUSES = (404, 405, 501)  # llama.cpp answers 501, most servers 404
# What to do instead when the server's transcription fails (the chat calls offer the composer).
SERVER_WAY_OUT = "or transcribe offline instead (the text box always works)"
RECORD_AGAIN = "Record again, or type the notes in the text box"

Way = Literal["server", "offline"]
SpeechErrorKind = Literal[
    "no_audio", "not_wav", "too_long", "no_speech", "offline_missing", "offline_failed"
]


class SpeechError(Exception):
    """A recording that cannot be transcribed, or an offline transcription that failed."""

    def __init__(self, kind: SpeechErrorKind, message: str) -> None:
        """Keep the kind and the message (also the exception's text)."""
        super().__init__(message)
        self.kind: SpeechErrorKind = kind
        self.message = message


@dataclass(frozen=True)
class Recording:
    """A recording ready to transcribe: 16 kHz mono 16-bit little-endian PCM."""

    pcm: bytes

    @property
    def seconds(self) -> float:
        """Return how long the recording is."""
        return len(self.pcm) / (2 * TARGET_RATE)

    def wav(self) -> bytes:
        """Return the recording as a WAV file."""
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(TARGET_RATE)
            out.writeframes(self.pcm)
        return buffer.getvalue()


@dataclass(frozen=True)
class Transcript:
    """What was said, which way produced it, and how long the recording was."""

    text: str
    way: Way
    engine: str  # e.g. "whisper-1 on OpenAI" or OFFLINE_ENGINE, to show beside the text
    seconds: float


def _duration(seconds: float) -> str:
    """Return a duration as words: "45 s", "6 min 12 s"."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


def _samples(frames: bytes, width: int, channels: int) -> np.ndarray:
    """Return PCM frames of any width as mono float samples in [-1, 1]."""
    if width == 1:  # 8-bit WAV is unsigned
        samples = (np.frombuffer(frames, np.uint8).astype(np.float32) - 128) / 128
    elif width == 3:
        triples = np.frombuffer(frames, np.uint8).reshape(-1, 3).astype(np.int32)
        joined = triples[:, 0] | (triples[:, 1] << 8) | (triples[:, 2] << 16)
        samples = ((joined << 8) >> 8).astype(np.float32) / 2**23  # sign from the top bit
    else:
        samples = np.frombuffer(frames, f"<i{width}").astype(np.float32) / 2 ** (8 * width - 1)
    return samples.reshape(-1, channels).mean(axis=1)


def _to_target_rate(samples: np.ndarray, rate: int) -> np.ndarray:
    """Resample to TARGET_RATE: a windowed-sinc low-pass (when going down), then linear steps."""
    if rate > TARGET_RATE:
        cutoff = 0.45 * TARGET_RATE / rate  # a little below the new Nyquist frequency
        offsets = np.arange(FILTER_TAPS) - (FILTER_TAPS - 1) / 2
        taps = np.sinc(2 * cutoff * offsets) * np.hamming(FILTER_TAPS)
        half = (FILTER_TAPS - 1) // 2
        samples = np.convolve(samples, taps / taps.sum())[half : half + len(samples)]
    count = int(len(samples) * TARGET_RATE / rate)
    positions = np.arange(count) * (rate / TARGET_RATE)
    left = positions.astype(np.int64)
    right = np.minimum(left + 1, len(samples) - 1)
    fraction = positions - left
    return samples[left] * (1 - fraction) + samples[right] * fraction


def read_recording(audio: bytes) -> Recording:
    """Check a WAV recording and return it as 16 kHz mono 16-bit; raise SpeechError if unusable.

    Any PCM WAV (8, 16, 24 or 32 bit, any rate, any number of channels) is accepted; an empty
    one, anything else, or one longer than MAX_RECORDING_SECONDS is refused with a reason.
    """
    if not audio:
        raise SpeechError("no_audio", f"The recording is empty. {RECORD_AGAIN}.")
    try:
        with wave.open(io.BytesIO(audio), "rb") as source:
            shape = source.getparams()
            if shape.framerate < MIN_RATE or shape.nchannels < 1 or not 1 <= shape.sampwidth <= 4:
                raise wave.Error(
                    f"{shape.framerate} samples a second, {shape.nchannels} channels, "
                    f"{8 * shape.sampwidth} bits a sample"
                )
            if shape.nframes / shape.framerate > MAX_RECORDING_SECONDS:
                raise SpeechError(
                    "too_long",
                    f"The recording is {_duration(shape.nframes / shape.framerate)} long; at most "
                    f"{MAX_RECORDING_SECONDS // 60} minutes can be transcribed at once. Record "
                    "the debrief in shorter parts, or type the notes in the text box.",
                )
            frames = source.readframes(shape.nframes)
    except (wave.Error, EOFError) as error:
        raise SpeechError(
            "not_wav",
            f"The recording could not be read as a WAV file ({str(error) or 'it ends too soon'}). "
            f"{RECORD_AGAIN}.",
        ) from None
    rate, channels, width = shape.framerate, shape.nchannels, shape.sampwidth
    frames = frames[: len(frames) - len(frames) % (width * channels)]  # no half frame at the end
    if not frames:
        raise SpeechError("no_audio", f"The recording is empty. {RECORD_AGAIN}.")
    if (rate, channels, width) == (TARGET_RATE, 1, 2):
        return Recording(frames)
    samples = _to_target_rate(_samples(frames, width, channels), rate)
    pcm = np.clip(np.round(samples * 32768), -32768, 32767).astype("<i2").tobytes()
    return Recording(pcm)


def _no_speech(recording: Recording, engine: str) -> SpeechError:
    """Describe a recording in which no words were recognised."""
    return SpeechError(
        "no_speech",
        f"No words were recognised in the {_duration(recording.seconds)} recording ({engine}). "
        f"Check that the microphone works and {RECORD_AGAIN[0].lower()}{RECORD_AGAIN[1:]}.",
    )


def _no_endpoint(settings: LLMSettings, said: str) -> LLMError:
    """Describe a server that offers no speech to text, quoting what it said."""
    return LLMError(
        "not_found",
        f"{where(settings, start=True)} has no speech-to-text (transcription) endpoint ({said}). "
        "Transcribe offline instead, or type the notes in the text box; a server such as "
        "faster-whisper or whisper.cpp adds speech to text.",
    )


def _missing_endpoint(error: Exception, settings: LLMSettings) -> LLMError | None:
    """Return the no-endpoint error when a 404, 405 or 501 says the route is not there, else
    None (a 404 for an unknown model is not that: the route exists)."""
    if not isinstance(error, openai.APIStatusError):
        return None
    if error.status_code not in NO_ENDPOINT_STATUSES or error.code == "model_not_found":
        return None
    detail = server_detail(error, settings.api_key)
    said = f"{error.status_code}: {detail.rstrip('.')}" if detail else str(error.status_code)
    return _no_endpoint(settings, said)


def _for_speech(error: LLMError) -> LLMError:
    """Return a chat-call error with speech's way out instead of the offline composer."""
    return LLMError(error.kind, error.message.replace(OFFLINE, SERVER_WAY_OUT))


def _send(client: openai.OpenAI, settings: LLMSettings, clock: Clock, wav: bytes) -> object:
    """Send the recording, retried within the deadline as the chat calls are; a missing
    endpoint is reported at once."""
    return with_retries(
        settings,
        clock,
        lambda remaining: client.audio.transcriptions.create(
            model=settings.model,
            file=(UPLOAD_NAME, wav, "audio/wav"),
            response_format="json",
            timeout=remaining,
        ),
        final=lambda error: _missing_endpoint(error, settings),
    )


def _text(result: object, settings: LLMSettings) -> str:
    """Return the transcript's text, or raise when the answer is not a transcription.

    LM Studio answers an unknown route with 200 and ``{"error": "Unexpected endpoint ..."}``.
    """
    text = getattr(result, "text", None)
    if isinstance(text, str):
        return text.strip()
    said = (getattr(result, "model_extra", None) or {}).get("error")
    if isinstance(said, str) and said:
        raise _no_endpoint(settings, f"200: {' '.join(said.split())[:DETAIL_CHARS].rstrip('.')}")
    raise garbled(settings)


def transcribe_on_server(audio: bytes, settings: LLMSettings) -> Transcript:
    """Transcribe a WAV recording with the server's ``settings.transcription_model``.

    Raises SpeechError for a recording that cannot be used or has no words in it, and LLMError
    (the kinds of the chat calls) when the server fails or has no transcription endpoint.
    """
    recording = read_recording(audio)
    asking = replace(settings, model=settings.transcription_model)  # messages name this model
    try:
        with open_client(asking) as client:
            result = _send(client, asking, Clock(asking), recording.wav())
        text = _text(result, asking)
    except LLMError as error:
        raise _for_speech(error) from None
    if not text:
        raise _no_speech(recording, asking.describe())
    return Transcript(text, "server", asking.describe(), recording.seconds)


def _sentence(words: str) -> str:
    """Return recognised words as a sentence: a capital first, "I" upright, a full stop."""
    text = " ".join(
        word.capitalize() if word == "i" or word.startswith("i'") else word
        for word in words.split()
    )
    return text[:1].upper() + text[1:] + "."


def _recognise(pcm: bytes) -> list[str]:
    """Return the words PocketSphinx hears in each stretch of speech of 16 kHz mono PCM."""
    import pocketsphinx  # only in the worker process that transcribe_offline starts

    decoder = pocketsphinx.Decoder(samprate=TARGET_RATE, loglevel="FATAL")
    heard = []
    for stretch in pocketsphinx.Segmenter(sample_rate=TARGET_RATE).segment(io.BytesIO(pcm)):
        decoder.start_utt()
        decoder.process_raw(stretch.pcm, full_utt=True)  # whole: better than piece by piece
        decoder.end_utt()
        hypothesis = decoder.hyp()
        if hypothesis is not None and hypothesis.hypstr.strip():
            heard.append(hypothesis.hypstr)
    return heard


def transcribe_offline(audio: bytes, *, timeout: float = OFFLINE_TIMEOUT) -> Transcript:
    """Transcribe a WAV recording on this machine with PocketSphinx, one sentence per stretch of
    speech; raise SpeechError for an unusable recording, no words, or no PocketSphinx.

    The decoding runs in a process of its own: PocketSphinx holds the GIL while it decodes,
    which in the server's process would stall every other session, and the page's own
    progress messages, for as long as it takes. ``timeout`` bounds it.
    """
    recording = read_recording(audio)
    if importlib.util.find_spec("pocketsphinx") is None:
        raise SpeechError(
            "offline_missing",
            "Offline transcription needs the pocketsphinx package, which is not installed "
            "(pip install -r requirements.txt). Type the notes in the text box.",
        )
    try:
        worker = subprocess.run(
            [sys.executable, "-m", "lib.speech"],
            input=recording.pcm,
            capture_output=True,
            cwd=PROJECT_ROOT,
            timeout=timeout,
            check=True,
        )
        heard = json.loads(worker.stdout)
    except subprocess.TimeoutExpired:
        raise SpeechError(
            "offline_failed",
            f"Offline transcription of the {_duration(recording.seconds)} recording did not "
            f"finish within {timeout:g} s. Try again, or type the notes in the text box.",
        ) from None
    except (OSError, subprocess.SubprocessError, ValueError):  # ValueError: unreadable JSON
        raise SpeechError(
            "offline_failed",
            "Offline transcription stopped with an error. Try again, or type the notes in the "
            "text box.",
        ) from None
    sentences = [_sentence(words) for words in heard]
    if not sentences:
        raise _no_speech(recording, OFFLINE_ENGINE)
    return Transcript(" ".join(sentences), "offline", OFFLINE_ENGINE, recording.seconds)


def transcribe(audio: bytes, settings: LLMSettings | None) -> Transcript:
    """Transcribe with the configured server when there is one (None: offline)."""
    if settings is None:
        return transcribe_offline(audio)
    return transcribe_on_server(audio, settings)


if __name__ == "__main__":  # the worker process of transcribe_offline: PCM in, JSON out
    json.dump(_recognise(sys.stdin.buffer.read()), sys.stdout)

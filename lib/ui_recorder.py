"""Saying the debrief: record it with ``st.audio_input`` and write it down into a text box.

The words come from the configured server's transcription endpoint (``lib.speech``; Whisper on
OpenAI, or a local faster-whisper or whisper.cpp server) or from the offline recogniser on this
computer, whichever the user picks; each is one click. They are added after what is typed in
the box, never over it, and a failure keeps the box as it is and says why. The recording itself
is not kept.
"""

from __future__ import annotations

import streamlit as st

from lib import llm
from lib.speech import (
    MAX_RECORDING_SECONDS,
    OFFLINE_ENGINE,
    SpeechError,
    transcribe_offline,
    transcribe_on_server,
)
from lib.text import escape_markdown
from lib.ui_support import count_llm_use

AUDIO_KEY = "notes_debrief_audio"
TRANSCRIPT_KEY = "notes_debrief_transcript"  # ("done" | "failed", what to tell the user)


def recorder(settings: llm.LLMSettings | None, text_key: str) -> None:
    """Record the debrief and write it down at the end of the text box ``text_key``; drawn
    before that box, so the words go into it in the same run. ``settings``: the LLM server,
    whose transcription model is offered beside the offline one."""
    recording = st.audio_input(
        "Say it",
        key=AUDIO_KEY,
        help=f"Up to {MAX_RECORDING_SECONDS // 60} minutes. Nothing is kept but the words, "
        "and only once you put them in the form and save.",
    )
    if recording is None:
        return
    ways: list[llm.LLMSettings | None] = [None] if settings is None else [settings, None]
    for column, way in zip(st.columns(len(ways)), ways, strict=True):
        label = (
            f"Write it down with {way.transcription_model}"
            if way is not None
            else "Write it down offline"
        )
        if column.button(
            label,
            icon=":material/speech_to_text:",
            width="stretch",
            key=f"notes_debrief_transcribe_{'server' if way else 'offline'}",
            help=(
                f"Sent to {way.describe()}"
                if way is not None
                else f"{OFFLINE_ENGINE}: on this computer, nothing sent; it mishears names "
                "and technical words, so check what it writes"
            ),
        ):
            _write_down(recording.getvalue(), way, text_key)
    if said := st.session_state.get(TRANSCRIPT_KEY):
        kind, message = said
        (st.success if kind == "done" else st.error)(
            message, icon=":material/record_voice_over:" if kind == "done" else ":material/error:"
        )


def _write_down(audio: bytes, settings: llm.LLMSettings | None, text_key: str) -> None:
    """Transcribe the recording (on the server at ``settings``, or offline) and add the words
    to the end of the debrief; a failure keeps the debrief as it is and says why."""
    engine = settings.describe() if settings is not None else OFFLINE_ENGINE
    try:
        with st.spinner(f"Writing it down ({engine})…"):
            transcript = (
                transcribe_offline(audio)
                if settings is None
                else transcribe_on_server(audio, settings)
            )
    except (llm.LLMError, SpeechError) as error:
        st.session_state[TRANSCRIPT_KEY] = ("failed", f"Not written down. {error.message}")
        return
    finally:
        if settings is not None:
            count_llm_use(calls=1, tokens=0)
    typed = (st.session_state.get(text_key) or "").rstrip()
    st.session_state[text_key] = f"{typed}\n\n{transcript.text}" if typed else transcript.text
    check = (
        " Offline recognition mishears names and technical words: read it through."
        if transcript.way == "offline"
        else ""
    )
    st.session_state[TRANSCRIPT_KEY] = (
        "done",
        f"Wrote down your {round(transcript.seconds)} s recording with "
        f"{escape_markdown(transcript.engine)}, at the end of the box below.{check}",
    )

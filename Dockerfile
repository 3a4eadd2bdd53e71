# Follow-Up Coach: the Streamlit app on port 8501, its SQLite file in the /data volume.
#   docker build -t follow-up-coach .
#   docker run -p 8501:8501 -v coach-data:/data follow-up-coach
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# A fixed, unprivileged user; it owns /data and nothing else.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --home-dir /home/app app \
    && mkdir /data \
    && chown app:app /data

WORKDIR /app

# Runtime dependencies only (not requirements-dev.txt), in their own layer for the build cache.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# The app itself, owned by root so the app user cannot change its own code (.dockerignore
# leaves out .venv, .git, tests, artifacts, caches, databases and .streamlit/secrets.toml).
COPY . .

ENV COACH_DB=/data/coach.db
VOLUME ["/data"]

USER app

EXPOSE 8501

# python:3.11-slim has no curl; urllib fails (non-zero exit) on anything but a 2xx answer.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true", "--server.fileWatcherType=none"]

# Mentorat production image: gunicorn serves the app, whitenoise the static files.
# The same image runs the Celery worker and beat (see docker-compose.yml).
FROM python:3.12-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    NUMBA_CACHE_DIR=/tmp/numba-cache

# What WeasyPrint loads at run time, and one font family. No GNU gettext:
# scripts/compile_messages.py compiles the translations with polib.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Exact pins: the runtime subset of requirements.lock (no test or lint tools).
COPY requirements-runtime.lock ./
RUN pip install -r requirements-runtime.lock

COPY . .

# Translations and hashed static files are baked into the image. The secret key below
# exists for this RUN line only; the containers get the real one from the environment.
RUN python scripts/compile_messages.py \
    && DJANGO_SECRET_KEY=build-only-collectstatic-key-never-used-at-run-time \
       DJANGO_STATIC_MANIFEST=1 \
       python manage.py collectstatic --noinput

RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home mentorat \
    && mkdir -p /app/media \
    && chown mentorat:mentorat /app/media
USER mentorat

EXPOSE 8000
CMD ["gunicorn", "mentorat.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]

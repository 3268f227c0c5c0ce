#!/usr/bin/env bash
# The production stack without Docker — what docker-compose.yml starts, in one terminal:
# gunicorn (web), a Celery worker and Celery beat, DEBUG off, static files from WhiteNoise.
# Needs DATABASE_URL and CELERY_BROKER_URL (defaults: this machine's PostgreSQL and Redis).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

export DEBUG=false
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/pzss}"
export CELERY_BROKER_URL="${CELERY_BROKER_URL:-redis://127.0.0.1:6379/0}"
export CACHE_URL="${CACHE_URL:-redis://127.0.0.1:6379/1}"
# Persistent connections, checked before reuse (not a new PostgreSQL connection a request).
export DB_CONN_MAX_AGE="${DB_CONN_MAX_AGE:-60}"
export DB_CONN_HEALTH_CHECKS="${DB_CONN_HEALTH_CHECKS:-true}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
# Plain http on this machine: no redirect to https, cookies without the Secure flag.
export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
export SECURE_COOKIES="${SECURE_COOKIES:-false}"
export SECURE_HSTS_SECONDS="${SECURE_HSTS_SECONDS:-0}"
mkdir -p var
if [ -z "${SECRET_KEY:-}" ]; then
  [ -s var/secret-key ] || $BIN/python -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret-key
  SECRET_KEY="$(cat var/secret-key)"
  export SECRET_KEY
fi
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
WEB_WORKERS="${WEB_WORKERS:-4}"

$BIN/python manage.py collectstatic --noinput -v0
$BIN/python manage.py migrate --noinput -v0
if [ "${SERVE_LOAD_DATA:-true}" = "true" ]; then
  $BIN/python manage.py load_reference -v0
  $BIN/python manage.py load_programme -v0 || true
fi

pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

$BIN/celery -A pzss worker --loglevel INFO --concurrency "${WORKER_CONCURRENCY:-2}" &
pids+=($!)
$BIN/celery -A pzss beat --loglevel INFO --schedule var/celerybeat-schedule &
pids+=($!)
$BIN/gunicorn pzss.wsgi:application --bind "$HOST:$PORT" --workers "$WEB_WORKERS" \
  --config gunicorn.conf.py --access-logfile - --graceful-timeout 10 &
pids+=($!)
echo "Serving http://$HOST:$PORT/ (gunicorn ×$WEB_WORKERS, Celery worker and beat) — Ctrl+C stops all."
wait -n "${pids[@]}"

#!/usr/bin/env bash
# Back up or restore the portal: the PostgreSQL database (pg_dump custom format) and the
# media folder (uploads, rendered PDFs), as one directory per backup.
#
#   scripts/backup.sh backup             → prints the new backup's directory
#   scripts/backup.sh restore DIR        → restores DIR over the current database and media
#
# DATABASE_URL must point at PostgreSQL; MEDIA_ROOT defaults to var/media; BACKUP_DIR to
# var/backups.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?DATABASE_URL must point at the PostgreSQL database}"
case "$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "backup: DATABASE_URL is not PostgreSQL" >&2; exit 2;; esac
MEDIA_ROOT="${MEDIA_ROOT:-var/media}"
BACKUP_DIR="${BACKUP_DIR:-var/backups}"

case "${1:-}" in
  backup)
    stamp="$(date -u +%Y%m%dT%H%M%SZ)"
    target="$BACKUP_DIR/pzss-$stamp"
    mkdir -p "$target"
    pg_dump --format=custom --no-owner --no-privileges --file="$target/database.dump" "$DATABASE_URL"
    if [ -d "$MEDIA_ROOT" ]; then
      tar -C "$MEDIA_ROOT" -czf "$target/media.tar.gz" .
    else
      tar -czf "$target/media.tar.gz" --files-from /dev/null
    fi
    (cd "$target" && sha256sum database.dump media.tar.gz > SHA256SUMS)
    echo "$target"
    ;;
  restore)
    source_dir="${2:-}"
    if [ -z "$source_dir" ]; then
      source_dir="$(ls -1d "$BACKUP_DIR"/pzss-* 2>/dev/null | tail -n 1 || true)"
    fi
    [ -n "$source_dir" ] && [ -f "$source_dir/database.dump" ] || { echo "restore: no backup found (give its directory)" >&2; exit 2; }
    (cd "$source_dir" && sha256sum --quiet -c SHA256SUMS) || { echo "restore: the backup's checksums do not match" >&2; exit 3; }
    pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
      --dbname="$DATABASE_URL" "$source_dir/database.dump"
    mkdir -p "$MEDIA_ROOT"
    find "$MEDIA_ROOT" -mindepth 1 -delete
    tar -C "$MEDIA_ROOT" -xzf "$source_dir/media.tar.gz"
    echo "restored $source_dir"
    ;;
  *)
    echo "usage: $0 backup | restore [DIR]" >&2
    exit 2
    ;;
esac

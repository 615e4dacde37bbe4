#!/usr/bin/env bash
# Build the site into a fresh folder beside the target and put it in place only when the
# build succeeded: a failed build leaves the previous site untouched, and hosting that syncs
# the folder never sees half a site.
#
#   scripts/build-site.sh [target folder, default site] [more mkdocs build options]
#
# The swap is two renames on the same disk (old out of the way, new in): never a mix of
# two builds. MKDOCS names the mkdocs program (default .venv/bin/mkdocs).
set -euo pipefail

target="${1:-site}"
shift || true
target="${target%/}"
mkdocs="${MKDOCS:-.venv/bin/mkdocs}"
parent="$(dirname -- "$target")"
name="$(basename -- "$target")"

new="$(mktemp -d "$parent/.$name.new.XXXXXX")"
old=""
cleanup() { rm -rf -- "$new"; if [ -n "$old" ]; then rm -rf -- "$old"; fi; }
trap cleanup EXIT

if ! "$mkdocs" build --strict --site-dir "$new" "$@"; then
  echo "build failed: $target/ is unchanged" >&2
  exit 1
fi
chmod 755 "$new"  # mktemp makes it private; a web server must read it
if [ -e "$target" ]; then
  old="$(mktemp -d "$parent/.$name.old.XXXXXX")"
  mv -T -- "$target" "$old/previous"
fi
mv -T -- "$new" "$target"
echo "built $target/"

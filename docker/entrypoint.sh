#!/bin/sh
# The container's command: booklet on the folder mounted at $BOOKLET_DIR (/booklet), which is either a project
# made by `booklet init` (the content in its content/ folder) or a content folder itself. The files are written
# to $BOOKLET_OUT, /booklet/output unless it is set (to another mounted folder).
set -eu
dir="${BOOKLET_DIR:-/booklet}"
if [ -f "$dir/content/booklet.yaml" ]; then
  content="$dir/content"
elif [ -f "$dir/booklet.yaml" ]; then
  content="$dir"
else
  echo "booklet: no booklet.yaml in $dir or $dir/content: mount a booklet project there (docker run -v \"\$PWD:/booklet\" …)." >&2
  exit 2
fi
out="${BOOKLET_OUT:-$dir/output}"
command="${1:-build}"
[ $# -gt 0 ] && shift
case "$command" in
  build) exec booklet build --content "$content" --out "$out" "$@" ;;
  check) exec booklet check --content "$content" "$@" ;;
  *) exec booklet "$command" "$@" ;;
esac

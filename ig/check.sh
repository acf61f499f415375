#!/usr/bin/env bash
# Fails when the package in ig/fsh-generated/ is not what the FSH sources compile to:
# keeps a copy of it, rebuilds with build.sh, and compares. On a difference the rebuilt package is
# left in place (see `git diff ig/fsh-generated`) and the script exits 1.
set -euo pipefail
ig="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
before="$(mktemp -d)"
trap 'rm -rf "$before"' EXIT
if [[ -d "$ig/fsh-generated" ]]; then
  cp -r "$ig/fsh-generated" "$before/"
fi
"$ig/build.sh"
if ! diff -r "$before/fsh-generated" "$ig/fsh-generated" > "$before/diff.txt" 2>&1; then
  echo "ig/fsh-generated/ was out of date with ig/input/fsh; it has been rebuilt, commit the result:" >&2
  head -40 "$before/diff.txt" >&2
  exit 1
fi
echo "ig/fsh-generated/ matches ig/input/fsh"

#!/usr/bin/env bash
# One-command build of the Zaitaku home-care IG:  ig/build.sh
#  1. builds the hl7.fhir.r4.core#4.0.1 package cache from Maven Central if it is missing (r4core/build.sh)
#  2. installs SUSHI from package-lock.json (npm ci) if node_modules is missing
#  3. compiles input/fsh with SUSHI into fsh-generated/ (the committed package)
# Exits non-zero when SUSHI reports errors (SUSHI's exit code is its error count).
# Needs JDK 17, Maven and node/npm; reaches only Maven Central and the npm registry, never a FHIR registry.
set -euo pipefail
ig="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
fhir_home="$ig/target/fhir-home"

"$ig/r4core/build.sh" "$fhir_home/.fhir/packages/hl7.fhir.r4.core#4.0.1/package"

cd "$ig"
if [[ ! -x node_modules/.bin/sushi ]]; then
  npm ci --no-audit --no-fund
fi

# SUSHI finds its FHIR package cache under $HOME/.fhir; point it at the cache built above.
# Start from an empty fsh-generated so files of removed FSH items do not linger.
rm -rf fsh-generated
set +e
HOME="$fhir_home" npx --no-install sushi build . "$@"
rc=$?
set -e
if [[ $rc -ne 0 ]]; then
  echo "SUSHI failed with $rc error(s)" >&2
  exit "$rc"
fi

#!/usr/bin/env bash
# Builds the FHIR package hl7.fhir.r4.core#4.0.1 offline from HAPI's R4 validation resources
# (Maven Central) and writes it into the given package folder, the one SUSHI reads:
#   r4core/build.sh [<package-dir>]
# default <package-dir>: ig/target/fhir-home/.fhir/packages/hl7.fhir.r4.core#4.0.1/package
# Does nothing when <package-dir>/package.json already exists. Needs JDK 17 and Maven.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ig="$(dirname "$here")"
pkg="${1:-$ig/target/fhir-home/.fhir/packages/hl7.fhir.r4.core#4.0.1/package}"

if [[ -f "$pkg/package.json" ]]; then
  echo "r4core: $pkg already present, nothing to do"
  exit 0
fi

mkdir -p "$here/target"
cp_file="$here/target/cp.txt"
mvn -q -B -f "$here/pom.xml" \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime

# write next to the destination, then move into place, so an interrupted run leaves no half package
parent="$(dirname "$pkg")"
mkdir -p "$parent"
tmp="$(mktemp -d "$parent/.r4core-tmp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
java -Xmx2g -cp "$(cat "$cp_file")" "$here/Explode.java" "$tmp/package"
rm -rf "$pkg"
mv "$tmp/package" "$pkg"
echo "r4core: $(ls "$pkg" | wc -l) files in $pkg"

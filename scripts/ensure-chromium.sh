#!/usr/bin/env bash
# Installs Debian's Chromium for the end-to-end tests when it is missing (as root, with apt-get).
# The tests drive /usr/bin/chromium with playwright-core: no browser is downloaded by npm.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null; then
  echo "ensure-chromium: /usr/bin/chromium is missing; install Debian's chromium package (sudo apt-get install chromium) to run the browser tests." >&2
  exit 0
fi
echo "ensure-chromium: installing Debian's chromium…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version >&2

#!/usr/bin/env bash
# Installs what the browser tests need and pip cannot give: Debian's Chromium and Java,
# and from npm axe-core, the Nu HTML Checker (vnu.jar) and Lighthouse, pinned in
# package-lock.json.
# Idempotent: does nothing when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian packages for the browser tests: ${missing[*]}…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime; we use
# Debian's. The stamp skips `npm ci` while the lock file is unchanged.
if [ ! -f node_modules/.verksted-stamp ] || [ package-lock.json -nt node_modules/.verksted-stamp ]; then
  npm ci --ignore-scripts --no-audit --no-fund --silent
  touch node_modules/.verksted-stamp
fi

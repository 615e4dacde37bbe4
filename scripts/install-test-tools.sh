#!/usr/bin/env bash
# Installs what the browser tests need and pip cannot give: Debian's Chromium.
# Idempotent: does nothing when everything is already there.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

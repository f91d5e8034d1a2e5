#!/usr/bin/env bash
# Installs what libmi needs to build and test on Debian 12, if anything is missing.
# Needs root (apt-get); does nothing when every package is already there.
set -euo pipefail
pkgs=(build-essential cmake pkg-config clang libclang-rt-dev libcmocka-dev
      libexpat1-dev libsqlite3-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

#!/usr/bin/env bash
# What `npm test` needs from the system besides Node: Debian's Chromium (the e2e tests drive
# /usr/bin/chromium) and a CJK font (without one every Chinese character in a screenshot is a
# box). Installs them with apt-get when they are missing and apt-get can run (root, or sudo
# without a password); otherwise stops at once with one line naming the command to run.
# Run by `npm test` before jest, and by .ci/run.
set -uo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qiE 'wqy|noto (sans|serif) cjk' || need+=(fonts-wqy-microhei)
[ ${#need[@]} -eq 0 ] && exit 0

install="apt-get update && apt-get install -y ${need[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "npm test needs Debian's ${need[*]} (apt-get not found here): install them, then run npm test again" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "npm test needs ${need[*]}: run  sudo sh -c '$install'  and then npm test again" >&2
  exit 1
fi
echo "installing ${need[*]} for the e2e tests (once)"
if ! { "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${need[@]}" >/dev/null; }; then
  echo "npm test needs ${need[*]} and installing them failed: run  sudo sh -c '$install'  and then npm test again" >&2
  exit 1
fi

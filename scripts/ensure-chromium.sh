#!/usr/bin/env bash
# Make sure a headless-capable Chromium exists, so the generated-site browser tests
# (tests/web/test_browser.py, test_accessibility.py, test_print.py) run instead of
# skipping, and poppler-utils' pdftoppm, which turns a printed handout's first page
# into a PNG for a person to look at. Installs Debian's `chromium` and `poppler-utils`
# packages with apt; never downloads a browser from anywhere else.
# Called by scripts/test.sh (so by .ci/run on clean machines). Idempotent.
set -euo pipefail

missing=(chromium)
for name in chromium chromium-browser google-chrome-stable google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
        echo "ensure-chromium: $("$name" --version 2>/dev/null | head -n1)"
        missing=()
        break
    fi
done
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
        echo "ensure-chromium: not root and no sudo; install ${missing[*]} by hand" >&2; exit 1
    fi
fi

if command -v apt-get >/dev/null 2>&1; then
    # On a shared machine another apt may hold the lock: wait for it (up to 10 min).
    "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 \
        install -y -qq "${missing[@]}"
else
    echo "ensure-chromium: no apt-get; install ${missing[*]} with your package manager" >&2
    exit 1
fi

command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || command -v google-chrome-stable >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1
echo "ensure-chromium: installed ${missing[*]}"

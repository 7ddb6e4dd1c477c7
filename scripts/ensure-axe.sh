#!/usr/bin/env bash
# Make sure axe-core (the accessibility rules engine the browser tests inject into
# each page, tests/web/test_accessibility.py) is installed in tests/web/axe/node_modules,
# at exactly the version tests/web/axe/package-lock.json pins. Installs it from the npm
# registry with `npm ci`, and Debian's `nodejs npm` with apt when npm is missing; never
# downloads anything from elsewhere. Called by scripts/test.sh (so by .ci/run). Idempotent:
# does nothing while node_modules matches the lock file.
set -euo pipefail
cd "$(dirname "$0")/../tests/web/axe"

# npm ci removes node_modules first, so this copy of the lock file only survives a
# complete install: it is the "installed and not stale" mark.
stamp=node_modules/.installed-package-lock.json
if [ -f node_modules/axe-core/axe.min.js ] && cmp -s package-lock.json "$stamp"; then
    echo "ensure-axe: axe-core $(sed -n 's/^  "version": "\(.*\)",$/\1/p' node_modules/axe-core/package.json) up to date"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
            echo "ensure-axe: not root and no sudo; install nodejs and npm by hand" >&2; exit 1
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "ensure-axe: no npm and no apt-get; install nodejs and npm with your package manager" >&2
        exit 1
    fi
    # On a shared machine another apt may hold the lock: wait for it (up to 10 min).
    "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 \
        install -y -qq nodejs npm
fi

npm ci --no-audit --no-fund --loglevel=error
cp package-lock.json "$stamp"
echo "ensure-axe: installed axe-core $(sed -n 's/^  "version": "\(.*\)",$/\1/p' node_modules/axe-core/package.json)"

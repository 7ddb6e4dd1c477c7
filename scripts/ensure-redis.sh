#!/usr/bin/env bash
# Make sure a redis-server binary exists, so the PubMed client's Redis tests
# (shared rate-limit bucket, shared cache) run instead of skipping.
# Called by .ci/run on clean machines. Idempotent; never starts a server:
# the tests start their own on a free loopback port and stop it afterwards.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
    echo "ensure-redis: $(redis-server --version | head -n1)"
    exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
        echo "ensure-redis: not root and no sudo; install redis-server by hand" >&2; exit 1
    fi
fi

if command -v apt-get >/dev/null 2>&1; then
    # On a shared machine another apt may hold the lock: wait for it (up to 10 min).
    "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq redis-server
elif command -v dnf >/dev/null 2>&1; then
    "${sudo_cmd[@]}" dnf install -y redis
elif command -v apk >/dev/null 2>&1; then
    "${sudo_cmd[@]}" apk add --no-cache redis
elif command -v brew >/dev/null 2>&1; then
    brew install redis
else
    echo "ensure-redis: no known package manager; install redis-server by hand" >&2
    exit 1
fi

# Package installs may start a system service; the tests do not need it.
command -v redis-server >/dev/null 2>&1
echo "ensure-redis: installed $(redis-server --version | head -n1)"

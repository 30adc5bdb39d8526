#!/usr/bin/env bash
# A room without internet, tested here: a fresh clone with wheelhouse/ beside it installs and opens
# JupyterLab with the network cut off (a new network namespace with loopback only: unshare -n),
# then lesson 00 executes; and every other machine and Python the wheelhouse was made for resolves
# from the wheelhouse alone. Prints the time until JupyterLab answered.
#   bash tools/test_offline.sh                   # with python3
#   PYTHON=python3.12 bash tools/test_offline.sh # another supported Python
# Needs root (or unprivileged user namespaces) for unshare, and wheelhouse/ (make wheelhouse).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if ! ls wheelhouse/*.whl >/dev/null 2>&1; then
    echo "test-offline: no wheelhouse/ here; run make wheelhouse first."; exit 1
fi
command -v unshare >/dev/null || { echo "test-offline: needs unshare (util-linux)."; exit 1; }
work=$(mktemp -d)
cleanup() { [ -n "${lab:-}" ] && kill "$lab" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
git clone -q . "$work/kit"
cp -r wheelhouse "$work/kit/wheelhouse"   # what a lecturer's USB stick holds: the kit and its wheels
port=8899
# Inside the namespace nothing but loopback exists; caches and pip's machine-wide settings are
# switched off so that the wheels can only come from wheelhouse/.
unshare -n bash -s "$work/kit" "$python" "$port" <<'INSIDE'
set -euo pipefail
kit=$1 python=$2 port=$3
ip link set lo up
cd "$kit"
if "$python" -c "import socket; socket.create_connection(('pypi.org', 443), timeout=3)" 2>/dev/null; then
    echo "test-offline: the network is not cut off"; exit 1
fi
export UV_CACHE_DIR="$kit/.uv-cache" PIP_CONFIG_FILE=/dev/null PIP_NO_CACHE_DIR=1
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL
start=$(date +%s.%N)
"$python" tools/kit.py lab --no-browser --port "$port" > lab.log 2>&1 &
lab=$!
for _ in $(seq 1 600); do
    if "$python" -c "import urllib.request as u, sys; u.urlopen('http://127.0.0.1:$port/api/status', timeout=1)" 2>/dev/null \
        || grep -q "403 GET /api/status\|JupyterLab is ready" lab.log; then break; fi
    kill -0 "$lab" 2>/dev/null || { cat lab.log; echo "test-offline: the launcher stopped"; exit 1; }
    sleep 0.2
done
end=$(date +%s.%N)
grep -q "from wheelhouse/ (no network)" lab.log || { cat lab.log; echo "test-offline: did not use wheelhouse/"; exit 1; }
seconds=$("$python" -c "print(f'{$end - $start:.1f}')")
echo "test-offline: JupyterLab answered $seconds s after the launcher started, with no network ($("$python" --version))"
grep -v "^ + " lab.log | grep "^kit:\|Installed\|Resolved" || true
kill "$lab"; wait "$lab" 2>/dev/null || true
.venv/bin/jupyter nbconvert --to notebook --execute --stdout notebooks/00-start-here.ipynb > /dev/null 2> nbconvert.log \
    || { cat nbconvert.log; echo "test-offline: lesson 00 failed offline"; exit 1; }
echo "test-offline: lesson 00 executes offline"
# The other machines and Pythons cannot be installed here; resolve each one from wheelhouse/ alone.
"$python" tools/kit.py wheelhouse --check
echo "test-offline: passed"
INSIDE

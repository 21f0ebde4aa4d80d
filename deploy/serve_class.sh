#!/usr/bin/env bash
# Serve LSTM Lab to a class from this machine: N Streamlit replicas behind Debian's nginx.
#
#   deploy/serve_class.sh N            (or: make serve-class N=4)
#
# Replicas listen on 127.0.0.1:$BASE_PORT+1 .. +N (loopback only); nginx listens on
# $LISTEN (default 127.0.0.1:8500, loopback only: set LISTEN=0.0.0.0:8500 to let the class's
# machines in, or LISTEN=192.168.1.10:8500 to bind one interface). All replicas share the run
# cache folder LSTM_LAB_CACHE (default .cache/runs) and one cookie secret. Runs in the foreground
# as an ordinary user (nginx with its own prefix under $STATE); Ctrl-C or SIGTERM stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${1:-${N:-2}}"
[[ "$N" =~ ^[1-9][0-9]?$ ]] || { echo "usage: $0 N   (1..99 replicas)" >&2; exit 2; }
LISTEN="${LISTEN:-127.0.0.1:8500}"
BASE_PORT="${BASE_PORT:-8500}"
PYTHON="${PYTHON:-.venv/bin/python}"
NGINX_BIN="${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}"  # not $NGINX: nginx reads that
STATE="${STATE:-$(mktemp -d -t lstm-lab-class.XXXXXX)}"
export LSTM_LAB_CACHE="${LSTM_LAB_CACHE:-$PWD/.cache/runs}"
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
STREAMLIT_SERVER_COOKIE_SECRET="${STREAMLIT_SERVER_COOKIE_SECRET:-$("$PYTHON" -c "import secrets; print(secrets.token_hex(32))")}"
export STREAMLIT_SERVER_COOKIE_SECRET  # one secret for all replicas (XSRF tokens agree)
[ -x "$NGINX_BIN" ] || { echo "$0: nginx not found (apt-get install -y nginx)" >&2; exit 1; }
mkdir -p "$STATE" "$LSTM_LAB_CACHE"

healthy() {  # no curl needed: the venv's Python asks /_stcore/health
    "$PYTHON" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
        "http://$1/_stcore/health" >/dev/null 2>&1
}

pids=()
stop() {
    trap - EXIT INT TERM
    [ -f "$STATE/nginx.pid" ] && kill "$(cat "$STATE/nginx.pid")" 2>/dev/null || true
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop EXIT INT TERM

servers=""
for i in $(seq 1 "$N"); do
    port=$((BASE_PORT + i))
    "$PYTHON" -m streamlit run app.py --server.headless true --server.address 127.0.0.1 \
        --server.port "$port" --server.fileWatcherType none --browser.gatherUsageStats false \
        >"$STATE/replica-$i.log" 2>&1 &
    pids+=("$!")
    servers+="        server 127.0.0.1:${port} max_fails=0;"$'\n'
done
for i in $(seq 1 "$N"); do
    port=$((BASE_PORT + i))
    for _ in $(seq 1 300); do
        healthy "127.0.0.1:${port}" && break
        kill -0 "${pids[$((i - 1))]}" 2>/dev/null || { cat "$STATE/replica-$i.log" >&2; exit 1; }
        sleep 0.2
    done
done

mkdir -p "$STATE"/{client_body,proxy,fastcgi,uwsgi,scgi}
"$PYTHON" - "$STATE" "$LISTEN" "$servers" <<'PY'
import sys
from pathlib import Path
state, listen, servers = sys.argv[1:]
text = Path("deploy/nginx.conf").read_text()
text = text.replace("@PREFIX@", state).replace("@LISTEN@", listen)
Path(state, "nginx.conf").write_text(text.replace("@SERVERS@", servers.rstrip("\n")))
PY
"$NGINX_BIN" -e "$STATE/error.log" -p "$STATE" -c "$STATE/nginx.conf" -g "daemon off;" &
pids+=("$!")
for _ in $(seq 1 100); do
    healthy "${LISTEN}" && break
    sleep 0.1
done
echo "serve-class: ${N} replicas behind http://${LISTEN}/ (state and logs in ${STATE})"
wait -n "${pids[@]}"  # one process ending ends the class server

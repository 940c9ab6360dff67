#!/usr/bin/env bash
# The members' edition behind HTTP basic authentication, as docs/deploy.md documents it:
# builds the example site's members' edition below /benchlearning/, serves it with nginx on a
# loopback port through docs/deploy/nginx-members.conf (the file the documentation shows),
# and checks that a visitor without the password gets 401, a member 200, and that headers,
# pages and robots.txt keep search engines out.
#
# Usage (from anywhere):  bash tests/deploy/basic_auth.sh
# Needs nginx (Debian: apt-get install nginx-light), openssl, curl and cargo.
# Environment: PORT=N to listen on that loopback port (default: a free one).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
for tool in nginx openssl curl; do
  command -v "$tool" >/dev/null || { echo "basic_auth.sh: $tool is required" >&2; exit 1; }
done

if [ -z "${PORT:-}" ]; then
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
fi
BASE="http://127.0.0.1:$PORT/benchlearning/"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/benchlearn-auth.XXXXXX")
NGINX_PID=
cleanup() {
  local rc=$?
  if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
  if [ "$rc" != 0 ] && [ -f "$WORK/error.log" ]; then echo "--- nginx error log:"; cat "$WORK/error.log"; fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

echo "=== build the members' edition for $BASE"
cargo run --release --quiet -- build --edition members --base-url "$BASE" --output "$WORK/www/benchlearning"

echo "=== serve it with nginx and docs/deploy/nginx-members.conf"
mkdir -p "$WORK/conf" "$WORK/temp"
# A member, as docs/deploy.md creates one.
printf 'member:%s\n' "$(openssl passwd -apr1 'correct horse')" > "$WORK/conf/benchlearn-members.htpasswd"
cat > "$WORK/conf/nginx.conf" <<CONF
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/error.log;
events {}
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $WORK/temp/body;
    proxy_temp_path $WORK/temp/proxy;
    fastcgi_temp_path $WORK/temp/fastcgi;
    uwsgi_temp_path $WORK/temp/uwsgi;
    scgi_temp_path $WORK/temp/scgi;
    server {
        listen 127.0.0.1:$PORT;
        root $WORK/www;
        include $ROOT/docs/deploy/nginx-members.conf;
    }
}
CONF
# Run as root, nginx's workers read the files as an unprivileged user.
chmod -R a+rX "$WORK"
nginx -p "$WORK/conf/" -c nginx.conf -e "$WORK/error.log" &
NGINX_PID=$!
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then break; fi
  kill -0 "$NGINX_PID" 2>/dev/null || { echo "nginx did not start" >&2; exit 1; }
  sleep 0.1
done

FAILED=0
check() { # description, expected, actual
  if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAILED: $1: expected $2, got $3"; FAILED=1; fi
}
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
header() { # name, curl arguments…
  local name=$1; shift
  curl -s -D - -o /dev/null "$@" | tr -d '\r' | grep -i "^$name:" | cut -d' ' -f2- || true
}

echo "=== check what visitors and members get"
check "no password: 401" 401 "$(status "${BASE}fr/")"
check "no password: the browser is asked for one" 'Basic realm="Benchlearning: members'"'"' edition"' \
  "$(header WWW-Authenticate "${BASE}fr/")"
check "a wrong password: 401" 401 "$(status -u member:wrong "${BASE}fr/")"
check "no password, the search index: 401" 401 "$(status "${BASE}pagefind/pagefind.js")"
check "no password, the data downloads: 401" 401 "$(status "${BASE}data/observations.csv")"
check "a member: 200" 200 "$(status -u 'member:correct horse' "${BASE}fr/")"
check "a member, the search index: 200" 200 "$(status -u 'member:correct horse' "${BASE}pagefind/pagefind.js")"
check "a member, the members-only guide: 200" 200 \
  "$(status -u 'member:correct horse' "${BASE}fr/preparer-visite-pairs/")"
check "a member, an unknown page: 404" 404 "$(status -u 'member:correct horse' "${BASE}fr/no-such-page/")"
check "X-Robots-Tag on a page" "noindex, nofollow" "$(header X-Robots-Tag -u 'member:correct horse' "${BASE}fr/")"
check "X-Robots-Tag on the 401" "noindex, nofollow" "$(header X-Robots-Tag "${BASE}fr/")"
page=$(curl -s -u 'member:correct horse' "${BASE}fr/preparer-visite-pairs/")
check "the page's robots meta" 1 "$(grep -c '<meta name="robots" content="noindex">' <<<"$page" || true)"
check "robots.txt disallows all" "Disallow: /" \
  "$(curl -s -u 'member:correct horse' "${BASE}robots.txt" | grep '^Disallow:' || true)"
if [ "$FAILED" != 0 ]; then
  echo "basic_auth.sh: FAILED"
  exit 1
fi
echo "basic_auth.sh: the members' edition is served behind basic authentication"

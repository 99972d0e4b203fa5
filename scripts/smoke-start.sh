#!/usr/bin/env bash
# Starts the console the way the README says (no DATABASE_URL: embedded Postgres + demo emulator) and
# checks what a user gets. Used by CI.
# 1. `npm start` (the product): a production build (made now unless an identical one exists), served
#    from any address with no dev overlay or HMR socket; the printed login works and must be replaced;
#    Ctrl-C stops everything in order.
# 2. `npm start` again: the build is reused (no `next build`), the data kept.
# 3. `npm run dev` (contributors): the dev server accepts its HMR socket from 127.0.0.1, the host name
#    and the host's IPs, and refuses it to another origin.
# Prints how long each start took to serve.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d /tmp/osc-smoke-XXXXXX); chmod 755 "$data"
# Overridable so two checkouts can run it side by side.
port=${SMOKE_PORT:-3210} emulator_port=${SMOKE_EMULATOR_PORT:-8797} pg_port=${SMOKE_PG_PORT:-54399}
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$data"
}
trap cleanup EXIT
fail() { [ -n "${log:-}" ] && cat "$log"; echo "smoke: $*"; exit 1; }

# Starts `npm <args>` in a session of its own (so stopping it is what Ctrl-C does in a terminal: the
# whole group), waits until it announces itself, and sets $pid, $log and $seconds.
start() {
  log="$data/$1.log"; shift
  local t0=$SECONDS
  setsid env -u DATABASE_URL -u NODE_ENV DATA_DIR="$data" PORT=$port DEMO_EMULATOR_PORT=$emulator_port EMBEDDED_PG_PORT=$pg_port npm "$@" >"$log" 2>&1 &
  pid=$!
  # The first product start builds: minutes on a small machine.
  for _ in $(seq 1 1800); do
    grep -q "Okta Sync Console is running" "$log" && break
    kill -0 "$pid" 2>/dev/null || fail "console exited early (npm $*)"
    sleep 1
  done
  grep -q "Okta Sync Console is running" "$log" || fail "not up after 30 minutes (npm $*)"
  seconds=$((SECONDS - t0))
}

# Ctrl-C: everything stops, in order (no process holds the database when Postgres goes).
stop() {
  kill -INT -- "-$pid"
  for _ in $(seq 1 60); do
    if ! kill -0 "$pid" 2>/dev/null && ! pgrep -f "$data" >/dev/null; then break; fi
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null || pgrep -f "$data" >/dev/null; then
    ps -o pid,stat,etime,args -p "$pid" || true
    pgrep -af "$data" || true
    fail "still running a minute after Ctrl-C"
  fi
  if grep -q "terminating connection due to administrator command" "$log"; then fail "Postgres stopped before the console let go of it"; fi
  pid=""
}

# The status of a WebSocket handshake to `url` sent with `Origin: origin` (101 = accepted), or "refused".
ws_status() {
  node -e '
    const http = require("node:http");
    const [url, origin] = process.argv.slice(1);
    const req = http.request(url, { headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13",
      "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", Origin: origin } });
    const done = (what) => { console.log(what); process.exit(0); };
    req.on("upgrade", (res, socket) => { socket.destroy(); done(res.statusCode); });
    req.on("response", (res) => done(res.statusCode));
    req.on("error", () => done("refused"));
    setTimeout(() => done("no answer"), 10000);
    req.end();' "$1" "$2"
}

host=$(hostname)
ip=$(hostname -I 2>/dev/null | awk '{print $1}')
ip=${ip:-127.0.0.1}
base="http://127.0.0.1:$port"

echo "== 1. npm start (first start)"
start first start
first_seconds=$seconds
first_build=$(grep -q "Production build: reused" "$log" && echo "reused an identical build and served" || echo "built and served the product")
grep -q "Production build: " "$log" || fail "the start said nothing about its production build"
grep -q "production build; started in" "$log" || fail "npm start did not serve the production build"
grep -q "Sign in as" "$log" || fail "no login printed"
email=$(grep -o 'Sign in as [^ ]*' "$log" | awk '{print $4}')
password=$(grep -o 'with password [^ ]*' "$log" | awk '{print $3}')
for origin in "http://localhost:$port" "$base" "http://$ip:$port"; do
  curl -fsS "$origin/api/health" | grep -q '"status":"ok"' || fail "not healthy at $origin"
done
# A product, not a dev server: no dev overlay or HMR client in the page, no HMR socket, no 'unsafe-eval'.
page="$data/login.html"
curl -fsS -D "$data/login.headers" -o "$page" "http://$ip:$port/login"
grep -q '/_next/static/' "$page" || fail "the sign-in page has no scripts (not the console?)"
if grep -Eq 'next-devtools|hmr-client|_development_|react-refresh' "$page"; then fail "the page loads dev-server code"; fi
grep -qi "^content-security-policy: .*script-src 'self' 'nonce-" "$data/login.headers" || fail "the page has no nonce CSP"
if grep -qi "^content-security-policy: .*unsafe-eval" "$data/login.headers"; then fail "the CSP allows eval (dev mode)"; fi
hmr=$(ws_status "$base/_next/hmr?id=smoke" "$base")
[ "$hmr" != "101" ] || fail "npm start accepts an HMR WebSocket (dev server)"
# Sign in from 127.0.0.1 (the console's Origin check for changes made with a session uses the address browsed).
jar="$data/cookies"
csrf=$(curl -fsS -c "$jar" "$base/api/auth/csrf" | sed -E 's/.*"csrfToken":"([^"]+)".*/\1/')
curl -sS -b "$jar" -c "$jar" -o /dev/null -X POST "$base/api/auth/callback/credentials" \
  --data-urlencode "csrfToken=$csrf" --data-urlencode "email=$email" --data-urlencode "password=$password"
curl -fsS -b "$jar" "$base/api/auth/session" | grep -q "$email" || fail "sign-in at $base failed"
# The printed password is good for choosing a new one only.
curl -sS -b "$jar" "$base/api/integrations" | grep -q PASSWORD_CHANGE_REQUIRED || fail "a generated password was not forced to change"
curl -fsS -b "$jar" -o /dev/null -X POST "$base/api/me/password" -H "origin: $base" \
  -H "content-type: application/json" --data "{\"currentPassword\":\"$password\",\"newPassword\":\"smoke-chosen-passphrase\"}"
curl -fsS -b "$jar" "$base/api/integrations" >/dev/null
curl -fsS "http://127.0.0.1:$emulator_port/__emulator" >/dev/null
stop

echo "== 2. npm start again (the build is reused)"
start second start
second_seconds=$seconds
grep -q "Production build: reused" "$log" || fail "the second start did not reuse the build"
if grep -q "Creating an optimized production build" "$log"; then fail "the second start ran next build"; fi
grep -q "Sign in with your console account" "$log" || fail "the second start did not keep the first admin"
curl -fsS "$base/api/health" | grep -q '"status":"ok"' || fail "not healthy after the second start"
rm -f "$jar"
csrf=$(curl -fsS -c "$jar" "$base/api/auth/csrf" | sed -E 's/.*"csrfToken":"([^"]+)".*/\1/')
curl -sS -b "$jar" -c "$jar" -o /dev/null -X POST "$base/api/auth/callback/credentials" \
  --data-urlencode "csrfToken=$csrf" --data-urlencode "email=$email" --data-urlencode "password=smoke-chosen-passphrase"
curl -fsS -b "$jar" "$base/api/integrations" >/dev/null || fail "the chosen password did not survive a restart"
stop

echo "== 3. npm run dev (contributors): the HMR socket from this machine's names and addresses"
start dev run dev
dev_seconds=$seconds
grep -q "dev server, for changing the code" "$log" || fail "npm run dev did not start the dev server"
# The page compiles on first request; its HMR client then connects.
curl -fsS -o "$page" "$base/login"
grep -q 'hmr-client' "$page" || fail "the dev page has no HMR client (so step 1's check proves nothing)"
for origin in "$base" "http://localhost:$port" "http://$host:$port" "http://$ip:$port"; do
  got=$(ws_status "$base/_next/hmr?id=smoke" "$origin")
  [ "$got" = "101" ] || fail "the dev server refused its HMR socket to $origin ($got)"
done
got=$(ws_status "$base/_next/hmr?id=smoke" "http://attacker.example")
[ "$got" != "101" ] || fail "the dev server accepted its HMR socket from another site"
stop

echo "smoke: npm start $first_build in ${first_seconds} s, from localhost, 127.0.0.1 and $ip, with no dev code;" \
  "login printed and working (and replaced as required); demo emulator serving; clean stop on Ctrl-C;" \
  "second start reused the build and served in ${second_seconds} s; npm run dev (${dev_seconds} s) serves its HMR socket to this machine's names only"

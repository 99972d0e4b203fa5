#!/usr/bin/env bash
# Starts the console the way the README says (no DATABASE_URL: embedded Postgres + demo emulator),
# checks health and the printed login, signs in, and stops it. Used by CI.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d /tmp/osc-smoke-XXXXXX); chmod 755 "$data"
log="$data/console.log"
# In a session of its own, so stopping it below is what Ctrl-C does in a terminal: the whole group.
setsid env -u DATABASE_URL DATA_DIR="$data" PORT=3210 DEMO_EMULATOR_PORT=8797 EMBEDDED_PG_PORT=54399 npm start >"$log" 2>&1 &
pid=$!
cleanup() { kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
for _ in $(seq 1 240); do
  grep -q "Sign in as" "$log" && break
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "console exited early"; exit 1; fi
  sleep 1
done
grep -q "Sign in as" "$log" || { cat "$log"; echo "no login printed"; exit 1; }
email=$(grep -o 'Sign in as [^ ]*' "$log" | awk '{print $4}')
password=$(grep -o 'with password [^ ]*' "$log" | awk '{print $3}')
curl -fsS http://localhost:3210/api/health | grep -q '"status":"ok"'
jar="$data/cookies"
csrf=$(curl -fsS -c "$jar" http://localhost:3210/api/auth/csrf | sed -E 's/.*"csrfToken":"([^"]+)".*/\1/')
curl -sS -b "$jar" -c "$jar" -o /dev/null -X POST http://localhost:3210/api/auth/callback/credentials \
  --data-urlencode "csrfToken=$csrf" --data-urlencode "email=$email" --data-urlencode "password=$password"
curl -fsS -b "$jar" http://localhost:3210/api/auth/session | grep -q "$email"
# The printed password is good for choosing a new one only.
curl -sS -b "$jar" http://localhost:3210/api/integrations | grep -q PASSWORD_CHANGE_REQUIRED || { echo "a generated password was not forced to change"; exit 1; }
curl -fsS -b "$jar" -o /dev/null -X POST http://localhost:3210/api/me/password -H "origin: http://localhost:3210" \
  -H "content-type: application/json" --data "{\"currentPassword\":\"$password\",\"newPassword\":\"smoke-chosen-passphrase\"}"
curl -fsS -b "$jar" http://localhost:3210/api/integrations >/dev/null
curl -fsS http://127.0.0.1:8797/__emulator >/dev/null
# Ctrl-C: everything stops, in order (no process holds the database when Postgres goes).
kill -INT -- "-$pid"
for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$pid" 2>/dev/null || pgrep -f "$data" >/dev/null; then cat "$log"; echo "still running after Ctrl-C"; exit 1; fi
if grep -q "terminating connection due to administrator command" "$log"; then cat "$log"; echo "Postgres stopped before the console let go of it"; exit 1; fi
echo "smoke: console up on embedded Postgres, login printed and working (and replaced as required), demo emulator serving, clean stop on Ctrl-C"

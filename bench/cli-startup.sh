#!/usr/bin/env bash
# Startup of the Java CLI to its first request (target: <= 300 ms).
#   bench/cli-startup.sh [runs]      (default 20 runs; needs cli/target/stratuslab-cli.jar and python3)
# A loopback XML-RPC stub (plain HTTP, and HTTPS with a throw-away certificate trusted through
# ca_certificate) records when each request arrives; the time from launching
# `stratus-describe-instance` (through its wrapper script) to that arrival is the startup. The stub
# answers an empty VM pool, so every run also completes the command. Reports min / median / p90
# (wall clock) and the median CPU time (user + system, all threads) of the whole run, which a busy
# machine inflates less; for the wrapper as shipped (class-data archive of the first run, C1 only) and for a plain
# `java -jar` without either.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${1:-20}"
JAR="$ROOT/cli/target/stratuslab-cli.jar"
[ -f "$JAR" ] || { echo "build first: mvn -B -q -pl cli -am -DskipTests package" >&2; exit 2; }
WORK="$(mktemp -d)"
STUB=""
trap 'kill $STUB 2>/dev/null || true; rm -rf "$WORK"' EXIT

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
cat > "$WORK/stub.py" <<'PY'
import http.server, ssl, sys, time, os
work, name = sys.argv[1], sys.argv[2]
BODY = (b"<?xml version='1.0'?><methodResponse><params><param><value><array><data>"
        b"<value><boolean>1</boolean></value><value><string>&lt;VM_POOL&gt;&lt;/VM_POOL&gt;</string></value>"
        b"</data></array></value></param></params></methodResponse>")
class Stub(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        arrived = time.time_ns()
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(os.path.join(work, "arrivals"), "a") as f:
            f.write("%d\n" % arrived)
        self.send_response(200)
        self.send_header("Content-Type", "text/xml")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)
    def log_message(self, *a):
        pass
srv = http.server.HTTPServer(("127.0.0.1", 0), Stub)
if name == "tls":
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(work, "cert.pem"), os.path.join(work, "key.pem"))
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
open(os.path.join(work, "port-" + name), "w").write(str(srv.server_address[1]))
srv.serve_forever()
PY
python3 "$WORK/stub.py" "$WORK" plain & STUB=$!
python3 "$WORK/stub.py" "$WORK" tls & STUB="$STUB $!"
for _ in $(seq 100); do [ -s "$WORK/port-plain" ] && [ -s "$WORK/port-tls" ] && break; sleep 0.05; done
HTTP="http://127.0.0.1:$(cat "$WORK/port-plain")/RPC2"
HTTPS="https://localhost:$(cat "$WORK/port-tls")/one-proxy/xmlrpc"
export XDG_CACHE_HOME="$WORK/cache"

measure() { # label, command...
  local label="$1"; shift
  : > "$WORK/arrivals"; : > "$WORK/starts"
  "$@" >/dev/null   # warm-up (also writes the class-data archive for the wrapper)
  : > "$WORK/arrivals"; : > "$WORK/cpu"
  for _ in $(seq "$RUNS"); do
    date +%s%N >> "$WORK/starts"
    /usr/bin/time -a -o "$WORK/cpu" -f "%U %S" "$@" >/dev/null
  done
  local cpu
  cpu=$(awk '{print ($1+$2)*1000}' "$WORK/cpu" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  paste "$WORK/starts" "$WORK/arrivals" | awk '{print ($2-$1)/1e6}' | sort -n | awk -v label="$label" -v cpu="$cpu" '
    {v[NR]=$1} END {printf "%-32s to first request: min %4.0f ms  median %4.0f ms  p90 %4.0f ms | whole run CPU median %4.0f ms (%d runs)\n",
      label, v[1], v[int((NR+1)/2)], v[int(NR*0.9+0.5)], cpu, NR}'
}

printf '[default]\nusername = bench\npassword = bench\nca_certificate = %s\n' "$WORK/cert.pem" > "$WORK/user.cfg"
WRAPPER="$ROOT/cli/src/main/scripts/stratuslab-cli"
measure "http, wrapper (AppCDS, C1)" "$WRAPPER" stratus-describe-instance -c "$WORK/user.cfg" --endpoint "$HTTP"
measure "https, wrapper (AppCDS, C1)" "$WRAPPER" stratus-describe-instance -c "$WORK/user.cfg" --endpoint "$HTTPS"
measure "https, java -jar (no archive)" java -jar "$JAR" stratus-describe-instance -c "$WORK/user.cfg" --endpoint "$HTTPS"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"

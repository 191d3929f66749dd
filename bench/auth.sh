#!/usr/bin/env bash
# Authentication overhead benchmark (issue "authentication", item "Benchmark"): one.vm.info of the
# caller's own VM through
#   /RPC2                      session string oneadmin:<pw>, no HTTP authentication
#   one-proxy Basic, plain     the generated 'demo' user, plain-text entry in login-pswd.properties
#   one-proxy Basic, bcrypt    'bcryptuser', a $2y$ cost-10 entry in login-pswd.properties
#   one-proxy Basic, LDAP      'ldapuser', found by the LdapLoginModule in a real slapd (bind login)
# with 1, 2 and 64 keep-alive connections (wrk). Prints a Markdown table. Usage:
#   bench/auth.sh [--duration SECONDS] [--warmup SECONDS] [--cache-seconds N]
# The TLS floor (issue 14 item 8) instead: one.vm.info as demo (Basic, plain entry) through the
# one-proxy at 64 connections, interleaved ROUNDS times with the same call answered by a trivial
# Jetty TLS handler on the same listener code (TlsFloorServer: TLS, read the body, write the
# one-proxy's recorded answer), so the ratio one-proxy / floor comes from one run:
#   bench/auth.sh --floor ROUNDS [--duration SECONDS] [--profile]
# --profile records the last round of each with Java Flight Recorder and prints where each
# process's CPU went (bench/scripts/jfr_breakdown.py); BENCH_KEEP=1 keeps the recordings
# (floor.jfr, proxy.jfr in the work directory printed at the end).
# Each scheme is first driven, unmeasured, for --warmup seconds (default: min(5, duration)).
# Environment: RPC2_PORT / PROXY_PORT (default 12633 / 12634, as bench/run.sh);
# STRATUSLAB_UP, the command that runs the cloud (default "<repo>/stratuslab up"; it gets
# "--home DIR" appended, and once "--home DIR --write-config" for the default files), e.g. a
# prebuilt "java -cp ... eu.stratuslab.cloud.CloudLauncher".
#
# The one-proxy caches verified credentials (cloud.cfg authn.cache_seconds, default 60). With the
# cache on, after the first request the bcrypt and LDAP rows measure the cache path; run again with
# --cache-seconds 0 to make every request run the login modules (bcrypt, LDAP bind).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DURATION=10
WARMUP=""
CACHE_SECONDS=60
FLOOR_ROUNDS=0
PROFILE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --warmup) WARMUP="$2"; shift 2 ;;
    --cache-seconds) CACHE_SECONDS="$2"; shift 2 ;;
    --floor) FLOOR_ROUNDS="$2"; shift 2 ;;
    --profile) PROFILE=1; shift ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
PATH="$PATH:/usr/sbin"  # slapd and slappasswd
for tool in wrk python3 slapd slappasswd ldapadd ldapmodify ldapwhoami; do
  command -v "$tool" >/dev/null || { echo "$tool is required: apt-get install -y wrk slapd ldap-utils" >&2; exit 1; }
done
WARMUP="${WARMUP:-$(( DURATION < 5 ? DURATION : 5 ))}"
RPC2_PORT="${RPC2_PORT:-12633}"
PROXY_PORT="${PROXY_PORT:-12634}"
read -r -a UP <<<"${STRATUSLAB_UP:-$ROOT/stratuslab up}"
LDIF="$ROOT/authn/src/test/resources/eu/stratuslab/authn/stratuslab-tree.ldif"
LDAP_ROOT_DN="cn=admin,o=cloud"

WORK="$(mktemp -d /tmp/stratuslab-authbench.XXXXXX)"
CLOUD_PID=""
SLAPD_PID=""
FLOOR_PID=""
cleanup() {
  local rc=$?
  set +e  # a killed child's exit status must not abort the clean-up
  if [ -n "$FLOOR_PID" ]; then kill "$FLOOR_PID" 2>/dev/null; wait "$FLOOR_PID" 2>/dev/null; fi
  if [ -n "$CLOUD_PID" ]; then kill "$CLOUD_PID" 2>/dev/null; wait "$CLOUD_PID" 2>/dev/null; fi
  if [ -n "$SLAPD_PID" ]; then kill "$SLAPD_PID" 2>/dev/null; wait "$SLAPD_PID" 2>/dev/null; fi
  if [ -n "${BENCH_KEEP:-}" ]; then echo "work directory kept in $WORK" >&2; else rm -rf "$WORK"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port_is_free() { # SO_REUSEADDR as Jetty: only a listener, not TIME_WAIT left by a previous run, makes it busy
  python3 -c 'import socket, sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen()' "$1" 2>/dev/null
}
random_pw() { python3 -c 'import secrets, string; a=string.ascii_letters+string.digits; print("".join(secrets.choice(a) for _ in range(16)))'; }

# bcrypt, cost 10, in the $2y$ form htpasswd writes. libxcrypt (python3 crypt) produces $2b$,
# which is the same algorithm for passwords under 255 bytes; only the prefix is rewritten.
bcrypt_hash() { # password
  if python3 -W ignore -c 'import crypt; assert crypt.METHOD_BLOWFISH' 2>/dev/null; then
    python3 -W ignore -c 'import crypt, sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=1 << 10)))' "$1" \
      | sed 's/^\$2[ab]\$/$2y$/'
  elif command -v htpasswd >/dev/null; then
    htpasswd -nbBC 10 x "$1" | cut -d: -f2- | tr -d '\n'; echo
  else
    echo "no bcrypt generator: python3 crypt with libxcrypt, or apt-get install -y apache2-utils" >&2; return 1
  fi
}

# --- slapd: throw-away config and mdb database, StratusLab tree + ldapuser in cloud-access -------
start_slapd() {
  local dir="$WORK/slapd" modules=""
  mkdir -p "$dir/db"
  [ -e /usr/lib/ldap/back_mdb.so ] && modules=$'modulepath /usr/lib/ldap\nmoduleload back_mdb'
  LDAP_ROOT_PW="$(random_pw)"
  cat > "$dir/slapd.conf" <<EOF
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile $dir/slapd.pid
argsfile $dir/slapd.args
$modules
database mdb
maxsize 104857600
suffix "o=cloud"
rootdn "$LDAP_ROOT_DN"
rootpw $LDAP_ROOT_PW
directory $dir/db
access to attrs=userPassword by anonymous auth by * none
access to * by * read
EOF
  LDAP_PORT="$(free_port)"
  slapd -f "$dir/slapd.conf" -h "ldap://127.0.0.1:$LDAP_PORT/" -d 0 > "$dir/slapd.log" 2>&1 &
  SLAPD_PID=$!
  local ldap=(-x -H "ldap://127.0.0.1:$LDAP_PORT/" -D "$LDAP_ROOT_DN" -w "$LDAP_ROOT_PW")
  for _ in $(seq 1 300); do
    kill -0 "$SLAPD_PID" 2>/dev/null || { cat "$dir/slapd.log" >&2; echo "slapd exited" >&2; exit 1; }
    ldapwhoami "${ldap[@]}" >/dev/null 2>&1 && break
    sleep 0.1
  done
  ldapwhoami "${ldap[@]}" >/dev/null 2>&1 || { echo "slapd did not accept connections" >&2; exit 1; }
  ldapadd "${ldap[@]}" -f "$LDIF" > "$dir/ldapadd.log"
  LDAP_PW="$(random_pw)"
  ldapadd "${ldap[@]}" >> "$dir/ldapadd.log" <<EOF
dn: uid=ldapuser,ou=users,o=cloud
objectClass: top
objectClass: person
objectClass: organizationalPerson
objectClass: inetOrgPerson
uid: ldapuser
cn: LDAP Bench
sn: Bench
userPassword: $(slappasswd -h '{SSHA}' -s "$LDAP_PW")
EOF
  ldapmodify "${ldap[@]}" >> "$dir/ldapadd.log" <<EOF
dn: cn=cloud-access,ou=groups,o=cloud
changetype: modify
add: uniqueMember
uniqueMember: uid=ldapuser,ou=users,o=cloud
EOF
}

# --- the cloud: every file the launcher would generate for accounts is written first ------------
start_cloud() { # $1 = home
  local home="$1" authn="$1/etc/stratuslab/authn"
  for p in "$RPC2_PORT" "$PROXY_PORT"; do
    port_is_free "$p" || { echo "port $p is in use (another benchmark or cloud?); set RPC2_PORT/PROXY_PORT" >&2; exit 1; }
  done
  mkdir -p "$authn"
  printf 'rpc2.port = %s\nproxy.port = %s\npdisk.port = %s\nauthn.cache_seconds = %s\n' "$RPC2_PORT" "$PROXY_PORT" \
    "$(free_port)" "$CACHE_SECONDS" > "$home/etc/stratuslab/cloud.cfg"
  ADMIN_PW="$(random_pw)"; DEMO_PW="$(random_pw)"; BCRYPT_PW="$(random_pw)"
  local bcrypt; bcrypt="$(bcrypt_hash "$BCRYPT_PW")"
  [[ "$bcrypt" == '$2y$10$'* && ${#bcrypt} -eq 60 ]] || { echo "bad bcrypt hash generated: $bcrypt" >&2; exit 1; }
  # Credentials.loadOrCreate reuses an existing credentials.txt; it must name all three accounts.
  (umask 077; printf 'oneadmin:%s\ndemo:%s\npdisk:%s\n' "$ADMIN_PW" "$DEMO_PW" "$(random_pw)" > "$home/credentials.txt")
  {
    echo "# username=password,cloud-access (authentication benchmark)"
    sed 's/^\([^:]*\):\(.*\)$/\1=\2,cloud-access/' "$home/credentials.txt"
    echo "bcryptuser=$bcrypt,cloud-access"
  } > "$authn/login-pswd.properties"
  echo '# no certificate users' > "$authn/login-cert.properties"
  # The cloud's own login.conf (the files above are kept as they are), with the slapd as a second
  # module of the password entry.
  "${UP[@]}" --home "$home" --write-config > "$home/write-config.log" 2>&1 \
    || { cat "$home/write-config.log" >&2; echo "the cloud could not write its configuration" >&2; exit 1; }
  grep -q '^stratuslab-pswd {' "$authn/login.conf" || { echo "no stratuslab-pswd entry in $authn/login.conf" >&2; exit 1; }
  local ldap_module
  ldap_module="$(cat <<EOF

  org.eclipse.jetty.jaas.spi.LdapLoginModule sufficient
    debug="false"
    useLdaps="false"
    contextFactory="com.sun.jndi.ldap.LdapCtxFactory"
    hostname="127.0.0.1"
    port="$LDAP_PORT"
    bindDn="$LDAP_ROOT_DN"
    bindPassword="$LDAP_ROOT_PW"
    authenticationMethod="simple"
    forceBindingLogin="true"
    userBaseDn="ou=users,o=cloud"
    userRdnAttribute="uid"
    userIdAttribute="uid"
    userPasswordAttribute="userPassword"
    userObjectClass="inetOrgPerson"
    roleBaseDn="ou=groups,o=cloud"
    roleNameAttribute="cn"
    roleMemberAttribute="uniqueMember"
    roleObjectClass="groupOfUniqueNames";
EOF
)"
  LDAP_MODULE="$ldap_module" awk '/^stratuslab-pswd \{/ { entry = 1 }
    entry && /^};/ { print ENVIRON["LDAP_MODULE"]; entry = 0 }
    { print }' "$authn/login.conf" > "$authn/login.conf.tmp"
  mv "$authn/login.conf.tmp" "$authn/login.conf"
  "${UP[@]}" --home "$home" > "$home/up.log" 2>&1 &
  CLOUD_PID=$!
  for _ in $(seq 1 600); do
    grep -q READY "$home/up.log" 2>/dev/null && break
    kill -0 "$CLOUD_PID" 2>/dev/null || { cat "$home/up.log" >&2; echo "the cloud exited" >&2; exit 1; }
    sleep 0.5
  done
  grep -q READY "$home/up.log" || { echo "cloud did not become READY" >&2; exit 1; }
  RPC2="http://127.0.0.1:$RPC2_PORT/RPC2"
  PROXY="https://127.0.0.1:$PROXY_PORT/one-proxy/pswd/xmlrpc"
}

# Allocates one VM as the given user and prints its id: over /RPC2 when the credential is the
# session, over one-proxy Basic otherwise (which also creates the account on first use).
allocate_vm() { # url user password basic(yes|no)
  python3 - "$@" <<'PY'
import base64, ssl, sys, xmlrpc.client
url, user, pw, basic = sys.argv[1:5]
template = 'NAME = "auth-bench"\nMEMORY = 64\nVCPU = 1\nNIC = [ NETWORK = "public", NETWORK_UNAME = "oneadmin" ]\n'

class Basic(xmlrpc.client.SafeTransport):
    def __init__(self, password):
        super().__init__(context=ssl._create_unverified_context())  # the cloud's self-signed certificate
        self.token = base64.b64encode(("%s:%s" % (user, password)).encode()).decode()
    def send_headers(self, connection, headers):
        connection.putheader("Authorization", "Basic " + self.token)
        super().send_headers(connection, headers)

if basic == "yes":
    session = "ignored"
    try:  # the entry is really checked: a wrong password is refused with 401
        xmlrpc.client.ServerProxy(url, transport=Basic(pw + "x")).one.vm.info(session, 0)
        sys.exit("%s: a wrong password was accepted" % user)
    except xmlrpc.client.ProtocolError as e:
        assert e.errcode == 401, "%s: a wrong password answered HTTP %s" % (user, e.errcode)
    proxy = xmlrpc.client.ServerProxy(url, transport=Basic(pw))
else:
    session = "%s:%s" % (user, pw)
    proxy = xmlrpc.client.ServerProxy(url)
ok, vid = proxy.one.vm.allocate(session, template)[:2]
assert ok, "%s: one.vm.allocate failed: %s" % (user, vid)
ok, info = proxy.one.vm.info(session, vid)[:2]
assert ok, "%s: one.vm.info(%s) failed: %s" % (user, vid, info)
print(vid)
PY
}

body() { # method, params... -> file
  local f="$WORK/body.$RANDOM$RANDOM.xml"
  python3 -c 'import sys, xmlrpc.client; a=[int(x) if x.lstrip("-").isdigit() else x for x in sys.argv[3:]]; open(sys.argv[1],"w").write(xmlrpc.client.dumps(tuple(a), sys.argv[2]))' "$f" "$@"
  echo "$f"
}

basic() { printf '%s:%s' "$1" "$2" | base64 -w0; }

warm_up() { # url bodyfile basic-token [connections, default 8]: unmeasured, so the JIT has compiled the path before the first row
  [ "$WARMUP" -gt 0 ] || return 0
  BODY_FILE="$2" BASIC_AUTH="$3" wrk -t2 -c"${4:-8}" -d"$WARMUP"s --timeout 10s -s "$ROOT/bench/scripts/xmlrpc.lua" "$1" >/dev/null
}

measure() { # path credential conns url bodyfile basic-token
  local path="$1" cred="$2" conns="$3" url="$4" bodyf="$5" auth="$6"
  local threads=$(( conns < 2 ? 1 : 2 ))
  local out
  out="$(BODY_FILE="$bodyf" BASIC_AUTH="$auth" wrk -t"$threads" -c"$conns" -d"${DURATION}s" --timeout 10s \
        -s "$ROOT/bench/scripts/xmlrpc.lua" "$url" | grep '^RESULT')" \
    || { echo "wrk produced no result for $path $cred $conns" >&2; exit 1; }
  python3 - "$path" "$cred" "$conns" "$out" <<'PY'
import re, sys
path, cred, conns, line = sys.argv[1:5]
v = {k: int(n) for k, n in re.findall(r"(\w+)=(\d+)", line)}
rate = v["requests"] / (v["duration_us"] / 1e6) if v["duration_us"] else 0
print("| %s | %s | %s | %.0f | %.2f | %.2f | %d |" % (path, cred, conns, rate, v["p50_us"] / 1000,
      v["p99_us"] / 1000, v["xmlrpc_failures"] + v["socket_errors"]))
PY
}

start_slapd
start_cloud "$WORK/cloud"
ADMIN_VM="$(allocate_vm "$RPC2" oneadmin "$ADMIN_PW" no)"
DEMO_VM="$(allocate_vm "$PROXY" demo "$DEMO_PW" yes)"
BCRYPT_VM="$(allocate_vm "$PROXY" bcryptuser "$BCRYPT_PW" yes)"
LDAP_VM="$(allocate_vm "$PROXY" ldapuser "$LDAP_PW" yes)"

INFO_RPC2="$(body one.vm.info "oneadmin:$ADMIN_PW" "$ADMIN_VM")"; INFO_DEMO="$(body one.vm.info ignored "$DEMO_VM")"
INFO_BCRYPT="$(body one.vm.info ignored "$BCRYPT_VM")"; INFO_LDAP="$(body one.vm.info ignored "$LDAP_VM")"
DEMO_BASIC="$(basic demo "$DEMO_PW")"; BCRYPT_BASIC="$(basic bcryptuser "$BCRYPT_PW")"; LDAP_BASIC="$(basic ldapuser "$LDAP_PW")"
warm_up "$RPC2" "$INFO_RPC2" ""
warm_up "$PROXY" "$INFO_DEMO" "$DEMO_BASIC"
warm_up "$PROXY" "$INFO_BCRYPT" "$BCRYPT_BASIC"
warm_up "$PROXY" "$INFO_LDAP" "$LDAP_BASIC"

if [ "$FLOOR_ROUNDS" -gt 0 ]; then
  # the one-proxy's own answer, byte for byte, is what the floor serves
  python3 "$ROOT/bench/scripts/answer.py" "$PROXY" "$INFO_DEMO" "$DEMO_BASIC" "$WORK/floor-answer.xml" > /dev/null
  echo "building the floor server's classpath (mvn, offline first)..." >&2
  (cd "$ROOT" && { mvn -B -q -o -pl one-proxy -am test-compile dependency:build-classpath -DskipTests \
      -Dmdep.outputFile="$WORK/floor.cp" -DincludeScope=test >/dev/null 2>&1 \
    || mvn -B -q -pl one-proxy -am test-compile dependency:build-classpath -DskipTests \
      -Dmdep.outputFile="$WORK/floor.cp" -DincludeScope=test >&2; })
  FLOOR_PORT="$(free_port)"
  : > "$WORK/floor.log" # exists before the readiness loop greps it
  java -cp "$ROOT/one-proxy/target/test-classes:$ROOT/one-proxy/target/classes:$(cat "$WORK/floor.cp")" \
    $(grep -v '^[[:space:]]*#' "$ROOT/conf/jvm.options" | grep -v TrimNativeHeap | tr '\n' ' ') \
    eu.stratuslab.oneproxy.server.TlsFloorServer "$FLOOR_PORT" "$WORK/floor-answer.xml" "$WORK/floor" \
    > "$WORK/floor.log" 2>&1 &
  FLOOR_PID=$!
  for _ in $(seq 1 300); do
    grep -q READY "$WORK/floor.log" && break
    kill -0 "$FLOOR_PID" 2>/dev/null || { cat "$WORK/floor.log" >&2; echo "the floor server exited" >&2; exit 1; }
    sleep 0.1
  done
  FLOOR="https://127.0.0.1:$FLOOR_PORT/one-proxy/pswd/xmlrpc"
  # at the rows' 64 connections: a floor warmed at 8 was still compiling in the first round
  warm_up "$FLOOR" "$INFO_DEMO" "$DEMO_BASIC" 64
  warm_up "$PROXY" "$INFO_DEMO" "$DEMO_BASIC" 64
  # CPU time of the serving process per answer (utime + stime from /proc, all its threads): on a
  # shared machine the throughput moves with the neighbours, the work per answer much less
  cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
  measure_cpu() { # pid, then measure's arguments; PROFILE_TO: a JFR recording of the row
    local pid="$1"; shift
    local before after row
    [ -z "${PROFILE_TO:-}" ] || jcmd "$pid" JFR.start name=row settings=profile filename="$PROFILE_TO" >/dev/null
    before="$(cpu_ticks "$pid")"
    row="$(measure "$@")"
    after="$(cpu_ticks "$pid")"
    [ -z "${PROFILE_TO:-}" ] || jcmd "$pid" JFR.stop name=row >/dev/null
    python3 -c 'import os, sys
row, ticks = sys.argv[1], int(sys.argv[2]) - int(sys.argv[3])
rate = float(row.split("|")[4])
us = ticks / os.sysconf("SC_CLK_TCK") * 1e6 / (rate * float(sys.argv[4])) if rate else float("nan")
print("%s %.1f |" % (row, us))' "$row" "$after" "$before" "$DURATION"
  }
  if [ "$PROFILE" = 1 ]; then # the first recording of a JVM sets JFR up, which stalls it: not in a measured row
    for pid in "$FLOOR_PID" "$CLOUD_PID"; do
      jcmd "$pid" JFR.start name=setup settings=profile >/dev/null && jcmd "$pid" JFR.stop name=setup >/dev/null
    done
    warm_up "$FLOOR" "$INFO_DEMO" "$DEMO_BASIC" 64
    warm_up "$PROXY" "$INFO_DEMO" "$DEMO_BASIC" 64
  fi
  echo "| round | path | connections | req/s | p50 ms | p99 ms | failures | server CPU µs per answer |"
  echo "|---|---|---|---|---|---|---|---|"
  RATIOS=(); CPU_RATIOS=()
  for r in $(seq 1 "$FLOOR_ROUNDS"); do
    last=""; [ "$PROFILE" = 1 ] && [ "$r" = "$FLOOR_ROUNDS" ] && last=1
    f="$(PROFILE_TO="${last:+$WORK/floor.jfr}" measure_cpu "$FLOOR_PID" "floor (TLS, fixed answer)" "Basic demo (not checked)" 64 "$FLOOR" "$INFO_DEMO" "$DEMO_BASIC")"
    p="$(PROFILE_TO="${last:+$WORK/proxy.jfr}" measure_cpu "$CLOUD_PID" "one-proxy" "Basic demo (plain file entry)" 64 "$PROXY" "$INFO_DEMO" "$DEMO_BASIC")"
    echo "| $r $f" | cut -d'|' -f1-3,5-; echo "| $r $p" | cut -d'|' -f1-3,5-
    RATIOS+=("$(python3 -c 'import sys; a, b = (float(x.split("|")[4]) for x in sys.argv[1:3]); print("%.3f" % (b / a) if a else "-")' "$f" "$p")")
    CPU_RATIOS+=("$(python3 -c 'import sys; a, b = (float(x.split("|")[8]) for x in sys.argv[1:3]); print("%.3f" % (a / b) if b == b and b else "-")' "$f" "$p")")
  done
  echo
  echo "one-proxy / floor, req/s per round: ${RATIOS[*]}"
  echo "floor / one-proxy, server CPU per answer per round: ${CPU_RATIOS[*]}"
  if [ "$PROFILE" = 1 ]; then
    echo; echo "Floor, last round (JFR execution samples of the listener's threads):"; echo
    python3 "$ROOT/bench/scripts/jfr_breakdown.py" "$WORK/floor.jfr" tls-floor
    echo; echo "One-proxy, last round (JFR execution samples of the listener's threads):"; echo
    python3 "$ROOT/bench/scripts/jfr_breakdown.py" "$WORK/proxy.jfr" one-proxy
  fi
  exit 0
fi

echo "| path | credential | connections | req/s | p50 ms | p99 ms | failures |"
echo "|---|---|---|---|---|---|---|"
for c in 1 2 64; do
  measure /RPC2 "session oneadmin" "$c" "$RPC2" "$INFO_RPC2" ""
done
for c in 1 2 64; do
  measure one-proxy "Basic demo (plain file entry)" "$c" "$PROXY" "$INFO_DEMO" "$DEMO_BASIC"
done
for c in 1 2 64; do
  measure one-proxy "Basic bcryptuser (bcrypt \$2y\$10)" "$c" "$PROXY" "$INFO_BCRYPT" "$BCRYPT_BASIC"
done
for c in 1 2 64; do
  measure one-proxy "Basic ldapuser (slapd bind)" "$c" "$PROXY" "$INFO_LDAP" "$LDAP_BASIC"
done

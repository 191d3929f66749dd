#!/usr/bin/env bash
# Proof that the built RPMs install and run (docs/packaging.md, "The CI proof"):
#   0. rpmlint with the explained filters of rpm/stratuslab.rpmlintrc: any other finding fails;
#   1. install every package of rpm/target into a scratch root (rpm --root DIR --nodeps --noscripts -i)
#      and show the main package's Requires and scriptlets (the oneadmin creation must be there);
#   2. give the installed configuration free loopback ports and re-root its absolute paths;
#   3. start the installed service command (STRATUSLAB_ROOT=DIR DIR/usr/bin/stratuslab-cloud) on
#      its shipped defaults (H2, libvirt test:///default, file pdisk), wait for readiness with
#      the installed ExecStartPost poll;
#   4. allocate a VM from the published image and wait for RUNNING (smoke_allocate.py), list it
#      with the installed Java CLI (stratuslab-cli-user) and find it in stratuslab-acct;
#   5. stop the service (SIGTERM, as systemd does) and check it cleaned up its ready file.
# Any failure ends the script with status 1 and the service log.
# usage: rpm/smoke-test.sh [RPM folder, default rpm/target]   (KEEP_ROOT=1 keeps the scratch root)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rpms=${1:-$here/target}
log() { echo "== rpm smoke: $*"; }
scratch=$(mktemp -d /tmp/stratuslab-rpm-root.XXXXXX)
service_log=$scratch.service.log
pid=""
fail() {
  echo "== rpm smoke: FAILED: $*" >&2
  if [ -f "$service_log" ]; then echo "-- last lines of the service log:" >&2; tail -40 "$service_log" >&2; fi
  exit 1
}
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  if [ "${KEEP_ROOT:-0}" != 1 ]; then rm -rf "$scratch" "$service_log"; else echo "scratch root kept: $scratch"; fi
}
trap cleanup EXIT

ls "$rpms"/stratuslab-*.noarch.rpm >/dev/null 2>&1 || fail "no RPMs in $rpms (run ./stratuslab package)"
main_rpm=$(ls "$rpms"/stratuslab-[0-9]*.noarch.rpm)

if command -v rpmlint >/dev/null; then
  log "rpmlint"
  lint=$(rpmlint -r "$here/stratuslab.rpmlintrc" "$rpms"/*.rpm 2>&1) || true
  echo "$lint" | tail -1
  if echo "$lint" | grep -E ': [EW]: '; then fail "rpmlint findings not explained in rpm/stratuslab.rpmlintrc"; fi
elif [ "${STRATUSLAB_FULL_TESTS:-0}" = 1 ]; then
  fail "rpmlint is not installed (apt-get install -y rpmlint)"
else
  log "rpmlint not installed: skipped"
fi

log "Requires of $(basename "$main_rpm")"
rpm -qp --requires "$main_rpm"
log "scriptlets of $(basename "$main_rpm")"
scripts=$(rpm -qp --scripts "$main_rpm")
echo "$scripts"
echo "$scripts" | grep -q 'useradd -r -g oneadmin -d /var/lib/one' || fail "%pre does not create oneadmin"
for r in java-17-openjdk-headless libvirt-libs qemu-img '(genisoimage or xorriso)' mtools; do
  rpm -qp --requires "$main_rpm" | grep -qxF "$r" || fail "Requires lacks $r"
done

# As root (CI), the %pre scriptlet runs for real on this host, creating oneadmin as on a site;
# the scratch root gets this host's account files so that rpm gives oneadmin its files, and the
# service then runs as oneadmin, as stratuslab.service does.
run_as=()
if [ "$(id -u)" = 0 ]; then
  log "running the %pre scriptlet on this host"
  rpm -qp --qf '%{PREIN}' "$main_rpm" > "$scratch.pre"
  sh -e "$scratch.pre" || fail "the %pre scriptlet failed"
  rm -f "$scratch.pre"
  getent passwd oneadmin | grep -q ':/var/lib/one:' || fail "%pre did not create oneadmin with home /var/lib/one"
  getent group oneadmin >/dev/null || fail "%pre did not create the group oneadmin"
  mkdir -p "$scratch/etc"
  cp /etc/passwd /etc/group "$scratch/etc/"
  chmod 0755 "$scratch"
  run_as=(setpriv --reuid oneadmin --regid oneadmin --init-groups)
fi

# --nodeps: the scratch root has no RPM database of Java, libvirt, ... (Debian installs them with
# dpkg). --noscripts: scriptlets run chrooted into the root, which has no shell, getent or useradd
# (the %pre was run on the host above).
log "installing into $scratch"
rpm --root "$scratch" --initdb
rpm --root "$scratch" --nodeps --noscripts -i "$rpms"/*.rpm >"$scratch.install" 2>&1 \
  || { cat "$scratch.install" >&2; fail "rpm -i into the scratch root failed"; }
grep -v 'should not be used directly\|assuming you know what you are doing' "$scratch.install" || true
rm -f "$scratch.install"
rpm --root "$scratch" -qa | sort
for f in usr/bin/stratuslab-cloud usr/libexec/stratuslab/await-ready etc/stratuslab/cloud.cfg \
         etc/stratuslab/authn/login.conf etc/stratuslab/pdisk.cfg etc/stratuslab/pdisk-backend.cfg \
         etc/stratuslab/policy.cfg etc/stratuslab/quarantine.cfg etc/stratuslab/stratuslab.cfg \
         usr/lib/systemd/system/stratuslab.service etc/sudoers.d/stratuslab-node usr/sbin/stratus-pdisk-client.py \
         usr/share/stratuslab/cli/stratuslab-cli.jar; do
  [ -e "$scratch/$f" ] || fail "/$f is not installed"
done
if command -v visudo >/dev/null; then
  visudo -cf "$scratch/etc/sudoers.d/stratuslab-node" || fail "the node's sudo rules are invalid"
elif [ "${STRATUSLAB_FULL_TESTS:-0}" = 1 ]; then
  fail "visudo is not installed (apt-get install -y sudo)"
fi
if command -v systemd-analyze >/dev/null; then
  # the unit's hardening, scored offline on the installed file; fails above exposure 4.5 of 10
  systemd-analyze security --offline=true --root="$scratch" --threshold=45 \
    /usr/lib/systemd/system/stratuslab.service | tail -1 || fail "stratuslab.service: exposure above 4.5"
fi

# The shipped files name system paths; a scratch root needs them under the root.
etc=$scratch/etc/stratuslab
sed -i "s|^LOCATION=/|LOCATION=$scratch/|" "$etc/quarantine.cfg"
sed -i "s|^volume_name = /var/|volume_name = $scratch/var/|" "$etc/pdisk-backend.cfg"
sed -i "s|^disk.store.cache.location = /|disk.store.cache.location = $scratch/|" "$etc/pdisk.cfg"
read -r p_rpc2 p_proxy p_pdisk p_market < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(4)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in socks])')
sed -i -e "s/^rpc2.port = .*/rpc2.port = $p_rpc2/" -e "s/^proxy.port = .*/proxy.port = $p_proxy/" \
       -e "s/^pdisk.port = .*/pdisk.port = $p_pdisk/" -e "s/^marketplace.port = .*/marketplace.port = $p_market/" \
       "$etc/cloud.cfg"
grep -q "^proxy.port = $p_proxy" "$etc/cloud.cfg" || fail "cloud.cfg has no proxy.port line to set"

log "starting the installed service (ports $p_rpc2 $p_proxy $p_pdisk $p_market)"
ready=$scratch/run/stratuslab-cloud/ready
# what systemd provides: the RuntimeDirectory, a world-writable /var/tmp, HOME of the user
mkdir -p "$(dirname "$ready")" "$scratch/var/tmp"
chmod 1777 "$scratch/var/tmp"
if [ ${#run_as[@]} -gt 0 ]; then chown oneadmin:oneadmin "$(dirname "$ready")"; fi
started=$(date +%s)
HOME=$scratch/var/lib/one STRATUSLAB_ROOT=$scratch "${run_as[@]}" "$scratch/usr/bin/stratuslab-cloud" \
  --ready-file "$ready" >"$service_log" 2>&1 &
pid=$!
"$scratch/usr/libexec/stratuslab/await-ready" "$ready" "$pid" 180 || fail "the service did not become ready"
log "ready after $(( $(date +%s) - started ))s"
state=$scratch/var/lib/stratuslab
for f in credentials.txt endpoints.txt images.txt; do [ -s "$state/$f" ] || fail "/var/lib/stratuslab/$f missing"; done
grep -q '^oneadmin=' "$etc/authn/login-pswd.properties" || fail "the first start did not add oneadmin to login-pswd.properties"
[ -s "$scratch/var/log/stratuslab/one-proxy/stratuslab.log" ] || fail "no service log in /var/log/stratuslab/one-proxy"

log "allocate -> RUNNING"
vm=$(python3 "$here/smoke_allocate.py" "$state" 120) || fail "the VM did not reach RUNNING"
log "VM $vm is RUNNING"
[ -s "$scratch/var/log/one/$vm.log" ] || fail "no VM log /var/log/one/$vm.log"

log "the installed Java CLI lists it"
keystore=$etc/tls/server.p12
keytool -exportcert -rfc -keystore "$keystore" -storetype PKCS12 -storepass "$(cat "$keystore.password")" \
  -alias "$(keytool -list -keystore "$keystore" -storetype PKCS12 -storepass "$(cat "$keystore.password")" \
            | awk -F, '/PrivateKeyEntry/{print $1; exit}')" > "$scratch/ca.pem" 2>/dev/null \
  || fail "cannot export the service certificate"
cat > "$scratch/user.cfg" <<CFG
[default]
endpoint = https://localhost:$p_proxy/one-proxy/xmlrpc
username = demo
password = $(awk -F: '$1=="demo"{print $2}' "$state/credentials.txt")
ca_certificate = $scratch/ca.pem
CFG
listing=$(HOME=$scratch STRATUSLAB_CLI_CDS=off STRATUSLAB_CLI_JAR=$scratch/usr/share/stratuslab/cli/stratuslab-cli.jar \
  "$scratch/usr/bin/stratus-describe-instance" -c "$scratch/user.cfg") || fail "stratus-describe-instance failed: $listing"
echo "$listing"
echo "$listing" | grep -Eq "^$vm[[:space:]]+Running" || fail "stratus-describe-instance does not show VM $vm Running"

log "the installed accounting command reports it"
acct=$(STRATUSLAB_ROOT=$scratch "$scratch/usr/bin/stratuslab-acct" --from 2000-01-01 --format csv 2>&1) \
  || fail "stratuslab-acct failed: $acct"
echo "$acct"
echo "$acct" | grep -Eq "^user,[0-9]+,demo,.*,1,[0-9]+," || fail "stratuslab-acct does not report demo's one VM"

log "stopping (SIGTERM)"
kill -TERM "$pid"
deadline=$(( $(date +%s) + 60 ))
while kill -0 "$pid" 2>/dev/null; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the service did not stop within 60s"
  sleep 0.5
done
wait "$pid" || status=$?
[ "${status:-0}" = 0 ] || [ "${status:-0}" = 143 ] || fail "the service exited with status $status"
pid=""
[ ! -e "$ready" ] || fail "the ready file outlived the service"
log "OK"

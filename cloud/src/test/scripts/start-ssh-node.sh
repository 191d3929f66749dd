#!/bin/sh
# Starts a second "node" on this machine for the remote-node test (cloud RemoteNodeTest,
# docs/remote-nodes.md): its own sshd on 127.0.0.1 (own configuration, host key and port, never
# the system's sshd or port 22), a node user with a key-only login and its own VM directory, and
# libvirt reached as that user through qemu+ssh. Writes what the test needs to
# $STATE/node.env (NODE_URI, NODE_USER, NODE_VM_DIR, NODE_KEY, NODE_PORT).
# Idempotent (a running sshd of an earlier call is reused); run as root; needs openssh-server
# and libvirt's client tools.
set -eu

STATE=${STRATUSLAB_SSH_NODE_STATE:-/var/lib/stratuslab-ssh-node}
NODE_USER=stratusnode
NODE_HOME=/var/lib/$NODE_USER
VM_DIR=$NODE_HOME/vms

command -v /usr/sbin/sshd >/dev/null || { echo "openssh-server is not installed (/usr/sbin/sshd)" >&2; exit 1; }

# The node user: in group libvirt (a production node's way to reach qemu:///system), no password
# ('*' is not a locked account, which sshd would refuse), logins by key only.
getent group libvirt >/dev/null || groupadd --system libvirt
if ! id "$NODE_USER" >/dev/null 2>&1; then
  useradd --system --create-home --home-dir "$NODE_HOME" --shell /bin/sh --groups libvirt "$NODE_USER"
fi
usermod -p '*' "$NODE_USER"
mkdir -p "$STATE" "$VM_DIR" "$NODE_HOME/.ssh" /run/sshd
chmod 700 "$STATE" "$NODE_HOME/.ssh"
chmod 755 "$NODE_HOME" "$VM_DIR"
[ -f "$STATE/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$STATE/ssh_host_ed25519_key"
[ -f "$STATE/id_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C "stratuslab-front-end" -f "$STATE/id_ed25519"
cp "$STATE/id_ed25519.pub" "$NODE_HOME/.ssh/authorized_keys"
chmod 600 "$NODE_HOME/.ssh/authorized_keys"
chown -R "$NODE_USER:$NODE_USER" "$NODE_HOME"

running() { [ -f "$STATE/sshd.pid" ] && kill -0 "$(cat "$STATE/sshd.pid")" 2>/dev/null; }
if ! running; then
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat > "$STATE/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $PORT
HostKey $STATE/ssh_host_ed25519_key
PidFile $STATE/sshd.pid
AllowUsers $NODE_USER
PermitRootLogin no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AuthorizedKeysFile .ssh/authorized_keys
UsePAM no
X11Forwarding no
Subsystem sftp internal-sftp
CONF
  echo "$PORT" > "$STATE/port"
  /usr/sbin/sshd -f "$STATE/sshd_config" -E "$STATE/sshd.log"
fi
PORT=$(cat "$STATE/port")

# The front-end's view: the node's host key pinned in a known_hosts file of its own.
printf '[127.0.0.1]:%s %s\n' "$PORT" "$(cut -d' ' -f1,2 "$STATE/ssh_host_ed25519_key.pub")" > "$STATE/known_hosts"
SSH="ssh -i $STATE/id_ed25519 -p $PORT -o BatchMode=yes -o UserKnownHostsFile=$STATE/known_hosts -o StrictHostKeyChecking=yes"
i=0
until $SSH "$NODE_USER@127.0.0.1" true 2>/dev/null; do
  i=$((i + 1))
  if [ "$i" -gt 40 ]; then echo "sshd on 127.0.0.1:$PORT does not accept $NODE_USER's key; see $STATE/sshd.log" >&2; $SSH "$NODE_USER@127.0.0.1" true; exit 1; fi
  sleep 0.25
done

URI="qemu+ssh://$NODE_USER@127.0.0.1:$PORT/session?keyfile=$STATE/id_ed25519&no_verify=1"
if ! virsh -c "$URI" version >/dev/null; then
  echo "libvirt is not reachable as $NODE_USER through $URI" >&2
  exit 1
fi
cat > "$STATE/node.env" <<ENV
NODE_URI=$URI
NODE_USER=$NODE_USER
NODE_VM_DIR=$VM_DIR
NODE_KEY=$STATE/id_ed25519
NODE_PORT=$PORT
NODE_KNOWN_HOSTS=$STATE/known_hosts
ENV
echo "ssh node ready: $URI (VM directory $VM_DIR)"

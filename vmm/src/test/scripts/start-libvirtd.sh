#!/bin/sh
# Starts libvirtd with the qemu driver for the vmm real-guest tests (RealQemuGuestTest) and the
# benchmark, on a Debian machine with libvirt-daemon, libvirt-daemon-driver-qemu and
# qemu-system-x86 installed but without libvirt-daemon-system (no systemd units, user or config).
# Idempotent; run as root.
set -eu

# TCG only: with /dev/kvm present every start takes 20-45 s here and nested KVM hangs.
if [ -e /dev/kvm ]; then mv /dev/kvm /dev/kvm.disabled; fi

# libvirtd refuses to start its qemu driver when the built-in default user does not exist,
# even if qemu.conf names another one.
id libvirt-qemu >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin libvirt-qemu
mkdir -p /var/log/libvirt /var/run/libvirt /var/lib/libvirt /etc/libvirt
if [ ! -f /etc/libvirt/qemu.conf ]; then
  # qemu as root: guest files under /tmp and the build tree need no ownership changes.
  printf 'user = "root"\ngroup = "root"\nremember_owner = 0\nsecurity_driver = "none"\n' > /etc/libvirt/qemu.conf
fi

pgrep -x virtlogd >/dev/null || virtlogd -d
pgrep -x libvirtd >/dev/null || libvirtd -d

# Wait (bounded) until the daemon answers.
i=0
until virsh -c qemu:///system version >/dev/null 2>&1; do
  i=$((i + 1))
  if [ "$i" -gt 60 ]; then echo "libvirtd did not come up" >&2; exit 1; fi
  sleep 0.5
done
echo "libvirtd ready"

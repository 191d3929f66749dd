#!/bin/busybox sh
# /init of the bootable StratusLab test guest (BootableGuestImage). After boot it finds the
# context disk, runs the SHIPPED init.sh from it and reports on the serial console what the
# tests grep for:
#   STRATUSLAB-GUEST-UP                    the initramfs runs
#   CONTEXT-INIT-EXIT=<status>             init.sh of an ISO context disk (label _STRATUSLAB) ran
#   CONTEXT-HOSTNAME=<HOSTNAME>            from context.sh
#   CONTEXT-USER_<X>=<value>               every context variable whose name starts with USER_
#   CONTEXT-KEY=<first line of /root/.ssh/authorized_keys, as left by init.sh>
#   CLOUDINIT-META=<meta.js on one line>   a cloud-init VFAT context disk instead
#   CLOUDINIT-KEY=<first line of its root/.ssh/authorized_keys>
#   NO-CONTEXT-DISK                        neither was found
#   ROOTDISK-MARKER=<marker>               the boot disk carries a marker (BootableGuestImage.writeMarker)
#   STRATUSLAB-GUEST-CONTEXT-DONE          the report is complete; the guest then idles
/bin/busybox mkdir -p /proc /sys /dev /tmp /root /mnt/stratuslab /mnt/cloudinit /mnt/rootdisk
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
# Keep kernel messages off the console so that they cannot split the report lines.
dmesg -n 1
say() { echo "$*" > /dev/console; }
say "STRATUSLAB-GUEST-UP"

for m in $(cat /lib/modules/load-order); do
    insmod "/lib/modules/$m.ko" 2>/dev/null || say "GUEST-NOTE: insmod $m failed"
done

candidates() {
    for d in /sys/block/*; do
        n=${d##*/}
        case "$n" in sr*|hd*|vd*|sd*|xvd*) echo "$n" ;; esac
    done
}

# The ISO 9660 volume id is at byte 32808 (sector 16, offset 40).
iso_label() {
    dd if="/dev/$1" bs=1 skip=32808 count=32 2>/dev/null | tr -d ' \000'
}

find_iso_context() {
    for n in $(candidates); do
        [ "$(iso_label "$n")" = "_STRATUSLAB" ] || continue
        if mount -t iso9660 -o ro "/dev/$n" /mnt/stratuslab 2>/dev/null; then
            [ -f /mnt/stratuslab/context.sh ] && return 0
            umount /mnt/stratuslab
        fi
    done
    return 1
}

find_vfat_context() {
    for n in $(candidates); do
        case "$n" in sr*) continue ;; esac
        if mount -t vfat -o ro "/dev/$n" /mnt/cloudinit 2>/dev/null; then
            [ -f /mnt/cloudinit/meta.js ] && return 0
            umount /mnt/cloudinit
        fi
    done
    return 1
}

find_root_marker() {
    for n in $(candidates); do
        case "$n" in sr*) continue ;; esac
        if mount -t iso9660 -o ro "/dev/$n" /mnt/rootdisk 2>/dev/null; then
            [ -f /mnt/rootdisk/stratuslab-marker ] && return 0
            umount /mnt/rootdisk
        fi
    done
    return 1
}

# Devices appear asynchronously once their drivers are loaded: retry for a bounded time.
context=none
tries=0
while [ "$tries" -lt 30 ]; do
    if find_iso_context; then context=iso; break; fi
    if find_vfat_context; then context=vfat; break; fi
    tries=$((tries + 1))
    sleep 1
done

case "$context" in
iso)
    sh /mnt/stratuslab/init.sh > /tmp/init.log 2>&1
    say "CONTEXT-INIT-EXIT=$?"
    while IFS= read -r line; do say "CONTEXT-INIT-LOG: $line"; done < /tmp/init.log
    (
        . /mnt/stratuslab/context.sh
        say "CONTEXT-HOSTNAME=$HOSTNAME"
        for name in $(sed -n 's/^\(USER_[A-Za-z0-9_]*\)=.*/\1/p' /mnt/stratuslab/context.sh); do
            eval "value=\${$name}"
            say "CONTEXT-$name=$value"
        done
    )
    say "CONTEXT-KEY=$(head -n 1 /root/.ssh/authorized_keys 2>/dev/null)"
    ;;
vfat)
    say "CLOUDINIT-META=$(tr -d '\n' < /mnt/cloudinit/meta.js)"
    if [ -f /mnt/cloudinit/root/.ssh/authorized_keys ]; then
        say "CLOUDINIT-KEY=$(head -n 1 /mnt/cloudinit/root/.ssh/authorized_keys)"
    fi
    ;;
*)
    say "NO-CONTEXT-DISK"
    ;;
esac

if find_root_marker; then
    marker=$(head -n 1 /mnt/rootdisk/stratuslab-marker | tr -d '\000')
    if [ "$marker" != "STRATUSLAB-ROOTDISK-MARKER-SLOT" ]; then
        say "ROOTDISK-MARKER=$marker"
    fi
fi

say "STRATUSLAB-GUEST-CONTEXT-DONE"
while true; do sleep 3600; done

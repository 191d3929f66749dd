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
#   VOLUME-SEEN=<dev> <marker or ->        every data disk (not the boot disk, not the context) and the
#                                          volume marker at its byte 0 (VOLUME-MARKER-PREFIX <token>)
#   VOLUME-WRITTEN=<dev> <token>           context USER_MARK_BOOT_DISKS=<token>: written to every data disk
#   ROOTDISK-WRITTEN=<token>               context USER_ROOT_MARKER=<token> and USER_ROOT_MARKER_OFFSET:
#                                          the boot disk's marker slot overwritten in place
#   STRATUSLAB-GUEST-CONTEXT-DONE          the report is complete
#   HOTPLUG-WAITING                        context USER_MARK_HOTPLUG=<token>: polling /sys/block for a
#                                          new data disk, then VOLUME-WRITTEN=<dev> <token> (or
#                                          HOTPLUG-NONE after 240 s); the guest then idles
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

is_stratuslab_iso() { [ "$(iso_label "$1")" = "_STRATUSLAB" ]; }
not_cdrom() { case "$1" in sr*) return 1 ;; esac; }

# mount_first ACCEPT FSTYPE DIR FILE: mounts on DIR (read-only) the first candidate device that the
# function ACCEPT lets through and whose FSTYPE file system holds FILE.
mount_first() {
    for n in $(candidates); do
        "$1" "$n" || continue
        if mount -t "$2" -o ro "/dev/$n" "$3" 2>/dev/null; then
            [ -f "$3/$4" ] && return 0
            umount "$3"
        fi
    done
    return 1
}

find_iso_context() { mount_first is_stratuslab_iso iso9660 /mnt/stratuslab context.sh; }
find_vfat_context() { mount_first not_cdrom vfat /mnt/cloudinit meta.js; }
find_root_marker() { mount_first not_cdrom iso9660 /mnt/rootdisk stratuslab-marker; }

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

# ---- volumes: markers at byte 0 of data disks, read and written as the context asks ----------
VOLUME_PREFIX="STRATUSLAB-VOLUME-MARKER"
label_of() { iso_label "$1"; }
data_disks() {
    for n in $(candidates); do
        case "$n" in sr*) continue ;; esac
        case "$(label_of "$n")" in STRATUSLAB_GUEST|_STRATUSLAB) continue ;; esac
        [ "$(cat /sys/block/$n/size 2>/dev/null)" != "0" ] || continue
        echo "$n"
    done
}
boot_disk() {
    for n in $(candidates); do
        case "$n" in sr*) continue ;; esac
        [ "$(label_of "$n")" = "STRATUSLAB_GUEST" ] && { echo "$n"; return 0; }
    done
    return 1
}
volume_marker() {
    line=$(dd if="/dev/$1" bs=512 count=1 2>/dev/null | tr -d '\000' | head -n 1)
    case "$line" in "$VOLUME_PREFIX "*) echo "${line#"$VOLUME_PREFIX "}" ;; *) echo "-" ;; esac
}
write_volume_marker() {
    # one sector: the marker line, zero-padded (conv=sync); fsync so that it is on the volume
    printf '%s %s\n' "$VOLUME_PREFIX" "$2" | dd of="/dev/$1" bs=512 count=1 conv=sync,notrunc,fsync 2>/dev/null \
        && say "VOLUME-WRITTEN=$1 $2" || say "GUEST-NOTE: cannot write the marker to $1"
}

if [ "$context" = iso ]; then
    . /mnt/stratuslab/context.sh
fi
BOOT_DATA_DISKS=$(data_disks)
for n in $BOOT_DATA_DISKS; do
    say "VOLUME-SEEN=$n $(volume_marker "$n")"
done
if [ -n "$USER_MARK_BOOT_DISKS" ]; then
    for n in $BOOT_DATA_DISKS; do
        write_volume_marker "$n" "$USER_MARK_BOOT_DISKS"
    done
fi
if [ -n "$USER_ROOT_MARKER" ] && [ -n "$USER_ROOT_MARKER_OFFSET" ]; then
    # The root file system is the initramfs; the boot disk's /stratuslab-marker (a 512-byte slot at a
    # sector-aligned offset the test computed from the image) is the file written in place: the
    # marker line, zeros, and the slot's fixed tail, so that BootableGuestImage finds it again.
    umount /mnt/rootdisk 2>/dev/null
    root=$(boot_disk)
    tail_text="
STRATUSLAB-ROOTDISK-MARKER-SLOT-END"
    if [ -n "$root" ] && { { printf '%s\n' "$USER_ROOT_MARKER"; cat /dev/zero; } | head -c $((512 - 37)); printf '%s\n' "$tail_text"; } \
            | dd of="/dev/$root" bs=512 seek=$((USER_ROOT_MARKER_OFFSET / 512)) count=1 iflag=fullblock conv=notrunc,fsync 2>/dev/null; then
        sync
        say "ROOTDISK-WRITTEN=$USER_ROOT_MARKER"
    else
        say "GUEST-NOTE: cannot write the root marker (boot disk: ${root:-none})"
    fi
fi

say "STRATUSLAB-GUEST-CONTEXT-DONE"

if [ -n "$USER_MARK_HOTPLUG" ]; then
    say "HOTPLUG-WAITING"
    tries=0
    plugged=""
    while [ -z "$plugged" ] && [ "$tries" -lt 240 ]; do
        for n in $(data_disks); do
            case " $(echo $BOOT_DATA_DISKS) " in *" $n "*) ;; *) plugged=$n ;; esac
        done
        [ -n "$plugged" ] || { tries=$((tries + 1)); sleep 1; }
    done
    if [ -n "$plugged" ]; then
        say "VOLUME-SEEN=$plugged $(volume_marker "$plugged")"
        write_volume_marker "$plugged" "$USER_MARK_HOTPLUG"
    else
        say "HOTPLUG-NONE"
    fi
fi
while true; do sleep 3600; done

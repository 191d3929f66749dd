#!/bin/sh
# StratusLab contextualisation, run by the guest at boot from the context CD-ROM (hooks.md §3.7).
#
# Sources context.sh from the context disk, APPENDS PUBLIC_KEY to root's authorized_keys and,
# when SCRIPT_EXEC is set, runs it with every context variable exported.
# POSIX sh; also runs under busybox sh.
#
# Environment (for images that mount the disk elsewhere, and for tests):
#   STRATUSLAB_CONTEXT_DIR  where the context disk is mounted (default /mnt/stratuslab; when it
#                           holds no context.sh, the directory this script is in is used)
#   STRATUSLAB_ROOT         prefix of the guest's root file system (default: empty, i.e. /)
#
# With the argument --overwrite-keys, PUBLIC_KEY replaces root's authorized_keys instead: that is
# epilog.sh, which runs this script so that the two cannot drift apart.

key_mode=append
if [ "$1" = --overwrite-keys ]; then
    key_mode=overwrite
fi

context_dir=${STRATUSLAB_CONTEXT_DIR:-/mnt/stratuslab}
if [ ! -f "$context_dir/context.sh" ]; then
    context_dir=$(cd "$(dirname "$0")" && pwd)
fi
if [ ! -f "$context_dir/context.sh" ]; then
    echo "$0: no context.sh in ${STRATUSLAB_CONTEXT_DIR:-/mnt/stratuslab} nor in $context_dir" >&2
    exit 1
fi

. "$context_dir/context.sh"

if [ -n "$PUBLIC_KEY" ]; then
    ssh_dir="${STRATUSLAB_ROOT:-}/root/.ssh"
    keys="$ssh_dir/authorized_keys"
    mkdir -p "$ssh_dir" || exit 1
    chmod 700 "$ssh_dir"
    # The key usually ends with a newline already: write exactly one.
    key=$(printf '%s' "$PUBLIC_KEY")
    if [ "$key_mode" = overwrite ]; then
        printf '%s\n' "$key" > "$keys" || exit 1
    else
        # Do not glue the key onto an existing last line that lacks its newline.
        if [ -s "$keys" ] && [ -n "$(tail -c 1 "$keys")" ]; then
            echo >> "$keys"
        fi
        printf '%s\n' "$key" >> "$keys" || exit 1
    fi
    chmod 600 "$keys"
fi

if [ -n "$SCRIPT_EXEC" ]; then
    work=$(mktemp -d "${TMPDIR:-/tmp}/stratuslab-context.XXXXXX") || exit 1
    printf '%s\n' "$SCRIPT_EXEC" > "$work/init_extra.sh"
    # A subshell with allexport re-reads context.sh so that every context variable, and only
    # those, is exported to the user's script.
    ( set -a; . "$context_dir/context.sh"; set +a; sh "$work/init_extra.sh" )
    status=$?
    rm -rf "$work"
    exit $status
fi
exit 0

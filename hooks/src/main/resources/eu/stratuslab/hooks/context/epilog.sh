#!/bin/sh
# StratusLab contextualisation (epilog variant of init.sh), run by the guest from the context CD-ROM (hooks.md §3.7).
#
# Does what init.sh does, but OVERWRITES root's authorized_keys with PUBLIC_KEY: it runs the
# init.sh beside it (both are on every ISO context disk) with --overwrite-keys, and exits with its
# status. The environment (STRATUSLAB_CONTEXT_DIR, STRATUSLAB_ROOT) is init.sh's.
# POSIX sh; also runs under busybox sh.

exec sh "$(dirname "$0")/init.sh" --overwrite-keys

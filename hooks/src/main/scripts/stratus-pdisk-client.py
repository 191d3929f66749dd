#!/bin/sh
# The node tools of the pdisk service (pdisk-api.md §11.1), installed as /usr/sbin/stratus-pdisk-client.py
# and /usr/sbin/stratus-list-registered-volumes.py (in the sources the second is a link to this file):
# the name the launcher is called by picks the Java implementation, eu.stratuslab.hooks.node.PdiskClientTool
# or eu.stratuslab.hooks.node.ListRegisteredVolumesTool. Despite the .py names (kept because the pdisk
# server, the hooks and existing node scripts call them by these paths) these are launchers of Java code.
#   STRATUSLAB_CLASSPATH        jars of the distribution (default: /usr/share/stratuslab/lib/*)
#   STRATUSLAB_PDISK_HOST_CONF  settings (default: /etc/stratuslab/pdisk-host.conf)
#   JAVA_HOME                   the JDK/JRE 17 to use (default: java on the PATH)
case "${0##*/}" in
  stratus-list-registered-volumes.py) TOOL=eu.stratuslab.hooks.node.ListRegisteredVolumesTool ;;
  *) TOOL=eu.stratuslab.hooks.node.PdiskClientTool ;;
esac
if [ -n "$JAVA_HOME" ]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA=java
fi
exec "$JAVA" -Xshare:auto -XX:TieredStopAtLevel=1 -cp "${STRATUSLAB_CLASSPATH:-/usr/share/stratuslab/lib/*}" \
  "$TOOL" "$@"

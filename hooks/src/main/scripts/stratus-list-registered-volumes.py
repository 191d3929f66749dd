#!/bin/sh
# The node tool of the pdisk service (pdisk-api.md §11.1; installed as /usr/sbin/stratus-list-registered-volumes.py).
# Despite the .py name (kept because the pdisk server, the hooks and existing node scripts call it by
# this path) this is a launcher of the Java implementation eu.stratuslab.hooks.node.ListRegisteredVolumesTool.
#   STRATUSLAB_CLASSPATH        jars of the distribution (default: /usr/share/stratuslab/lib/*)
#   STRATUSLAB_PDISK_HOST_CONF  settings (default: /etc/stratuslab/pdisk-host.conf)
#   JAVA_HOME                   the JDK/JRE 17 to use (default: java on the PATH)
if [ -n "$JAVA_HOME" ]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA=java
fi
exec "$JAVA" -Xshare:auto -XX:TieredStopAtLevel=1 -cp "${STRATUSLAB_CLASSPATH:-/usr/share/stratuslab/lib/*}" \
  eu.stratuslab.hooks.node.ListRegisteredVolumesTool "$@"

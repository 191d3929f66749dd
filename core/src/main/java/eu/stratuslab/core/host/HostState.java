package eu.stratuslab.core.host;

/** Host STATE numbers of OpenNebula 3.2. */
public enum HostState {
    INIT, MONITORING, MONITORED, ERROR, DISABLED;

    public int code() {
        return ordinal();
    }
}

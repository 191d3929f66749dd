package eu.stratuslab.vmm;

/**
 * What the node reports about one domain.
 *
 * @param cpuPercent CPU used since the previous status call of the same domain (100 = one core); 0 on the first call
 */
public record DomainStatus(State state, long memoryKb, int cpuPercent, long netTx, long netRx) {

    public enum State { RUNNING, PAUSED, SHUTDOWN, SHUTOFF, CRASHED, MISSING }

    public static DomainStatus missing() {
        return new DomainStatus(State.MISSING, 0, 0, 0, 0);
    }
}

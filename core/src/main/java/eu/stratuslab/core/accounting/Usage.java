package eu.stratuslab.core.accounting;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What one user or one group consumed in an accounting range: wall-clock VM time and the VMs'
 * requested CPU ({@code TEMPLATE/CPU}) and memory ({@code TEMPLATE/MEMORY}, MB) over that time.
 * Sums are exact (seconds, decimal CPU and memory); hours are rounded to {@value #SCALE} decimals
 * only when shown.
 *
 * @param id   the user or group id
 * @param name its name
 * @param group for a user row, the group name of the VMs counted (a user row per user and group);
 *              for a group row, the group name again
 */
public record Usage(int id, String name, int gid, String group, int vms, long vmSeconds, BigDecimal cpuSeconds,
                    BigDecimal memoryMbSeconds) {
    public static final int SCALE = 6;
    private static final BigDecimal HOUR = BigDecimal.valueOf(3600);
    private static final BigDecimal MB_PER_GB = BigDecimal.valueOf(1024);

    public BigDecimal vmHours() {
        return hours(BigDecimal.valueOf(vmSeconds));
    }

    public BigDecimal cpuHours() {
        return hours(cpuSeconds);
    }

    /** Memory in GB (1 GB = 1024 MB, as OpenNebula's MEMORY unit) times hours. */
    public BigDecimal memoryGbHours() {
        return hours(memoryMbSeconds.divide(MB_PER_GB, 20, RoundingMode.HALF_UP));
    }

    private static BigDecimal hours(BigDecimal seconds) {
        BigDecimal h = seconds.divide(HOUR, SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        return h.scale() < 0 ? h.setScale(0) : h; // 100, never 1E+2
    }

    /** This usage plus one more VM that ran {@code seconds} in the range. */
    Usage plus(long seconds, BigDecimal cpu, BigDecimal memoryMb) {
        BigDecimal s = BigDecimal.valueOf(seconds);
        return new Usage(id, name, gid, group, vms + 1, vmSeconds + seconds,
                cpuSeconds.add(s.multiply(cpu)), memoryMbSeconds.add(s.multiply(memoryMb)));
    }

    static Usage empty(int id, String name, int gid, String group) {
        return new Usage(id, name, gid, group, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO);
    }
}

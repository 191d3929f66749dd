package eu.stratuslab.scheduler;

import eu.stratuslab.infra.config.WholeNumbers;
import eu.stratuslab.template.Template;
import eu.stratuslab.template.TemplateParseException;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.template.VectorAttribute;
import java.time.Duration;

/**
 * The settings of OpenNebula's {@code sched.conf} (template syntax): {@code SCHED_INTERVAL} (s),
 * {@code MAX_VM}, {@code MAX_DISPATCH} (0 = unlimited), {@code MAX_HOST} and
 * {@code DEFAULT_SCHED = [ POLICY = 0|1|2|3, RANK = "…" ]}, and this project's
 * {@code SCHED_ON_EVENTS = yes|no}: with {@code yes} (default) passes also run on events (a VM
 * becomes PENDING, capacity frees up), so the interval is only a safety net; with {@code no}
 * placement happens only on the periodic pass, as in mm_sched, so a new VM stays PENDING long
 * enough to be held or deployed by hand (OpenNebula client test suites expect that).
 */
public record SchedulerSettings(Duration interval, int maxVm, int maxDispatch, int maxHost, int policy, String customRank,
                                boolean onEvents) {

    /** Event-driven passes (SCHED_ON_EVENTS = yes). */
    public SchedulerSettings(Duration interval, int maxVm, int maxDispatch, int maxHost, int policy, String customRank) {
        this(interval, maxVm, maxDispatch, maxHost, policy, customRank, true);
    }

    public SchedulerSettings withOnEvents(boolean events) {
        return new SchedulerSettings(interval, maxVm, maxDispatch, maxHost, policy, customRank, events);
    }

    public SchedulerSettings withMaxHost(int n) {
        return new SchedulerSettings(interval, maxVm, maxDispatch, n, policy, customRank, onEvents);
    }

    public SchedulerSettings withInterval(Duration d) {
        return new SchedulerSettings(d, maxVm, maxDispatch, maxHost, policy, customRank, onEvents);
    }

    public static final int PACKING = 0;
    public static final int STRIPING = 1;
    public static final int LOAD_AWARE = 2;
    public static final int CUSTOM = 3;

    public static SchedulerSettings defaults() {
        return new SchedulerSettings(Duration.ofSeconds(30), 300, 30, 1, STRIPING, null);
    }

    /** The RANK used for VMs whose template has none. */
    public String defaultRank() {
        return switch (policy) {
            case PACKING -> "RUNNING_VMS";
            case LOAD_AWARE -> "FREE_CPU";
            case CUSTOM -> customRank == null || customRank.isBlank() ? "- RUNNING_VMS" : customRank;
            default -> "- RUNNING_VMS";
        };
    }

    public static SchedulerSettings parse(String schedConf) throws TemplateParseException {
        Template t = TemplateParser.parse(schedConf);
        SchedulerSettings d = defaults();
        int policy = d.policy;
        String rank = null;
        VectorAttribute sched = t.firstVector("DEFAULT_SCHED");
        if (sched != null) {
            policy = integer("DEFAULT_SCHED/POLICY", sched.get("POLICY"), policy);
            rank = sched.get("RANK");
            if (policy < PACKING || policy > CUSTOM) {
                throw new IllegalArgumentException("sched.conf: DEFAULT_SCHED/POLICY must be 0, 1, 2 or 3");
            }
        }
        return new SchedulerSettings(
                Duration.ofSeconds(integer("SCHED_INTERVAL", t.getString("SCHED_INTERVAL"), (int) d.interval.toSeconds())),
                integer("MAX_VM", t.getString("MAX_VM"), d.maxVm),
                integer("MAX_DISPATCH", t.getString("MAX_DISPATCH"), d.maxDispatch),
                integer("MAX_HOST", t.getString("MAX_HOST"), d.maxHost), policy, rank,
                yesNo("SCHED_ON_EVENTS", t.getString("SCHED_ON_EVENTS"), d.onEvents));
    }

    private static boolean yesNo(String key, String value, boolean def) {
        if (value == null || value.isBlank()) {
            return def;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw new IllegalArgumentException("sched.conf: " + key + " must be yes or no, not '" + value + "'");
        };
    }

    private static int integer(String key, String value, int def) {
        if (value == null || value.isBlank()) {
            return def;
        }
        return WholeNumbers.atLeast(value.trim(), 0).orElseThrow(() -> new IllegalArgumentException(
                "sched.conf: " + key + " must be a whole number >= 0, not '" + value + "'"));
    }
}

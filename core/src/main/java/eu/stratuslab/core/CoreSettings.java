package eu.stratuslab.core;

import eu.stratuslab.infra.db.DbSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Everything the core needs to start.
 *
 * @param initialOneadminPassword clear-text password given to {@code oneadmin} when the database is
 *        bootstrapped (null: a random one); the launcher can reset it later with
 *        {@code UserPool.setPassword(0, pw)}
 * @param clock time source for LAST_MON_TIME, REGTIME ... (tests inject a fixed clock)
 * @param monitorInterval host monitoring period; zero or negative disables periodic probing
 */
public record CoreSettings(DbSettings db, Path varDir, String defaultNetwork,
                           boolean allowNoNic, eu.stratuslab.core.vm.QuotaSettings quotas,
                           Set<String> restrictedAttributes, boolean rawAllowUsers,
                           String initialOneadminPassword, Clock clock, Duration monitorInterval) {

    public static final Set<String> DEFAULT_RESTRICTED = Set.of("CONTEXT/FILES", "RAW", "NIC/VLAN_ID");

    public static CoreSettings defaults(DbSettings db, Path varDir) {
        return new CoreSettings(db, varDir, "public", false, eu.stratuslab.core.vm.QuotaSettings.defaults(), DEFAULT_RESTRICTED, false,
                null, Clock.systemUTC(), Duration.ofSeconds(60));
    }

    public CoreSettings withInitialOneadminPassword(String password) {
        return new CoreSettings(db, varDir, defaultNetwork, allowNoNic, quotas,
                restrictedAttributes, rawAllowUsers, password, clock, monitorInterval);
    }

    public CoreSettings withClock(Clock c) {
        return new CoreSettings(db, varDir, defaultNetwork, allowNoNic, quotas,
                restrictedAttributes, rawAllowUsers, initialOneadminPassword, c, monitorInterval);
    }

    public CoreSettings withMonitorInterval(Duration d) {
        return new CoreSettings(db, varDir, defaultNetwork, allowNoNic, quotas,
                restrictedAttributes, rawAllowUsers, initialOneadminPassword, clock, d);
    }

    public CoreSettings withAllowNoNic(boolean allow) {
        return new CoreSettings(db, varDir, defaultNetwork, allow, quotas,
                restrictedAttributes, rawAllowUsers, initialOneadminPassword, clock, monitorInterval);
    }

    /** Default per-user quotas (site, group, user); see {@link eu.stratuslab.core.vm.QuotaSettings}. */
    public CoreSettings withQuotas(eu.stratuslab.core.vm.QuotaSettings q) {
        return new CoreSettings(db, varDir, defaultNetwork, allowNoNic, q,
                restrictedAttributes, rawAllowUsers, initialOneadminPassword, clock, monitorInterval);
    }

    public CoreSettings withDefaultNetwork(String name) {
        return new CoreSettings(db, varDir, name, allowNoNic, quotas,
                restrictedAttributes, rawAllowUsers, initialOneadminPassword, clock, monitorInterval);
    }

    @Override
    public String toString() { // never show the password
        return "CoreSettings[" + db + ", varDir=" + varDir + ", defaultNetwork=" + defaultNetwork + "]";
    }
}

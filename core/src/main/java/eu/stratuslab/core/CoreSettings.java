package eu.stratuslab.core;

import eu.stratuslab.infra.db.DbSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

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
        return with(b -> b.initialOneadminPassword = password);
    }

    public CoreSettings withClock(Clock c) {
        return with(b -> b.clock = c);
    }

    public CoreSettings withMonitorInterval(Duration d) {
        return with(b -> b.monitorInterval = d);
    }

    public CoreSettings withAllowNoNic(boolean allow) {
        return with(b -> b.allowNoNic = allow);
    }

    /** Default per-user quotas (site, group, user); see {@link eu.stratuslab.core.vm.QuotaSettings}. */
    public CoreSettings withQuotas(eu.stratuslab.core.vm.QuotaSettings q) {
        return with(b -> b.quotas = q);
    }

    public CoreSettings withDefaultNetwork(String name) {
        return with(b -> b.defaultNetwork = name);
    }

    /** A copy with the one component {@code change} sets. */
    private CoreSettings with(Consumer<Copy> change) {
        Copy b = new Copy(this);
        change.accept(b);
        return b.build();
    }

    /** The components of a copy, so that each {@code with...} names only the one it changes. */
    private static final class Copy {
        DbSettings db;
        Path varDir;
        String defaultNetwork;
        boolean allowNoNic;
        eu.stratuslab.core.vm.QuotaSettings quotas;
        Set<String> restrictedAttributes;
        boolean rawAllowUsers;
        String initialOneadminPassword;
        Clock clock;
        Duration monitorInterval;

        Copy(CoreSettings s) {
            db = s.db;
            varDir = s.varDir;
            defaultNetwork = s.defaultNetwork;
            allowNoNic = s.allowNoNic;
            quotas = s.quotas;
            restrictedAttributes = s.restrictedAttributes;
            rawAllowUsers = s.rawAllowUsers;
            initialOneadminPassword = s.initialOneadminPassword;
            clock = s.clock;
            monitorInterval = s.monitorInterval;
        }

        CoreSettings build() {
            return new CoreSettings(db, varDir, defaultNetwork, allowNoNic, quotas, restrictedAttributes,
                    rawAllowUsers, initialOneadminPassword, clock, monitorInterval);
        }
    }

    @Override
    public String toString() { // never show the password
        return "CoreSettings[" + db + ", varDir=" + varDir + ", defaultNetwork=" + defaultNetwork + "]";
    }
}

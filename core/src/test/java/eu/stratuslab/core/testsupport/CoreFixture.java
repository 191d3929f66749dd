package eu.stratuslab.core.testsupport;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.infra.db.DbSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Opens cores for tests: no periodic monitoring unless asked, a fixed clock, oneadmin's password "password". */
public final class CoreFixture {
    public static final String ONEADMIN_PASSWORD = "password";

    private CoreFixture() {
    }

    public static CoreSettings settings(DbSettings db, Clock clock) throws Exception {
        Path varDir = Files.createTempDirectory("coreinfra-var");
        return CoreSettings.defaults(db, varDir).withClock(clock).withMonitorInterval(null)
                .withInitialOneadminPassword(ONEADMIN_PASSWORD);
    }

    public static Core open(DbSettings db) throws Exception {
        return Core.open(settings(db, FixedClock.at(1_795_452_626L)));
    }
}

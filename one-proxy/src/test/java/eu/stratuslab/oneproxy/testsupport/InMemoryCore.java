package eu.stratuslab.oneproxy.testsupport;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.infra.db.DbSettings;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

/**
 * A JUnit rule: a core on a private in-memory H2 database, without periodic monitoring, with its
 * files in a temporary folder of its own; opened before each test, closed after it. Fixtures
 * extend it with their settings and with what they build on the core.
 */
public class InMemoryCore extends ExternalResource {
    private final String databasePrefix;
    private final TemporaryFolder folder = new TemporaryFolder();
    private Core core;

    /** @param databasePrefix starts the name of the test's database (a random suffix follows) */
    public InMemoryCore(String databasePrefix) {
        this.databasePrefix = databasePrefix;
    }

    @Override
    protected final void before() throws Throwable {
        folder.create();
        Path dir = folder.getRoot().toPath();
        String database = databasePrefix + UUID.randomUUID().toString().replace("-", "");
        core = Core.open(configure(CoreSettings.defaults(DbSettings.h2Memory(database), dir).withMonitorInterval(null)));
        opened(dir);
    }

    /** The core's settings: {@code defaults} unless a fixture adds to them. */
    protected CoreSettings configure(CoreSettings defaults) {
        return defaults;
    }

    /** Builds a fixture's objects on the opened core; {@code dir} is the folder the core's files are in. */
    protected void opened(Path dir) throws Exception {
    }

    /** Closes a fixture's objects before the core closes. */
    protected void closing() throws Exception {
    }

    @Override
    protected final void after() {
        try {
            closing();
        } catch (Exception e) {
            throw new IllegalStateException("closing the fixture", e);
        } finally {
            core.close();
            folder.delete();
        }
    }

    public final Core core() {
        return core;
    }
}

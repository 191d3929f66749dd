package eu.stratuslab.core.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import org.junit.rules.TemporaryFolder;

/**
 * A core on a private in-memory database with the {@link VmFixture#install installation}, its var
 * dir in a scratch folder: opened before each test, closed after it.
 */
public final class InstalledCore extends TemporaryFolder {
    private final MutableClock clock;
    private CoreSettings settings;
    private Core core;

    public InstalledCore(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    protected void before() throws Throwable {
        super.before();
        settings = VmFixture.memorySettings(getRoot().toPath(), clock);
        core = Core.open(settings);
        VmFixture.install(core);
    }

    @Override
    protected void after() {
        if (core != null) {
            core.close();
        }
        super.after();
    }

    public Core core() {
        return core;
    }

    /** Closes the core and opens it again on the same database: what is stored is all it has. */
    public Core reopen() throws Exception {
        core.close();
        core = null;
        core = Core.open(settings);
        return core;
    }
}

package eu.stratuslab.core.vm;

import eu.stratuslab.core.Core;
import org.junit.rules.TemporaryFolder;

/**
 * A core on a private in-memory database with the {@link VmFixture#install installation}, its var
 * dir in a scratch folder: opened before each test, closed after it.
 */
public final class InstalledCore extends TemporaryFolder {
    private final MutableClock clock;
    private Core core;

    public InstalledCore(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    protected void before() throws Throwable {
        super.before();
        core = Core.open(VmFixture.memorySettings(getRoot().toPath(), clock));
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
}

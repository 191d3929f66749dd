package eu.stratuslab.core.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import org.junit.rules.TemporaryFolder;

/**
 * A core with the {@link VmFixture#install installation} (by default on a private in-memory
 * database, its var dir in a scratch folder): opened before each test, closed after it.
 */
public final class InstalledCore extends TemporaryFolder {
    /** The settings of the core, whose files may go in the rule's folder. */
    public interface SettingsIn {
        CoreSettings of(TemporaryFolder folder) throws Exception;
    }

    private final SettingsIn settingsIn;
    private final VmFixture.CoreSetup more;
    private CoreSettings settings;
    private Core core;

    public InstalledCore(MutableClock clock) {
        this(folder -> VmFixture.memorySettings(folder.getRoot().toPath(), clock), core -> { });
    }

    /** A core of {@code settingsIn}, installed, with what {@code more} adds. */
    public InstalledCore(SettingsIn settingsIn, VmFixture.CoreSetup more) {
        this.settingsIn = settingsIn;
        this.more = more;
    }

    @Override
    protected void before() throws Throwable {
        super.before();
        try {
            settings = settingsIn.of(this);
            core = Core.open(settings);
            VmFixture.install(core);
            more.apply(core);
        } catch (Throwable t) { // a skipped database kind, too: JUnit calls after() only when before() returned
            after();
            throw t;
        }
    }

    @Override
    protected void after() {
        if (core != null) {
            core.close();
            core = null;
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

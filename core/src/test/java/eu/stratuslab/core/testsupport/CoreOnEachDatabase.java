package eu.stratuslab.core.testsupport;

import eu.stratuslab.core.Core;
import org.junit.After;
import org.junit.Before;

/** An {@link OnEachDatabase} test with a core opened on a fresh database before each test and closed after it. */
public abstract class CoreOnEachDatabase extends OnEachDatabase {
    protected Core core;

    @Before
    public void openCore() throws Exception {
        core = CoreFixture.open(TestDatabases.fresh(kind));
    }

    @After
    public void closeCore() {
        if (core != null) { // null when the database kind was skipped
            core.close();
        }
    }
}

package eu.stratuslab.core.testsupport;

import java.util.List;
import org.junit.AfterClass;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * The base of tests that run once per database kind ({@link TestDatabases#kinds()}: H2, and
 * MariaDB where configured); {@link #kind} names the one of the current run. The databases a
 * class created are dropped after it.
 */
@RunWith(Parameterized.class)
public abstract class OnEachDatabase {
    @Parameter
    public String kind;

    @Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return TestDatabases.kinds();
    }

    @AfterClass
    public static void dropDatabases() {
        TestDatabases.dropAll();
    }
}

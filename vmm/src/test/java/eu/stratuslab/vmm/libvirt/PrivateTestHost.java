package eu.stratuslab.vmm.libvirt;

import eu.stratuslab.vmm.DomainStatus;
import eu.stratuslab.vmm.DriverException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.rules.TemporaryFolder;

/**
 * A JUnit rule: a temporary folder with a {@link LibvirtDriver} on the private fake host
 * {@code node1} of libvirt's test driver in it, opened before each test and closed after it.
 */
final class PrivateTestHost extends TemporaryFolder {
    private LibvirtDriver driver;

    @Override
    protected void before() throws Throwable {
        super.before();
        driver = open("node1", newFolder("migration").toPath());
    }

    @Override
    protected void after() {
        driver.close();
        super.after();
    }

    LibvirtDriver driver() {
        return driver;
    }

    /** The state of a domain on {@code node1}. */
    DomainStatus.State state(String deployId) throws DriverException {
        return driver.status(deployId).state();
    }

    /** A driver on another private host in this folder (the caller closes it). */
    LibvirtDriver open(String name, Path migrationDir) throws IOException, DriverException {
        return new LibvirtDriver(name, TestHosts.privateHostUri(newFolder(name).toPath()), DriverTimeouts.DEFAULT,
                migrationDir);
    }
}

package eu.stratuslab.vmm.guest;

import static org.junit.Assert.fail;

import eu.stratuslab.vmm.DeployIds;
import eu.stratuslab.vmm.domain.DomainSpec;
import eu.stratuslab.vmm.libvirt.LibvirtDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.rules.ExternalResource;

/**
 * A JUnit rule for tests with real guests on the local libvirtd: a run directory for each test, the
 * driver (opened on first use, so that a test may check its own requirements first), and after the
 * test the domains it deployed destroyed, the driver closed and the run directory deleted.
 */
final class LocalGuests extends ExternalResource {
    /** How long the tiny guest may take to boot (TCG on a busy machine). */
    static final long TINY_BOOT_DEADLINE_NS = TimeUnit.SECONDS.toNanos(120);

    private final String prefix;
    private final Set<String> deployed = new HashSet<>();
    private Path runDir;
    private LibvirtDriver driver;
    private Set<String> domainsBefore;

    /** @param prefix of the run directory's name */
    LocalGuests(String prefix) {
        this.prefix = prefix;
    }

    @Override
    protected void before() throws Throwable {
        runDir = LocalLibvirt.runDir(prefix);
    }

    @Override
    protected void after() {
        try {
            LocalLibvirt.cleanUp(driver, deployed, runDir);
        } catch (Exception e) {
            throw new IllegalStateException("cleaning up the guests of " + runDir, e);
        }
    }

    Path runDir() {
        return runDir;
    }

    /** The local libvirtd (the test is skipped, or failed in full mode, when it cannot be used). */
    LibvirtDriver driver() throws Exception {
        if (driver == null) {
            driver = LocalLibvirt.open(runDir);
            domainsBefore = driver.listDomains();
        }
        return driver;
    }

    /** Deploys {@code spec}; the domain is destroyed after the test. */
    String deploy(DomainSpec spec) throws Exception {
        String id = driver().deploy(spec);
        deployed.add(id);
        return id;
    }

    /** The domains that were there before the test. */
    Set<String> domainsBefore() throws Exception {
        driver();
        return domainsBefore;
    }

    /** A domain name no domain had before the test nor was deployed by it. */
    String uniqueDomainName() throws Exception {
        // High ids that a real installation is unlikely to use, different on every run.
        for (int attempt = 0; attempt < 100; attempt++) {
            String name = DeployIds.domainName(900_000 + (long) (Math.random() * 99_999));
            if (!domainsBefore().contains(name) && !deployed.contains(name)) {
                return name;
            }
        }
        throw new IOException("no free domain name");
    }

    /**
     * Boots the tiny guest under a fresh name with a new marker, its console in {@code logName} of the
     * run directory; the domain once the guest printed its ready line.
     */
    String bootTinyGuest(String logName) throws Exception {
        String marker = UUID.randomUUID().toString();
        Path serial = runDir.resolve(logName);
        String id = deploy(LocalLibvirt.tinyGuest().domain(uniqueDomainName(), marker, false, serial));
        awaitLine(serial, TinyGuest.readyLine(marker), TINY_BOOT_DEADLINE_NS);
        return id;
    }

    /** Waits until the serial console log has {@code line}; fails with the log's tail after {@code deadlineNs}. */
    static void awaitLine(Path log, String line, long deadlineNs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + deadlineNs;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(line)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling interval of an observable condition
        }
        String tail = Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "(no log)";
        fail("'" + line + "' not on the serial console within " + TimeUnit.NANOSECONDS.toSeconds(deadlineNs)
                + " s; log:\n" + tail.substring(Math.max(0, tail.length() - 3000)));
    }
}

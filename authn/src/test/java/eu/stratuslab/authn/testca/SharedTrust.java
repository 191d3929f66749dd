package eu.stratuslab.authn.testca;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.rules.ExternalResource;
import org.junit.rules.TemporaryFolder;

import eu.stratuslab.authn.cert.TrustAnchors;
import eu.stratuslab.authn.voms.VomsRoles;

/**
 * The shared test CA seen by a relying party: its trust anchors (namespace checks on, refreshed
 * every ten minutes) and, when asked for, its VOMS servers. As a class rule it opens before the
 * first test and closes after the last, and gives the test a scratch folder for trust directories
 * of its own; servers that outlive a rule open and close it themselves.
 */
public final class SharedTrust extends ExternalResource implements AutoCloseable {

    private final boolean withVoms;
    private final TemporaryFolder scratch = new TemporaryFolder();
    private TestCa ca;
    private TrustAnchors anchors;
    private VomsRoles voms;

    private SharedTrust(boolean withVoms) {
        this.withVoms = withVoms;
    }

    /** Trust anchors only. */
    public static SharedTrust anchors() {
        return new SharedTrust(false);
    }

    /** Trust anchors and the CA's VOMS directory. */
    public static SharedTrust anchorsAndVoms() {
        return new SharedTrust(true);
    }

    /** Opens the trust now, for fixtures that are not rules; {@link #close()} releases it. */
    public SharedTrust open() throws Exception {
        ca = TestCa.shared();
        anchors = TrustAnchors.open(ca.caDir(), Duration.ofMinutes(10), true);
        if (withVoms) {
            voms = VomsRoles.open(ca.vomsDir(), anchors);
        }
        return this;
    }

    @Override
    protected void before() throws Throwable {
        scratch.create();
        open();
    }

    @Override
    protected void after() {
        close();
        scratch.delete();
    }

    /** A folder removed after the class (rule use only). */
    public Path scratch() {
        return scratch.getRoot().toPath();
    }

    @Override
    public void close() {
        try (TrustAnchors openedFirst = anchors; VomsRoles openedLast = voms) {
            // closed in reverse order; a part that was never opened is null and skipped
        }
    }

    public TestCa ca() {
        return ca;
    }

    public TrustAnchors trustAnchors() {
        return anchors;
    }

    /** Null unless made by {@link #anchorsAndVoms()}. */
    public VomsRoles voms() {
        return voms;
    }
}

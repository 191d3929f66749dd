package eu.stratuslab.cloud.vmtest;

import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.DriverRegistry;
import eu.stratuslab.vmm.HypervisorDriver;
import java.util.Map;
import org.junit.rules.ExternalResource;
import org.junit.rules.RuleChain;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * A test rule: the embedded API cloud ({@link ApiCloud#fastVmSettings()}) with one private libvirt
 * test node, allocated and MONITORED before each test and closed after it, in a temporary folder that
 * outlives the cloud. Skips (fails with STRATUSLAB_FULL_TESTS=1) without the libvirt test driver.
 */
public final class PrivateNodeCloud implements TestRule {
    /** The test's temporary folder; the cloud's home and the node are its {@code home} and {@code node}. */
    public final TemporaryFolder tmp = new TemporaryFolder();
    private final int cpus;
    private ApiCloud cloud;
    private String nodeUri;
    private int hostId;
    private DriverRegistry observers;

    public PrivateNodeCloud() {
        this(4);
    }

    public PrivateNodeCloud(int cpus) {
        this.cpus = cpus;
    }

    @Override
    public Statement apply(Statement base, Description description) {
        return RuleChain.outerRule(tmp).around(new ExternalResource() {
            @Override
            protected void before() throws Throwable {
                TestNodes.requireLibvirtTestDriver();
                cloud = new ApiCloud(tmp.newFolder("home").toPath(), ApiCloud.fastVmSettings());
                nodeUri = TestNodes.privateNode(tmp.newFolder("node").toPath(), cpus);
                hostId = cloud.setUp(nodeUri);
            }

            @Override
            protected void after() {
                try {
                    if (observers != null) {
                        observers.close();
                    }
                } finally {
                    if (cloud != null) {
                        cloud.close();
                    }
                }
            }
        }).apply(base, description);
    }

    public ApiCloud cloud() {
        return cloud;
    }

    /** The node's libvirt URI, which is also the host's name in the cloud. */
    public String nodeUri() {
        return nodeUri;
    }

    public int hostId() {
        return hostId;
    }

    /**
     * A driver of the test's own on the node, outside the cloud, to see the domains as the node has
     * them; closed after the test, before the cloud.
     */
    public HypervisorDriver nodeObserver() throws DriverException {
        if (observers == null) {
            observers = new DriverRegistry();
        }
        return observers.driverFor("observer", "vmm_kvm", Map.of(DriverRegistry.LIBVIRT_URI, nodeUri));
    }
}

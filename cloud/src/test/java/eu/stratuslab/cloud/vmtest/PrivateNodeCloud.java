package eu.stratuslab.cloud.vmtest;

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
                if (cloud != null) {
                    cloud.close();
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
}

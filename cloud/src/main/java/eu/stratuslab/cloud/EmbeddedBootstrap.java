package eu.stratuslab.cloud;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.oneproxy.api.ApiMethod;
import eu.stratuslab.oneproxy.api.ApiRegistry;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a new embedded cloud what the StratusLab installer gave a new site: oneadmin's password,
 * a demo user, one host and the networks {@code public}, {@code local} and {@code private},
 * usable by every user. It goes through the public API as oneadmin, exactly as the installer
 * did over {@code /RPC2}, and is idempotent: what exists already is left alone. With
 * {@code bootstrap = minimal} it creates nothing.
 */
final class EmbeddedBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBootstrap.class);

    static final String PUBLIC_NET = """
            NAME = "public"
            TYPE = RANGED
            BRIDGE = br0
            NETWORK_ADDRESS = 10.0.0.0
            NETWORK_SIZE = C
            GATEWAY = 10.0.0.1
            DNS = 10.0.0.1
            """;
    static final String LOCAL_NET = """
            NAME = "local"
            TYPE = RANGED
            BRIDGE = br1
            NETWORK_ADDRESS = 172.17.16.0
            NETWORK_SIZE = C
            """;
    static final String PRIVATE_NET = """
            NAME = "private"
            TYPE = RANGED
            BRIDGE = br2
            NETWORK_ADDRESS = 192.168.100.0
            NETWORK_SIZE = C
            """;

    private final ApiRegistry api;
    private final Core core;
    private final java.nio.file.Path imagesDir;
    private java.nio.file.Path localImagePath;

    EmbeddedBootstrap(Core core, ApiRegistry api, java.nio.file.Path imagesDir) {
        this.core = core;
        this.api = api;
        this.imagesDir = imagesDir;
    }

    void run(CloudConfig cfg, CloudConfig.BootstrapMode mode, Credentials credentials, String demoUser)
            throws Exception {
        if (mode == CloudConfig.BootstrapMode.MINIMAL) {
            // oneadmin's password was set by the core's own bootstrap (CoreSettings.initialOneadminPassword).
            LOG.info("bootstrap = minimal: no demo user, host, image or network is created");
            return;
        }
        boolean firstStart = core.users().byName(demoUser) == null;
        if (firstStart) {
            call("one.user.passwd", 0, credentials.password("oneadmin"));
            call("one.user.allocate", demoUser, credentials.password(demoUser), "core");
            LOG.info("created users oneadmin and {}", demoUser);
        }
        String hostName = cfg.get("host.name", "test:///default");
        allocateUnlessTaken("one.host.allocate", hostName, cfg.get("host.im", "im_kvm"),
                cfg.get("host.vmm", "vmm_kvm"), cfg.get("host.vnm", "dummy"), cfg.get("host.tm", "tm_stratuslab"));
        localImage(cfg);
        for (String net : List.of(PUBLIC_NET, LOCAL_NET, PRIVATE_NET)) {
            Integer id = allocateUnlessTaken("one.vn.allocate", net);
            if (id != null) {
                // Every user may USE the site networks (xmlrpc-api.md §6).
                call("one.vn.chmod", id, 1, 1, 0, 0, 0, 0, 1, 0, 0);
            }
        }
    }

    /**
     * A small local disk image that a group-oneadmin user can boot from (DISK SOURCE = its path);
     * registered in the image repository as {@code local} so OpenNebula tools can see it. Sites
     * replace it with real images; marketplace images need the image-cache hooks.
     */
    private void localImage(CloudConfig cfg) throws Exception {
        java.nio.file.Path image = java.nio.file.Path.of(cfg.get("image.local", imagesDir.resolve("local.img").toString()));
        if (!java.nio.file.Files.exists(image)) {
            java.nio.file.Files.createDirectories(image.getParent());
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
                f.setLength(64L << 20); // sparse 64 MiB raw disk
            }
            OneResult r = callResult("one.image.allocate", "NAME = \"local\"\nTYPE = OS\nSOURCE = \"" + image
                    + "\"\nDESCRIPTION = \"empty raw disk of the embedded cloud\"\n");
            if (!r.success() && !String.valueOf(r.value()).contains("already taken")) {
                LOG.warn("local image not registered: {}", r.value());
            }
        }
        localImagePath = image;
    }

    java.nio.file.Path localImagePath() {
        return localImagePath;
    }

    /** The new object's id, or null when an object of that name exists already (a restart). */
    private Integer allocateUnlessTaken(String method, Object... args) throws Exception {
        OneResult r = callResult(method, args);
        if (r.success()) {
            return (Integer) r.value();
        }
        if (String.valueOf(r.value()).contains("already taken")) {
            return null;
        }
        throw new IllegalStateException(method + ": " + r.value());
    }

    private Object call(String method, Object... args) throws Exception {
        OneResult r = callResult(method, args);
        if (!r.success()) {
            throw new IllegalStateException(method + ": " + r.value());
        }
        return r.value();
    }

    private OneResult callResult(String method, Object... args) throws Exception {
        ApiMethod m = api.find(method);
        if (m == null) {
            throw new IllegalStateException("API method " + method + " is missing");
        }
        List<Object> params = new ArrayList<>();
        params.add("oneadmin:bootstrap"); // session string: ignored for in-process calls
        params.addAll(Arrays.asList(args));
        try {
            return m.call(Caller.ONEADMIN, new Params(params));
        } catch (OneException e) {
            return OneResult.error("[" + m.tag() + "] " + e.getMessage(), e.code() == 0 ? ErrorCode.INTERNAL : e.code());
        }
    }
}

package eu.stratuslab.core.vm;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.template.TemplateParser;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.rules.TemporaryFolder;

/**
 * A core on a private in-memory (or file) H2 database with the installation of the golden
 * captures: dummy host {@code dummyhost1} and the RANGED network {@code public} 10.10.0.0/24 on
 * {@code br0}, usable by everybody.
 */
public final class VmFixture {
    private static final AtomicInteger DB_COUNTER = new AtomicInteger();

    /** The legacy CLI default template (template.md §3(a)) with 512 MB, as in the golden captures. */
    public static final String LEGACY_DEFAULT = """
            # ---- Stratuslab VM template ----

            CPU    = 1
            VCPU    = 1
            MEMORY = 512
            RANK = "- RUNNING_VMS"



            DISK = [
            source   = "http://127.0.0.1:1/x.img",
            target   = "hda",
            save     = no,
            readonly = "no",
            driver = "raw"
            ]
            DISK = [
            type     = swap,
            size     = 512,
            target   = "hdb",
            readonly = "no"
            ]



            NIC = [ network_uname=oneadmin,network = "public" ]

            GRAPHICS = [
            port = "-1",
            keymap = "en-us",
            type = "vnc"
            ]

            CONTEXT = [
            public_key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7bartest probe@example
            ",

            target = "hdd"
            ]

            """;

    public static CoreSettings memorySettings(Path varDir, MutableClock clock) {
        return settings(DbSettings.h2Memory("corevm" + DB_COUNTER.incrementAndGet()), varDir, clock);
    }

    public static CoreSettings settings(DbSettings db, Path varDir, MutableClock clock) {
        return CoreSettings.defaults(db, varDir).withClock(clock).withMonitorInterval(null);
    }

    /**
     * A core stored in files (H2 database {@code name} in {@code dbDir}), as a test and the child
     * JVM it kills both open it.
     */
    public static Core openFiles(Path dbDir, String name, Path varDir) throws Exception {
        return Core.open(settings(DbSettings.h2File(dbDir, name), varDir, new MutableClock(1_402_567_800L)));
    }

    /** What a test adds to a core it sets up. */
    public interface CoreSetup {
        void apply(Core core) throws Exception;
    }

    /**
     * The files of a core ({@link #openFiles}) that a {@code kill -9} test and its child JVM share:
     * the child gets them as its first two arguments.
     */
    public record FileCore(Path dbDir, String name, Path varDir) {
        /**
         * Folders {@code db} and {@code var} in {@code folder}, with a core {@link #install installed}
         * there, user alice, and what {@code more} adds.
         */
        public static FileCore installed(TemporaryFolder folder, String name, CoreSetup more) throws Exception {
            FileCore files = new FileCore(folder.newFolder("db").toPath(), name, folder.newFolder("var").toPath());
            try (Core core = files.open()) {
                install(core);
                user(core, "alice");
                more.apply(core);
            }
            return files;
        }

        /** In the child: the files named by its arguments {@code <db dir> <var dir> ...}. */
        public static FileCore ofArgs(String name, String... args) {
            return new FileCore(Path.of(args[0]), name, Path.of(args[1]));
        }

        public Core open() throws Exception {
            return openFiles(dbDir, name, varDir);
        }

        /** The child's arguments: the two folders, then {@code more}. */
        public String[] args(String... more) {
            return Stream.concat(Stream.of(dbDir.toString(), varDir.toString()), Stream.of(more)).toArray(String[]::new);
        }
    }

    /** Adds the RANGED network {@code big} 10.20.0.0/16 on {@code br1}, usable by everybody. */
    public static void installBig(Core core) throws Exception {
        installNetwork(core, "big", "br1", "10.20.0.0", "B");
    }

    /** Adds a RANGED network of oneadmin that everybody may use (OTHER_U=1). */
    public static void installNetwork(Core core, String name, String bridge, String address, String size)
            throws Exception {
        int net = core.networks().allocate(Caller.ONEADMIN, TemplateParser.parse("NAME = " + name
                + "\nTYPE = RANGED\nBRIDGE = " + bridge + "\nNETWORK_ADDRESS = " + address + "\nNETWORK_SIZE = " + size + "\n"));
        core.networks().chmod(net, new int[] {-1, -1, -1, -1, -1, -1, 1, -1, -1});
    }

    /** The caller of the existing user {@code name} of group {@code users} (1). */
    public static Caller existingUser(Core core, String name) {
        return new Caller(core.users().byName(name).id(), 1, name);
    }

    /** Adds dummyhost1 (id 0) and network public (id 0, OTHER_U=1). */
    public static void install(Core core) throws Exception {
        core.hosts().allocate("dummyhost1", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
        installNetwork(core, "public", "br0", "10.10.0.0", "C");
    }

    /** A user of group {@code users} (1). */
    public static Caller user(Core core, String name) throws Exception {
        int uid = core.users().allocate(name, name + "-pw", "core", 1);
        return new Caller(uid, 1, name);
    }

    private VmFixture() {
    }
}

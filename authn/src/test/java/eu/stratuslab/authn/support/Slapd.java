package eu.stratuslab.authn.support;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenLDAP {@code slapd} started by the test: its own slapd.conf and mdb database in a
 * temporary directory, listening on a free loopback port, loaded with the StratusLab tree through
 * {@code ldapadd}. {@link #start} returns null with a reason when slapd cannot run here.
 */
public final class Slapd extends DaemonUnderTest {

    public static final String ROOT_DN = "cn=admin,o=cloud";
    public static final String ROOT_PASSWORD = "secret";

    private static final Path SLAPD = Path.of("/usr/sbin/slapd");
    private static final Path LDAPADD = Path.of("/usr/bin/ldapadd");
    private static final Path SCHEMA = Path.of("/etc/ldap/schema");
    private static final Path MODULES = Path.of("/usr/lib/ldap");
    private static final long START_TIMEOUT_MILLIS = 30_000;

    private final int port;

    private Slapd(Process process, int port, Path log) {
        super(process, log);
        this.port = port;
    }

    /** Why slapd cannot be used here. */
    public static final class Unavailable extends Exception {
        public Unavailable(String reason) {
            super(reason);
        }
    }

    public static Slapd start(Path dir) throws Unavailable, IOException, InterruptedException {
        for (Path required : List.of(SLAPD, LDAPADD, SCHEMA.resolve("core.schema"), SCHEMA.resolve("cosine.schema"),
                SCHEMA.resolve("inetorgperson.schema"))) {
            if (!Files.isReadable(required)) {
                throw new Unavailable(required + " is missing (Debian packages slapd and ldap-utils)");
            }
        }
        Path db = Files.createDirectories(dir.resolve("db"));
        Path conf = TestFiles.write(dir.resolve("slapd.conf"), String.join("\n",
                "include " + SCHEMA.resolve("core.schema"),
                "include " + SCHEMA.resolve("cosine.schema"),
                "include " + SCHEMA.resolve("inetorgperson.schema"),
                "pidfile " + dir.resolve("slapd.pid"),
                "argsfile " + dir.resolve("slapd.args"),
                Files.exists(MODULES.resolve("back_mdb.so")) ? "modulepath " + MODULES + "\nmoduleload back_mdb" : "",
                "database mdb",
                "maxsize 104857600",
                "suffix \"o=cloud\"",
                "rootdn \"" + ROOT_DN + "\"",
                "rootpw " + ROOT_PASSWORD,
                "directory " + db,
                // As a registration directory would be: passwords usable for binding only.
                "access to attrs=userPassword by anonymous auth by * none",
                "access to * by * read",
                ""));
        int port = freeLoopbackPort();
        Path log = dir.resolve("slapd.log");
        Process process = launch(log, List.of(SLAPD.toString(), "-f", conf.toString(),
                "-h", "ldap://127.0.0.1:" + port + "/", "-d", "0"));
        Slapd slapd = new Slapd(process, port, log);
        try {
            slapd.awaitReady();
            slapd.load(dir);
            return slapd;
        } catch (Unavailable | IOException | RuntimeException e) {
            slapd.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    private void awaitReady() throws Unavailable, IOException, InterruptedException {
        // Poll interval while slapd opens its database and listener.
        String problem = awaitReady("slapd", Duration.ofMillis(START_TIMEOUT_MILLIS), Duration.ofMillis(100), () -> {
            try {
                new LDAPConnection("127.0.0.1", port).close();
                return true;
            } catch (LDAPException notYet) {
                return false;
            }
        });
        if (problem != null) {
            throw new Unavailable(problem);
        }
    }

    private void load(Path dir) throws IOException, InterruptedException {
        Path ldif = TestFiles.write(dir.resolve("tree.ldif"), StratusLabTree.ldif());
        Path output = dir.resolve("ldapadd.log");
        Process ldapadd = new ProcessBuilder(LDAPADD.toString(), "-x", "-H", "ldap://127.0.0.1:" + port + "/",
                "-D", ROOT_DN, "-w", ROOT_PASSWORD, "-f", ldif.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!ldapadd.waitFor(60, TimeUnit.SECONDS)) {
            ldapadd.destroyForcibly();
            throw new IOException("ldapadd did not finish");
        }
        if (ldapadd.exitValue() != 0) {
            throw new IOException("ldapadd failed (" + ldapadd.exitValue() + "): "
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
    }

    /** Stops slapd (SIGTERM, then SIGKILL if it has not exited within 15 s). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        stopWithin(Duration.ofSeconds(15));
    }
}

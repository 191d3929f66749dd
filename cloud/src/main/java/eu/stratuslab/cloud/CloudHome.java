package eu.stratuslab.cloud;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The layout of a cloud home directory. It mirrors a system install so that a site administrator
 * finds every file where the documentation of a real installation says it is:
 * <pre>
 * DIR/etc/stratuslab/cloud.cfg            ports, database, embedded host (this project)
 * DIR/etc/stratuslab/authn/login.conf     JAAS entries stratuslab-pswd, stratuslab-cert
 * DIR/etc/stratuslab/authn/login-pswd.properties, login-cert.properties
 * DIR/etc/stratuslab/pdisk.cfg, pdisk-backend.cfg, quarantine.cfg, policy.cfg, stratuslab.cfg
 * DIR/etc/grid-security/certificates      CA directory (OpenSSL hash layout)
 * DIR/etc/grid-security/vomsdir           VOMS LSC files
 * DIR/var/lib/one/                        core database and VM directories
 * DIR/var/lib/stratuslab/pdisk/           file-backed persistent disks
 * DIR/var/log/                            logs
 * DIR/credentials.txt, DIR/endpoints.txt  written on every start (images.txt too)
 * </pre>
 * A <em>system</em> home ({@code --root}, the RPM's layout) is the same tree with {@code DIR} the
 * file-system root (or a scratch root in tests), except that the generated files
 * {@code credentials.txt}, {@code endpoints.txt} and {@code images.txt} are kept with the state in
 * {@code DIR/var/lib/stratuslab/} instead of at the top of the tree.
 *
 * @param root   the top of the tree
 * @param system whether the generated files go to {@code var/lib/stratuslab} (a system install)
 */
public record CloudHome(Path root, boolean system) {

    /** A developer's cloud home ({@code ./stratuslab up --home DIR}). */
    public CloudHome(Path root) {
        this(root, false);
    }

    /** The installed layout under {@code root} ({@code /} on a real installation). */
    public static CloudHome system(Path root) {
        return new CloudHome(root, true);
    }

    /** Where credentials.txt, endpoints.txt and images.txt are written. */
    public Path generatedFiles() {
        return system ? root.resolve("var/lib/stratuslab") : root;
    }

    public Path etc() {
        return root.resolve("etc/stratuslab");
    }

    public Path authn() {
        return etc().resolve("authn");
    }

    public Path loginConf() {
        return authn().resolve("login.conf");
    }

    public Path passwordFile() {
        return authn().resolve("login-pswd.properties");
    }

    public Path certFile() {
        return authn().resolve("login-cert.properties");
    }

    public Path cloudCfg() {
        return etc().resolve("cloud.cfg");
    }

    /** The site configuration the hooks read (hooks.md §2); the quarantine's fallback period too. */
    public Path stratuslabCfg() {
        return etc().resolve("stratuslab.cfg");
    }

    /** The image policy of the hooks (white and black lists). */
    public Path policyCfg() {
        return etc().resolve("policy.cfg");
    }

    public Path quarantineCfg() {
        return etc().resolve("quarantine.cfg");
    }

    public Path gridCertificates() {
        return root.resolve("etc/grid-security/certificates");
    }

    public Path vomsDir() {
        return root.resolve("etc/grid-security/vomsdir");
    }

    public Path keyStore() {
        return etc().resolve("tls/server.p12");
    }

    public Path varLibOne() {
        return root.resolve("var/lib/one");
    }

    public Path pdiskData() {
        return root.resolve("var/lib/stratuslab/pdisk");
    }

    public Path logs() {
        return root.resolve("var/log");
    }

    public Path credentials() {
        return generatedFiles().resolve("credentials.txt");
    }

    public Path endpoints() {
        return generatedFiles().resolve("endpoints.txt");
    }

    /** {@code <id> <manifest URL>} of every image the embedded marketplace published at start. */
    public Path images() {
        return generatedFiles().resolve("images.txt");
    }

    public void createDirectories() throws IOException {
        for (Path p : new Path[] {authn(), gridCertificates(), vomsDir(), keyStore().getParent(), varLibOne(),
                pdiskData(), logs(), generatedFiles()}) {
            Files.createDirectories(p);
        }
    }

    /** Writes {@code content} only when the file does not exist: files a site edited are used as they are. */
    public static boolean writeIfMissing(Path file, String content, boolean secret) throws IOException {
        if (Files.exists(file)) {
            return false;
        }
        Files.createDirectories(file.getParent());
        writePrivate(file, content, secret);
        return true;
    }

    /** Writes a file, mode 0600 when it holds secrets (created with that mode, never world-readable). */
    public static void writePrivate(Path file, String content, boolean secret) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}

package eu.stratuslab.authn.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/** Writes configuration files for tests. */
public final class TestFiles {

    private TestFiles() {
    }

    /** The text of a test resource (UTF-8). */
    public static String resource(String name) {
        try (InputStream in = TestFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path write(Path path, String content) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        return Files.writeString(path, content, StandardCharsets.UTF_8);
    }

    /**
     * A {@code login.conf} in {@code dir} whose {@code stratuslab-pswd} entry checks the users of a
     * Jetty property file ({@code name=password,role...} lines) written beside it.
     */
    public static Path passwordLoginConf(Path dir, String... userLines) throws IOException {
        Path users = write(dir.resolve("login-pswd.properties"), String.join("\n", userLines) + "\n");
        return write(dir.resolve("login.conf"), "stratuslab-pswd {\n  org.eclipse.jetty.jaas.spi.PropertyFileLoginModule"
                + " sufficient\n    file=\"" + users.toAbsolutePath() + "\";\n};\n");
    }

    /**
     * Rewrites {@code path} as an editor would, and makes sure the modification time moves even on a
     * file system with coarse timestamps (a site edit never happens twice within a clock tick).
     */
    public static void edit(Path path, String content) throws IOException {
        FileTime before = Files.getLastModifiedTime(path);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        if (!Files.getLastModifiedTime(path).toInstant().isAfter(before.toInstant())) {
            Files.setLastModifiedTime(path, FileTime.from(before.toInstant().plusSeconds(1)));
        }
    }
}

package eu.stratuslab.hooks.context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The three StratusLab guest scripts put on every ISO context image (hooks.md §3.7). They ship as
 * class-path resources; the launcher installs them into {@code <home>/var/share/stratuslab/context/},
 * where {@link ContextImageBuilder} reads them.
 */
public final class GuestScripts {
    public static final String INIT = "init.sh";
    public static final String EPILOG = "epilog.sh";
    public static final String PROLOG = "prolog.sh";
    public static final List<String> NAMES = List.of(INIT, EPILOG, PROLOG);

    private GuestScripts() {
    }

    /** Copies the scripts into {@code dir} (created when missing) with mode 0755, replacing older copies. */
    public static void install(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String name : NAMES) {
            Path target = dir.resolve(name);
            Path partial = Files.createTempFile(dir, name, ".partial");
            try {
                try (InputStream in = open(name)) {
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** The text of one shipped script ({@link #NAMES}). */
    public static String text(String name) throws IOException {
        try (InputStream in = open(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static InputStream open(String name) throws IOException {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("not a guest script: " + name);
        }
        InputStream in = GuestScripts.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("guest script " + name + " is missing from the class path");
        }
        return in;
    }
}

package eu.stratuslab.infra.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds external programs on the PATH plus the system directories, which a service started by
 * systemd or an unprivileged account may lack on its PATH (mkswap, mkfs.* live in /sbin).
 */
public final class Programs {
    private static final List<String> SYSTEM_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin",
            "/usr/bin", "/sbin", "/bin");

    private Programs() {
    }

    /** The program's path, or null when it is not installed. */
    public static Path find(String program) {
        if (program.contains("/")) {
            Path p = Path.of(program);
            return Files.isExecutable(p) ? p : null;
        }
        String env = System.getenv("PATH");
        Stream<String> dirs = env == null ? SYSTEM_DIRS.stream()
                : Stream.concat(Arrays.stream(env.split(":")), SYSTEM_DIRS.stream());
        return dirs.filter(d -> !d.isEmpty()).map(d -> Path.of(d, program)).filter(Files::isExecutable)
                .findFirst().orElse(null);
    }

    public static boolean available(String program) {
        return find(program) != null;
    }

    /** The first of {@code programs} that is installed, or null. */
    public static String firstAvailable(String... programs) {
        return Arrays.stream(programs).filter(Programs::available).findFirst().orElse(null);
    }
}

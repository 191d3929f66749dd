package eu.stratuslab.core.vmmanager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The external programs the prolog uses (qemu-img, mkswap, mkfs.*, genisoimage), run with a
 * deadline. A failure becomes an {@link IOException} whose message carries the tool's own error
 * output, so it can go into TEMPLATE/ERROR/MESSAGE.
 */
final class NodeTools {
    private static final List<String> PATH = List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin",
            "/usr/local/sbin");

    private final Duration timeout;

    NodeTools(Duration timeout) {
        this.timeout = timeout;
    }

    /** The program's path, or null when it is not installed. */
    static Path find(String program) {
        String env = System.getenv("PATH");
        List<String> dirs = env == null ? PATH : java.util.stream.Stream.concat(
                java.util.Arrays.stream(env.split(":")), PATH.stream()).toList();
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static boolean available(String program) {
        return find(program) != null;
    }

    /** Runs the command; returns its standard output; fails on a non-zero exit or the deadline. */
    String run(List<String> command) throws IOException {
        Path exe = find(command.get(0));
        if (exe == null) {
            throw new IOException(command.get(0) + " is not installed");
        }
        List<String> full = new java.util.ArrayList<>(command);
        full.set(0, exe.toString());
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        try {
            p.getOutputStream().close();
            StringBuilder out = new StringBuilder();
            Thread reader = new Thread(() -> out.append(drain(p.getInputStream())), "node-tool-output");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            if (p.exitValue() != 0) {
                throw new IOException(command.get(0) + " failed (exit " + p.exitValue() + "): " + out.toString().strip());
            }
            return out.toString();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(command.get(0) + " interrupted");
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

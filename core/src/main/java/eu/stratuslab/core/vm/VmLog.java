package eu.stratuslab.core.vm;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-VM log {@code <varDir>/log/<vmid>.log} (xmlrpc-api.md §13), one line per event:
 * {@code <ctime date> [<module>][<I|W|E|D>]: <message>}. Failing to write a log line never fails
 * the operation that caused it. Callers must never pass passwords or keys.
 */
public final class VmLog {
    private static final Logger LOG = LoggerFactory.getLogger(VmLog.class);
    /** C's ctime(3) layout: {@code Thu Jun 12 10:11:12 2014}, day of month padded with a blank. */
    public static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ENGLISH);

    public enum Level { I, W, E, D }

    private final Path dir;
    private final Clock clock;
    private final Object[] stripes = new Object[64];

    public VmLog(Path varDir, Clock clock) {
        this.dir = varDir.resolve("log");
        this.clock = clock;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    public Path file(int vmId) {
        return dir.resolve(vmId + ".log");
    }

    /** The current time in ctime form (also used for TEMPLATE/ERROR/TIMESTAMP). */
    public String now() {
        return CTIME.format(ZonedDateTime.now(clock));
    }

    public void info(int vmId, String module, String message) {
        write(vmId, module, Level.I, message);
    }

    public void error(int vmId, String module, String message) {
        write(vmId, module, Level.E, message);
    }

    public void write(int vmId, String module, Level level, String message) {
        String line = now() + " [" + module + "][" + level + "]: " + message.replace('\n', ' ') + "\n";
        synchronized (stripes[Math.floorMod(vmId, stripes.length)]) {
            try {
                Files.createDirectories(dir);
                try (Writer w = Files.newBufferedWriter(file(vmId), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    w.write(line);
                }
            } catch (IOException e) {
                LOG.warn("cannot write VM log {}: {}", file(vmId), e.toString());
            }
        }
    }
}

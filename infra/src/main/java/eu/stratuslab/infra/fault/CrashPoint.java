package eu.stratuslab.infra.fault;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named steps at which a fault-injection test can freeze the process to {@code kill -9} it exactly
 * there, without timing guesses. Disarmed (the normal case) it costs one property lookup.
 *
 * <p>Armed with {@code -Dstratuslab.crashpoint=<name>} and
 * {@code -Dstratuslab.crashpoint.file=<path>}: the first thread that reaches the named point writes
 * the name to the file (fsync) and then parks for good; the test waits for the file and kills the
 * process. Other threads go on, as they would until a real crash.
 */
public final class CrashPoint {
    public static final String PROPERTY = "stratuslab.crashpoint";
    public static final String FILE_PROPERTY = "stratuslab.crashpoint.file";
    private static final Logger LOG = LoggerFactory.getLogger(CrashPoint.class);

    private CrashPoint() {
    }

    /** Freezes the calling thread when {@code name} is the armed point; returns at once otherwise. */
    public static void reach(String name) {
        String armed = System.getProperty(PROPERTY);
        if (armed == null || !armed.equals(name)) {
            return;
        }
        String file = System.getProperty(FILE_PROPERTY);
        LOG.warn("crash point {} reached: this thread stops here until the process is killed", name);
        if (file != null) {
            try (FileChannel ch = FileChannel.open(Path.of(file), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap((name + "\n").getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            } catch (IOException e) {
                LOG.error("cannot write crash point file {}: {}", file, e.getMessage());
            }
        }
        while (true) {
            LockSupport.park(CrashPoint.class);
        }
    }
}

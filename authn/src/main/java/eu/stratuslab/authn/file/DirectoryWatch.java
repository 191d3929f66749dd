package eu.stratuslab.authn.file;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells with one system call whether anything may have changed in the watched directories since
 * an earlier call: Linux inotify, its queue looked at without blocking ({@code FIONREAD}). The
 * kernel queues an event before the {@code write}, {@code rename} or {@code chmod} that caused it
 * returns, so a change that is complete when a request starts is seen by that request ("the old
 * password stops working at once") — which a watcher thread could not promise.
 *
 * <p>Why: the one-proxy checked that {@code login.conf} and the credential files were unchanged
 * with a {@code stat} of each on every request, 13 µs of the one-proxy's ~70 µs per
 * {@code one.vm.info} on the benchmark machine, where a system call costs 2–4 µs (issue 14 item 8).
 *
 * <p>One inotify instance serves the JVM (the kernel allows 128 per user), and an event in any
 * watched directory moves {@link #generation()} on for every caller: a caller compares it with the
 * generation under which it last looked at its files and looks again when they differ. Where
 * inotify is missing (not Linux, no JNA, no instance left) or a directory cannot be watched,
 * {@link #watch} says so and the caller keeps calling {@code stat} every time.
 */
public final class DirectoryWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatch.class);

    /** The JVM's watch. */
    public static final DirectoryWatch SHARED = new DirectoryWatch(Inotify.init());

    /** {@link #generation()} when the answer is not known; never equal to a generation. */
    public static final long UNKNOWN = -1;

    private static final int IN_NONBLOCK = 04000;
    private static final int IN_CLOEXEC = 02000000;
    // modify, attrib, close_write, moved_from, moved_to, create, delete, delete_self, move_self
    private static final int EVENTS = 0x2 | 0x4 | 0x8 | 0x40 | 0x80 | 0x100 | 0x200 | 0x400 | 0x800;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    private static final NativeLong FIONREAD = new NativeLong(0x541B);
    private static final int BUFFER_BYTES = 1024; // an event is 16 bytes and a name of at most 255

    private final int fd;
    private final AtomicLong generation = new AtomicLong();
    private final Set<Path> watched = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Memory> count = ThreadLocal.withInitial(() -> new Memory(Integer.BYTES));
    private final Memory buffer = new Memory(BUFFER_BYTES); // used under the drain's lock

    DirectoryWatch(int fd) {
        this.fd = fd;
    }

    /** @return false when changes in {@code directory} would not be seen (the caller must stat) */
    public boolean watch(Path directory) {
        if (fd < 0) {
            return false;
        }
        Path dir = directory.toAbsolutePath().normalize();
        if (watched.contains(dir)) {
            return true;
        }
        try {
            Inotify.inotify_add_watch(fd, dir.toString(), EVENTS);
        } catch (LastErrorException e) {
            LOG.debug("cannot watch {} (errno {}): its files are checked on every request", dir, e.getErrorCode());
            return false;
        }
        watched.add(dir);
        return true;
    }

    /**
     * @return a number that changes whenever something in a watched directory may have changed
     *         since the previous call, or {@link #UNKNOWN} (look at the files)
     */
    public long generation() {
        if (fd < 0) {
            return UNKNOWN;
        }
        // FIONREAD looks without taking: any number of threads may ask at once, and an event stays
        // visible to all of them until a drain has counted it (the drain counts before it takes)
        Memory pending = count.get();
        if (Inotify.ioctl(fd, FIONREAD, pending) != 0) {
            return UNKNOWN;
        }
        if (pending.getInt(0) == 0) {
            return generation.get();
        }
        return drain() ? generation.get() : UNKNOWN;
    }

    /** Takes every queued event, counted before and after; false when an error leaves the state unknown. */
    private synchronized boolean drain() {
        generation.incrementAndGet(); // before: whoever sees the queue empty from now on sees this
        Memory buf = buffer;
        NativeLong size = new NativeLong(BUFFER_BYTES);
        try {
            while (true) {
                long n = Inotify.read(fd, buf, size).longValue();
                if (n > 0) {
                    // possibly IN_IGNORED (a directory removed): forget the directories, so that the
                    // callers' next look watches again what still exists
                    watched.clear();
                    continue;
                }
                int errno = n < 0 ? Native.getLastError() : 0;
                if (errno == EAGAIN) {
                    return true;
                }
                if (errno != EINTR) {
                    return false;
                }
            }
        } finally {
            generation.incrementAndGet(); // after: a look taken while the drain ran is not trusted
        }
    }

    /** inotify(7), read(2) and ioctl(2) of the C library, bound directly (no interface proxy per call). */
    private static final class Inotify {
        static native int inotify_init1(int flags) throws LastErrorException;

        static native int inotify_add_watch(int fd, String path, int mask) throws LastErrorException;

        // errno is kept by JNA for Native.getLastError(): no exception (and stack trace) per empty read
        static native NativeLong read(int fd, Pointer buffer, NativeLong count);

        static native int ioctl(int fd, NativeLong request, Pointer argument);

        /** A descriptor, or -1 when inotify cannot be used here. */
        static int init() {
            if (!Platform.isLinux()) {
                return -1;
            }
            try {
                Native.register(Inotify.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
                return inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
            } catch (LastErrorException e) {
                LOG.info("inotify unavailable (errno {}): credential files are checked on every request", e.getErrorCode());
            } catch (LinkageError | RuntimeException e) {
                LOG.info("inotify unavailable ({}): credential files are checked on every request", e.toString());
            }
            return -1;
        }
    }
}

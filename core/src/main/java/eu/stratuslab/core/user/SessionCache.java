package eu.stratuslab.core.user;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers successful /RPC2 authentications for SESSION_EXPIRATION_TIME (900 s, authn.md §12).
 * An entry also records the stored password digest it was checked against, so a password change
 * or account change invalidates it at once.
 */
final class SessionCache {
    private static final int MAX_ENTRIES = 10_000;

    private record Entry(int uid, String digest, long expiresAtMillis) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long ttlMillis;

    SessionCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
    }

    /** The uid when {@code session} was accepted recently for the same stored digest, else -1. */
    int lookup(String session, java.util.function.IntFunction<User> users) {
        Entry e = entries.get(session);
        if (e == null) {
            return -1;
        }
        User u = users.apply(e.uid());
        if (e.expiresAtMillis() < clock.millis() || u == null || !u.enabled()
                || !User.CORE_DRIVER.equals(u.authDriver()) || !e.digest().equals(u.password())) {
            entries.remove(session, e);
            return -1;
        }
        return e.uid();
    }

    void remember(String session, User u) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // crude but bounded; a miss only costs one SHA-1
        }
        entries.put(session, new Entry(u.id(), u.password(), clock.millis() + ttlMillis));
    }
}

package eu.stratuslab.authn;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recently verified credentials, so that bcrypt or an LDAP round trip is not paid on every request
 * of a client that sends its credentials with each call. Only successes are cached. Entries expire
 * after {@code maxAge}; the cache holds at most {@code maxEntries} (least recently used evicted);
 * it is emptied whenever the configuration stamp (login.conf and the credential files) changes.
 *
 * <p>Keys never contain a password: a password key is the user name and a SHA-256 of the password
 * with a random salt drawn once per cache, so a heap dump does not reveal reusable digests.
 */
public final class CredentialCache {

    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_ENTRIES = 10_000;

    private final long maxAgeMillis;
    private final int maxEntries;
    private final Clock clock;
    private final byte[] salt = new byte[32];
    private final Map<String, Entry> entries;
    private Object stamp;

    private record Entry(AuthenticatedUser user, long expiresAtMillis) {
    }

    public CredentialCache(Duration maxAge, int maxEntries, Clock clock) {
        if (maxAge.isNegative() || maxEntries < 0) {
            throw new IllegalArgumentException("maxAge and maxEntries must not be negative");
        }
        this.maxAgeMillis = maxAge.toMillis();
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
        new SecureRandom().nextBytes(salt);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > CredentialCache.this.maxEntries;
            }
        };
    }

    /** @return the key of a password credential (user name + salted SHA-256 of the password) */
    public String passwordKey(String user, char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        MessageDigest sha256 = sha256();
        sha256.update(bytes);
        sha256.update(salt);
        Arrays.fill(bytes, (byte) 0);
        return "P" + Base64.getEncoder().encodeToString(sha256.digest()) + ":" + user;
    }

    /** @return the key of a certificate credential (DN + digest of the leaf certificate, if any) */
    public String certificateKey(String dn, X509Certificate[] chain) {
        String leaf = "-";
        if (chain != null && chain.length > 0 && chain[0] != null) {
            try {
                leaf = Base64.getEncoder().encodeToString(sha256().digest(chain[0].getEncoded()));
            } catch (CertificateEncodingException e) {
                leaf = "?" + System.identityHashCode(chain[0]);
            }
        }
        return "C" + leaf + ":" + dn;
    }

    /**
     * @param currentStamp the configuration stamp now; a change empties the cache
     * @return the cached user when {@code key} was verified less than {@code maxAge} ago
     */
    public synchronized Optional<AuthenticatedUser> get(String key, Object currentStamp) {
        invalidateIfChanged(currentStamp);
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (clock.millis() >= entry.expiresAtMillis) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.user);
    }

    /** Records a successful verification made under {@code stampAtVerification}. */
    public synchronized void put(String key, AuthenticatedUser user, Object stampAtVerification) {
        if (maxAgeMillis == 0 || maxEntries == 0) {
            return;
        }
        invalidateIfChanged(stampAtVerification);
        entries.put(key, new Entry(user, clock.millis() + maxAgeMillis));
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
    }

    private void invalidateIfChanged(Object currentStamp) {
        if (!Objects.equals(stamp, currentStamp)) {
            entries.clear();
            stamp = currentStamp;
        }
    }

    // one per thread: no provider lookup (MessageDigest.getInstance) on every request
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    });

    /** This thread's SHA-256, reset (every use ends with digest(), which resets it too). */
    private static MessageDigest sha256() {
        MessageDigest d = SHA256.get();
        d.reset();
        return d;
    }
}

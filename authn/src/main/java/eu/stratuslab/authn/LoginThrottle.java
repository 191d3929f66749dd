package eu.stratuslab.authn;

import eu.stratuslab.infra.log.RateLimitedLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brute-force throttling of password logins (issue 13 item 7), one instance shared by every
 * endpoint that checks passwords (the one-proxy, {@code /RPC2}, pdisk, the marketplace).
 *
 * <ul>
 * <li><b>Per client address</b>: after {@link Settings#addressFailures} failures in a row the
 * address is locked out; every further failure doubles the lockout, from
 * {@link Settings#firstLockout} up to {@link Settings#maxLockout}. A locked-out address gets a
 * refusal without its password being checked.</li>
 * <li><b>Per account</b>: after {@link Settings#accountFailures} failures (from anywhere) the
 * account is locked out the same way, but only for addresses that never logged in to it: an
 * address that did (within {@link Settings#memory}) is still checked, so the right password of a
 * user attacked from elsewhere is neither refused nor delayed.</li>
 * </ul>
 * Refusals are immediate (no thread sleeps, which would hand the attacker the server's threads).
 * A success clears the failures of its address and account. Failures are counted
 * ({@link #failures()}) and logged at most {@value #LOG_LINES_PER_MINUTE} lines a minute; the
 * tracked entries are bounded ({@link Settings#maxTracked}), so memory cannot be grown either.
 */
public final class LoginThrottle {

    static final int LOG_LINES_PER_MINUTE = 20;
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    private static volatile LoginThrottle shared = new LoginThrottle(Settings.defaults(), Clock.systemUTC());

    /**
     * @param addressFailures failures in a row from one address before it is locked out
     * @param accountFailures failures on one account before unknown addresses are locked out of it
     * @param firstLockout    the first lockout; each further failure doubles it
     * @param maxLockout      the longest lockout
     * @param memory          how long failures and known addresses are remembered
     * @param maxTracked      addresses, accounts and (account, address) pairs kept at most, each
     */
    public record Settings(int addressFailures, int accountFailures, Duration firstLockout, Duration maxLockout,
                           Duration memory, int maxTracked) {
        public Settings {
            if (addressFailures < 1 || accountFailures < 1 || maxTracked < 1 || firstLockout.isNegative()
                    || maxLockout.compareTo(firstLockout) < 0 || memory.isNegative() || memory.isZero()) {
                throw new IllegalArgumentException("invalid login throttle settings");
            }
        }

        public static Settings defaults() {
            return new Settings(10, 20, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(24), 100_000);
        }
    }

    private static final class Failures {
        int count;
        Instant last;
        Instant lockedUntil = Instant.MIN;
    }

    private final Settings settings;
    private final Clock clock;
    private final Map<String, Failures> byAddress;
    private final Map<String, Failures> byAccount;
    /** "account\u0000address" of successful logins: addresses an account's lockout does not apply to. */
    private final Map<String, Instant> knownAddresses;
    /**
     * Whether any address or account has failures on record; written under the lock. Without
     * any, nothing can be locked out, and {@link #refusal} answers without taking the lock that
     * every request of every endpoint would otherwise queue on (issue 14 item 8).
     */
    private volatile boolean tracking;
    private final AtomicLong failures = new AtomicLong();
    private final RateLimitedLog log = new RateLimitedLog(LOG, LOG_LINES_PER_MINUTE, Duration.ofMinutes(1));

    public LoginThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.byAddress = bounded(settings.maxTracked());
        this.byAccount = bounded(settings.maxTracked());
        this.knownAddresses = bounded(settings.maxTracked());
    }

    /** The process's throttle, used by every endpoint that is not given its own. */
    public static LoginThrottle shared() {
        return shared;
    }

    /** Replaces the process's throttle (the launcher, from its configuration). */
    public static void configureShared(Settings settings) {
        shared = new LoginThrottle(settings, Clock.systemUTC());
    }

    private static <V> Map<String, V> bounded(int max) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * Whether a login of {@code account} from {@code address} is refused without being checked:
     * empty when it may be checked, else how long the lockout still lasts.
     */
    public Optional<Duration> refusal(String account, String address) {
        if (!tracking) {
            return Optional.empty();
        }
        synchronized (this) {
            return lockedOut(account, address);
        }
    }

    private Optional<Duration> lockedOut(String account, String address) {
        Instant now = clock.instant();
        Instant until = lockedUntil(byAddress.get(address), now);
        if (!isKnown(account, address, now)) {
            Instant accountUntil = lockedUntil(byAccount.get(account), now);
            if (accountUntil.isAfter(until)) {
                until = accountUntil;
            }
        }
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /** Records a failed login (a wrong password, an unknown account, a refusal). */
    public void failed(String account, String address) {
        failures.incrementAndGet();
        int onAddress;
        int onAccount;
        Duration lockout;
        synchronized (this) {
            Instant now = clock.instant();
            Failures a = record(byAddress, address, now, settings.addressFailures());
            Failures u = record(byAccount, account, now, settings.accountFailures());
            tracking = true;
            onAddress = a.count;
            onAccount = u.count;
            Instant until = a.lockedUntil.isAfter(u.lockedUntil) ? a.lockedUntil : u.lockedUntil;
            lockout = until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
        }
        log.warn("login failed for '{}' from {} ({} failure(s) from this address, {} for this account{})",
                LogSafe.printable(account), address, onAddress, onAccount,
                lockout.isZero() ? "" : "; locked out for " + lockout.toMillis() + " ms");
    }

    /** Records a successful login: its address is known to the account, both counters are cleared. */
    public synchronized void succeeded(String account, String address) {
        Instant now = clock.instant();
        byAddress.remove(address);
        byAccount.remove(account);
        tracking = !byAddress.isEmpty() || !byAccount.isEmpty();
        knownAddresses.put(account + '\u0000' + address, now);
    }

    /** Failed logins since start. */
    public long failures() {
        return failures.get();
    }

    private Failures record(Map<String, Failures> map, String key, Instant now, int threshold) {
        Failures f = map.get(key);
        if (f == null || f.last.plus(settings.memory()).isBefore(now)) {
            f = new Failures();
            map.put(key, f);
        }
        f.count++;
        f.last = now;
        if (f.count >= threshold) {
            int doublings = Math.min(f.count - threshold, 30);
            Duration d = settings.firstLockout().multipliedBy(1L << doublings);
            if (d.compareTo(settings.maxLockout()) > 0 || d.isNegative()) {
                d = settings.maxLockout();
            }
            f.lockedUntil = now.plus(d);
        }
        return f;
    }

    private Instant lockedUntil(Failures f, Instant now) {
        if (f == null || f.last.plus(settings.memory()).isBefore(now)) {
            return Instant.MIN;
        }
        return f.lockedUntil;
    }

    private boolean isKnown(String account, String address, Instant now) {
        Instant seen = knownAddresses.get(account + '\u0000' + address);
        return seen != null && !seen.plus(settings.memory()).isBefore(now);
    }
}

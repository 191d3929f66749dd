package eu.stratuslab.authn;

import eu.stratuslab.authn.jaas.CertificateChainCallback;
import eu.stratuslab.authn.jaas.RolePrincipal;
import eu.stratuslab.authn.jaas.UserPrincipal;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one entry of a {@link LoginConfiguration} ({@code stratuslab-pswd} or
 * {@code stratuslab-cert}) for each credential, and caches successes briefly (see
 * {@link CredentialCache}). Thread-safe.
 *
 * <p>Password credentials are offered to the modules through {@link NameCallback} and
 * {@link PasswordCallback}; certificate credentials through {@link NameCallback} (the RFC 2253
 * DN) and {@link CertificateChainCallback}. The identity is the name of the {@link UserPrincipal}
 * the accepting module added; the roles are all {@link RolePrincipal}s.
 */
public final class JaasAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(JaasAuthenticator.class);

    private final LoginConfiguration config;
    private final String entryName;
    private final CredentialCache cache;
    private final AtomicLong loginsRun = new AtomicLong();

    /** Caches successes for {@link CredentialCache#DEFAULT_MAX_AGE} (60 s), at most 10,000 entries. */
    public JaasAuthenticator(LoginConfiguration config, String entryName) {
        this(config, entryName, CredentialCache.DEFAULT_MAX_AGE, CredentialCache.DEFAULT_MAX_ENTRIES,
                Clock.systemUTC());
    }

    /** @param cacheMaxAge zero disables caching */
    public JaasAuthenticator(LoginConfiguration config, String entryName, Duration cacheMaxAge, int cacheMaxEntries) {
        this(config, entryName, cacheMaxAge, cacheMaxEntries, Clock.systemUTC());
    }

    JaasAuthenticator(LoginConfiguration config, String entryName, Duration cacheMaxAge, int cacheMaxEntries,
            Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.entryName = Objects.requireNonNull(entryName, "entryName");
        if (!config.entryNames().contains(entryName)) {
            throw new IllegalArgumentException(config.file() + " has no entry '" + entryName + "' (entries: "
                    + config.entryNames() + ")");
        }
        this.cache = new CredentialCache(cacheMaxAge, cacheMaxEntries, clock);
    }

    @Override
    public Optional<AuthenticatedUser> authenticateWithPassword(String user, char[] password) {
        if (user == null || user.isEmpty() || password == null || password.length == 0) {
            return Optional.empty();
        }
        String key = cache.passwordKey(user, password);
        return authenticate(key, user, CredentialsHandler.password(user, password));
    }

    @Override
    public Optional<AuthenticatedUser> authenticateWithCertificate(String rfc2253Dn, X509Certificate[] chain) {
        if (rfc2253Dn == null || rfc2253Dn.isBlank()) {
            return Optional.empty();
        }
        String key = cache.certificateKey(rfc2253Dn, chain);
        return authenticate(key, rfc2253Dn, CredentialsHandler.certificate(rfc2253Dn, chain));
    }

    /** @return how many JAAS logins have been run (credentials not answered from the cache) */
    public long loginsRun() {
        return loginsRun.get();
    }

    /** Forgets every cached credential (e.g. after an administrator changed an LDAP group). */
    public void clearCache() {
        cache.clear();
    }

    private Optional<AuthenticatedUser> authenticate(String key, String name, CallbackHandler handler) {
        List<?> stamp = config.stamp();
        Optional<AuthenticatedUser> cached = cache.get(key, stamp);
        if (cached.isPresent()) {
            return cached;
        }
        loginsRun.incrementAndGet();
        Optional<AuthenticatedUser> user = runLogin(name, handler);
        user.ifPresent(u -> cache.put(key, u, stamp));
        return user;
    }

    private Optional<AuthenticatedUser> runLogin(String name, CallbackHandler handler) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // LoginContext loads module classes through the context class loader; make ours visible
        // whatever the caller's (e.g. a web application's) loader is.
        thread.setContextClassLoader(JaasAuthenticator.class.getClassLoader());
        try {
            LoginContext context = new LoginContext(entryName, subject, handler, config.jaas());
            context.login();
        } catch (LoginException e) {
            LOG.debug("{}: {} denied: {}", entryName, LogSafe.printable(name), LogSafe.printable(e.getMessage()));
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
        return toUser(subject, name);
    }

    private Optional<AuthenticatedUser> toUser(Subject subject, String name) {
        String identity = null;
        Set<String> roles = new LinkedHashSet<>();
        for (Principal principal : subject.getPrincipals()) {
            if (principal instanceof UserPrincipal user && identity == null) {
                identity = user.getName();
            } else if (principal instanceof RolePrincipal role) {
                roles.add(role.getName());
            }
        }
        if (identity == null) {
            LOG.warn("{}: login of {} succeeded without an identity; denied", entryName, LogSafe.printable(name));
            return Optional.empty();
        }
        return Optional.of(new AuthenticatedUser(identity, roles));
    }

    /**
     * Answers the name callback and the one credential callback of its kind: a password login
     * refuses the certificate-chain callback and a certificate login the password callback.
     */
    private static final class CredentialsHandler implements CallbackHandler {
        private final String name;
        private final char[] password;
        private final X509Certificate[] chain;
        private final boolean certificateLogin;

        private CredentialsHandler(String name, char[] password, X509Certificate[] chain, boolean certificateLogin) {
            this.name = name;
            this.password = password;
            this.chain = chain;
            this.certificateLogin = certificateLogin;
        }

        static CredentialsHandler password(String user, char[] password) {
            return new CredentialsHandler(user, password, null, false);
        }

        /** {@code chain} may be null (a DN forwarded without its chain): the callback then gets null. */
        static CredentialsHandler certificate(String dn, X509Certificate[] chain) {
            return new CredentialsHandler(dn, null, chain, true);
        }

        @Override
        public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
            for (Callback callback : callbacks) {
                if (callback instanceof NameCallback nameCallback) {
                    nameCallback.setName(name);
                } else if (callback instanceof PasswordCallback pw && !certificateLogin) {
                    pw.setPassword(password);
                } else if (callback instanceof CertificateChainCallback certificates && certificateLogin) {
                    certificates.setChain(chain);
                } else {
                    throw new UnsupportedCallbackException(callback);
                }
            }
        }
    }
}

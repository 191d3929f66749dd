package eu.stratuslab.authn;

import eu.stratuslab.infra.metrics.Metrics;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;

/**
 * Counts the outcomes of an {@link Authenticator} in {@value #METER}, tagged with the
 * authentication module ({@code module}: the JAAS entry, e.g. {@code stratuslab-pswd}), the
 * credential kind ({@code credential}: {@code password} or {@code certificate}) and the outcome
 * ({@code success} or {@code failure}). Answers from the credential cache count like fresh logins:
 * the counter is what callers experienced, not how often JAAS ran.
 */
public final class MeasuredAuthenticator implements Authenticator {
    public static final String METER = "stratuslab.authn.attempts";

    private final Authenticator delegate;
    private final String module;
    private final Metrics metrics;

    public MeasuredAuthenticator(Authenticator delegate, String module, Metrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.module = Objects.requireNonNull(module, "module");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Optional<AuthenticatedUser> authenticateWithPassword(String user, char[] password) {
        return counted("password", delegate.authenticateWithPassword(user, password));
    }

    @Override
    public Optional<AuthenticatedUser> authenticateWithCertificate(String rfc2253Dn, X509Certificate[] chain) {
        return counted("certificate", delegate.authenticateWithCertificate(rfc2253Dn, chain));
    }

    private Optional<AuthenticatedUser> counted(String credential, Optional<AuthenticatedUser> user) {
        count(metrics, module, credential, user.isPresent());
        return user;
    }

    /** One attempt of {@code module}; also used where no {@link Authenticator} runs (the /RPC2 session check). */
    public static void count(Metrics metrics, String module, String credential, boolean success) {
        metrics.count(METER, 1, "module", module, "credential", credential, "outcome", success ? "success" : "failure");
    }
}

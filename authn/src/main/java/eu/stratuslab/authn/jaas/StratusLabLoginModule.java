package eu.stratuslab.authn.jaas;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.authn.LogSafe;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JAAS two-phase protocol shared by all modules: {@link #authenticate} verifies the credential
 * (or throws), commit adds a {@link UserPrincipal} and one {@link RolePrincipal} per role, and
 * abort/logout remove what this module added. A module that fails always throws, so a
 * {@code required} module can never be silently ignored.
 */
public abstract class StratusLabLoginModule implements LoginModule {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private Subject subject;
    private CallbackHandler handler;
    private Map<String, ?> options = Map.of();
    private AuthenticatedUser user;
    private final List<Principal> added = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
            Map<String, ?> options) {
        this.subject = subject;
        this.handler = callbackHandler;
        this.options = options == null ? Map.of() : options;
    }

    /**
     * Verifies the credential offered by {@code handler}.
     *
     * @return the authenticated user (never null)
     * @throws LoginException when the credential is not accepted
     */
    protected abstract AuthenticatedUser authenticate(CallbackHandler handler) throws LoginException;

    @Override
    public final boolean login() throws LoginException {
        user = null;
        try {
            user = authenticate(handler);
        } catch (LoginException e) {
            logDetail("{}: login failed: {}", getClass().getSimpleName(), e.getMessage());
            throw e;
        }
        if (user == null) {
            throw new FailedLoginException("not authenticated");
        }
        logDetail("{}: authenticated {} with roles {}", getClass().getSimpleName(), user.identity(), user.roles());
        return true;
    }

    @Override
    public final boolean commit() throws LoginException {
        if (user == null) {
            return false;
        }
        added.add(new UserPrincipal(user.identity()));
        for (String role : user.roles()) {
            added.add(new RolePrincipal(role));
        }
        subject.getPrincipals().addAll(added);
        return true;
    }

    @Override
    public final boolean abort() {
        boolean succeeded = user != null;
        logout();
        return succeeded;
    }

    @Override
    public final boolean logout() {
        if (subject != null && !subject.isReadOnly()) {
            subject.getPrincipals().removeAll(added);
        }
        added.clear();
        user = null;
        return true;
    }

    /** @return the option value, or {@code defaultValue} when absent */
    protected final String option(String name, String defaultValue) {
        Object value = options.get(name);
        return value == null ? defaultValue : value.toString();
    }

    /** @throws LoginException when the option is absent or blank */
    protected final String requiredOption(String name) throws LoginException {
        String value = option(name, null);
        if (value == null || value.isBlank()) {
            throw new LoginException(getClass().getSimpleName() + ": option '" + name + "' is required");
        }
        return value;
    }

    protected final boolean booleanOption(String name, boolean defaultValue) {
        String value = option(name, null);
        return value == null ? defaultValue : Boolean.parseBoolean(value.trim());
    }

    /** Per-login detail: DEBUG normally, INFO when the module has {@code debug="true"}. */
    protected final void logDetail(String format, Object... arguments) {
        boolean verbose = booleanOption("debug", false);
        if (!verbose && !log.isDebugEnabled()) {
            return;
        }
        Object[] safe = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            safe[i] = LogSafe.printable(arguments[i]);
        }
        if (verbose) {
            log.info(format, safe);
        } else {
            log.debug(format, safe);
        }
    }
}

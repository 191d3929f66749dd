package eu.stratuslab.authn.ldap;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;

/**
 * One conversation with the directory for one login: connect (with connect and response
 * timeouts), bind as the service account, find the user entry, read its groups, and optionally
 * verify the user's password by binding as the entry. Not thread-safe; one instance per login.
 */
final class LdapDirectory implements AutoCloseable {

    private final LdapSettings settings;
    private final LDAPConnection connection;

    private LdapDirectory(LdapSettings settings, LDAPConnection connection) {
        this.settings = settings;
        this.connection = connection;
    }

    /**
     * Connects and binds as {@code bindDn} (anonymously when it is empty).
     *
     * @throws LoginException when the directory cannot be reached or the service bind fails
     */
    static LdapDirectory open(LdapSettings settings) throws LoginException {
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(settings.connectTimeoutMillis());
        options.setResponseTimeoutMillis(settings.responseTimeoutMillis());
        options.setAbandonOnTimeout(true);
        LDAPConnection connection = null;
        try {
            SocketFactory sockets = SocketFactory.getDefault();
            if (settings.useLdaps()) {
                sockets = SSLContext.getDefault().getSocketFactory();
                options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            }
            connection = new LDAPConnection(sockets, options, settings.hostname(), settings.port());
            if (!settings.bindDn().isEmpty()) {
                connection.bind(new SimpleBindRequest(settings.bindDn(), settings.bindPassword()));
            }
            return new LdapDirectory(settings, connection);
        } catch (LDAPException e) {
            if (connection != null) {
                connection.close();
            }
            throw unavailable(settings, e.getResultCode() == ResultCode.INVALID_CREDENTIALS
                    ? "service bind as " + settings.bindDn() + " refused (check bindDn/bindPassword)"
                    : describe(e), e);
        } catch (NoSuchAlgorithmException e) {
            throw unavailable(settings, "no TLS support: " + e.getMessage(), e);
        }
    }

    /**
     * Searches {@code userBaseDn} for {@code (&(objectClass=<userObjectClass>)(<userIdAttribute>=<value>))}.
     * The value is escaped by the filter construction (RFC 4515).
     *
     * @return the entry, or empty when there is no such user
     * @throws LoginException when the search fails or is ambiguous
     */
    Optional<SearchResultEntry> findUser(String userIdValue, String... attributes) throws LoginException {
        Filter filter = Filter.createANDFilter(
                Filter.createEqualityFilter("objectClass", settings.userObjectClass()),
                Filter.createEqualityFilter(settings.userIdAttribute(), userIdValue));
        SearchRequest request = new SearchRequest(settings.userBaseDn(), SearchScope.SUB, filter,
                attributes.length == 0 ? new String[] {SearchRequest.NO_ATTRIBUTES} : attributes);
        request.setSizeLimit(1);
        try {
            SearchResult result = connection.search(request);
            return result.getSearchEntries().stream().findFirst();
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                // Two entries carry the same identifier: refuse rather than guess which is meant.
                throw new FailedLoginException("more than one entry under " + settings.userBaseDn() + " has "
                        + settings.userIdAttribute() + "=" + userIdValue);
            }
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return Optional.empty();
            }
            throw unavailable(settings, "user search failed: " + describe(e), e);
        }
    }

    /**
     * @return the {@code roleNameAttribute} values of the groups under {@code roleBaseDn} whose
     *         {@code roleMemberAttribute} is {@code userDn}
     */
    Set<String> roles(String userDn) throws LoginException {
        if (settings.roleBaseDn().isEmpty()) {
            return Set.of();
        }
        Filter filter = Filter.createANDFilter(
                Filter.createEqualityFilter("objectClass", settings.roleObjectClass()),
                Filter.createEqualityFilter(settings.roleMemberAttribute(), userDn));
        try {
            SearchResult result = connection.search(settings.roleBaseDn(), SearchScope.SUB, filter,
                    settings.roleNameAttribute());
            Set<String> roles = new LinkedHashSet<>();
            for (SearchResultEntry group : result.getSearchEntries()) {
                String[] names = group.getAttributeValues(settings.roleNameAttribute());
                if (names != null) {
                    roles.addAll(Arrays.asList(names));
                }
            }
            return roles;
        } catch (LDAPSearchException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return Set.of();
            }
            throw unavailable(settings, "role search failed: " + describe(e), e);
        }
    }

    /**
     * Binds as {@code userDn} with {@code password}; the connection is not used afterwards.
     *
     * @throws FailedLoginException when the directory refuses the password
     */
    void bindAsUser(String userDn, char[] password) throws LoginException {
        if (password.length == 0) {
            throw new FailedLoginException("empty password"); // would be an anonymous bind
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            connection.bind(new SimpleBindRequest(userDn, bytes));
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                throw new FailedLoginException("wrong password for " + userDn);
            }
            throw unavailable(settings, "bind as " + userDn + " failed: " + describe(e), e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public void close() {
        connection.close();
    }

    private static String describe(LDAPException e) {
        String detail = e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getExceptionMessage();
        return e.getResultCode() + (detail == null ? "" : ": " + detail);
    }

    private static LoginException unavailable(LdapSettings settings, String detail, Exception cause) {
        LoginException failure = new LoginException("LDAP " + settings.url() + ": " + detail);
        failure.initCause(cause);
        return failure;
    }
}

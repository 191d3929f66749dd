package eu.stratuslab.authn.support;

import com.unboundid.ldap.listener.Base64PasswordEncoderOutputFormatter;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.SaltedMessageDigestInMemoryPasswordEncoder;
import com.unboundid.ldif.LDIFReader;
import java.io.StringReader;
import java.io.BufferedReader;
import java.net.InetAddress;
import java.security.MessageDigest;
import org.junit.rules.ExternalResource;

/**
 * UnboundID's in-memory directory on a free loopback port, loaded with the StratusLab tree. The
 * service account is {@code uid=admin,ou=system} / {@code secret}, as in the shipped login.conf;
 * {@code {SSHA}} passwords are verified on bind, as OpenLDAP does.
 */
public final class InMemoryLdap extends ExternalResource {

    public static final String BIND_DN = "uid=admin,ou=system";
    public static final String BIND_PASSWORD = "secret";

    private InMemoryDirectoryServer server;

    @Override
    protected void before() throws Throwable {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("o=cloud");
        config.addAdditionalBindCredentials(BIND_DN, BIND_PASSWORD);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap",
                InetAddress.getLoopbackAddress(), 0, null));
        config.setPasswordEncoders(new SaltedMessageDigestInMemoryPasswordEncoder("{SSHA}",
                Base64PasswordEncoderOutputFormatter.getInstance(), MessageDigest.getInstance("SHA-1"), 4, true, true));
        server = new InMemoryDirectoryServer(config);
        server.importFromLDIF(true, new LDIFReader(new BufferedReader(new StringReader(StratusLabTree.ldif()))));
        server.startListening();
    }

    @Override
    protected void after() {
        if (server != null) {
            server.shutDown(true);
        }
    }

    public int port() {
        return server.getListenPort();
    }

    public InMemoryDirectoryServer server() {
        return server;
    }
}

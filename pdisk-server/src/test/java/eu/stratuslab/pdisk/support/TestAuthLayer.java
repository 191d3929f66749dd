package eu.stratuslab.pdisk.support;

import java.util.Map;
import java.util.Optional;

import org.eclipse.jetty.server.Handler;

import eu.stratuslab.authn.http.BasicAuthHandler;
import eu.stratuslab.pdisk.http.AuthLayer;

/** The real authn BasicAuthHandler in front of a fixed user table. */
public final class TestAuthLayer implements AuthLayer {

    public static final Map<String, String> USERS = Map.of(
            "alice", "alice-pw", "bob", "bob-pw", "pdisk", "pdisk-pw", "norole", "norole-pw",
            "john.doe@example.org", "john-pw");

    private final MapAuthenticator authenticator = new MapAuthenticator(USERS);

    @Override
    public Handler.Wrapper passwordAuthentication() {
        return new BasicAuthHandler(authenticator, "StratusLab Password Realm", "cloud-access");
    }

    @Override
    public Optional<Handler.Wrapper> certificateAuthentication() {
        return Optional.empty();
    }
}

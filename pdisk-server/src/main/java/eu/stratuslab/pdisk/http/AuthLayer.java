package eu.stratuslab.pdisk.http;

import java.util.Optional;

import org.eclipse.jetty.server.Handler;

/**
 * Creates the authentication wrappers put in front of the API: one for the password context
 * ({@code /pswd}, HTTP Basic with a 401 challenge) and, when configured, one for the certificate
 * context ({@code /cert}). Each call returns a new wrapper because a Jetty handler has one parent.
 * The wrappers must set {@link eu.stratuslab.authn.AuthenticatedUser#REQUEST_ATTRIBUTE}.
 */
public interface AuthLayer {

    Handler.Wrapper passwordAuthentication();

    Optional<Handler.Wrapper> certificateAuthentication();
}

package eu.stratuslab.marketplace.server;

import org.eclipse.jetty.server.Request;

/**
 * Decides whether a request comes from the site administrator, who alone may publish images
 * ({@code POST /images/}). Authentication itself happens in front of the marketplace (see
 * {@link AuthenticatedAdministrator} for the authn module's handlers).
 */
@FunctionalInterface
public interface AdministratorGate {

    boolean isAdministrator(Request request);

    /** Nobody may publish over HTTP (the launcher can still call {@link MarketplaceService#publish}). */
    static AdministratorGate nobody() {
        return request -> false;
    }
}

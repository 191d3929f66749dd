package eu.stratuslab.oneproxy.api;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.xmlrpc.MethodCall;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.junit.rules.ExternalResource;

/**
 * A core on a private in-memory H2 database (oneadmin's password {@code password}, the golden
 * captures' clock) and the two dispatchers over the standard registry.
 */
final class ApiFixture extends ExternalResource implements AutoCloseable {
    static final long GOLDEN_MON_TIME = 1_795_452_626L;

    Core core;
    OneDispatcher rpc2;
    OneDispatcher proxied;

    /** Opened at once, for a fixture a whole class shares. */
    ApiFixture() throws Exception {
        open();
    }

    private ApiFixture(boolean openLater) {
    }

    /** As a JUnit {@code @Rule}: a fresh core for every test, closed after it. */
    static ApiFixture perTest() {
        return new ApiFixture(true);
    }

    @Override
    protected void before() throws Exception {
        open();
    }

    @Override
    protected void after() {
        close();
    }

    private void open() throws Exception {
        CoreSettings s = CoreSettings.defaults(DbSettings.h2Memory("api" + UUID.randomUUID().toString().replace("-", "")),
                        Files.createTempDirectory("coreinfra-api"))
                .withClock(Clock.fixed(Instant.ofEpochSecond(GOLDEN_MON_TIME), ZoneOffset.UTC))
                .withMonitorInterval(null)
                .withInitialOneadminPassword("password");
        core = Core.open(s);
        ApiRegistry registry = ApiRegistry.standard(core);
        rpc2 = OneDispatcher.rpc2(registry, core);
        proxied = OneDispatcher.proxied(registry, core);
    }

    /** A /RPC2 call as oneadmin. */
    OneResult admin(String method, Object... params) throws XmlRpcFault {
        return rpc2("oneadmin:password", method, params);
    }

    OneResult rpc2(String session, String method, Object... params) throws XmlRpcFault {
        Object[] all = new Object[params.length + 1];
        all[0] = session;
        System.arraycopy(params, 0, all, 1, params.length);
        return rpc2.execute(null, new MethodCall(method, Arrays.asList(all)));
    }

    /** A proxied call by the HTTP-authenticated {@code identity}; param 0 is a dummy session. */
    OneResult as(String identity, String method, Object... params) throws XmlRpcFault {
        Object[] all = new Object[params.length + 1];
        all[0] = "dummy:pass";
        System.arraycopy(params, 0, all, 1, params.length);
        return proxied.execute(new AuthenticatedUser(identity, Set.of("cloud-access")), new MethodCall(method, Arrays.asList(all)));
    }

    /** The id of a successful allocate, or an assertion error with the message. */
    static int id(OneResult r) {
        if (!r.success()) {
            throw new AssertionError("call failed: " + r.value() + " (" + r.code() + ")");
        }
        return (Integer) r.value();
    }

    static String xml(OneResult r) {
        if (!r.success()) {
            throw new AssertionError("call failed: " + r.value() + " (" + r.code() + ")");
        }
        return (String) r.value();
    }

    @Override
    public void close() {
        core.close();
    }
}

package eu.stratuslab.oneproxy.api.vm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.core.vm.MutableClock;
import eu.stratuslab.core.vm.VmFixture;
import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.oneproxy.api.ApiRegistry;
import eu.stratuslab.oneproxy.api.OneDispatcher;
import eu.stratuslab.oneproxy.testsupport.InMemoryCore;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.xmlrpc.MethodCall;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * The installation of the golden captures behind both dispatchers: oneadmin (password
 * {@code password}), dummy host {@code dummyhost1}, RANGED network {@code public} 10.10.0.0/24
 * on br0 usable by everybody, and a clock the test moves.
 */
final class VmApiFixture extends InMemoryCore {
    /** The legacy CLI default template as captured (shared with the core's VM tests). */
    static final String LEGACY_DEFAULT = VmFixture.LEGACY_DEFAULT;

    final MutableClock clock;
    OneDispatcher rpc2;
    OneDispatcher proxied;

    /** As a JUnit {@code @Rule}: a fresh installation for every test, its clock at {@code startTime}. */
    VmApiFixture(long startTime) {
        super("corevmapi");
        clock = new MutableClock(startTime);
    }

    @Override
    protected CoreSettings configure(CoreSettings defaults) {
        return defaults.withClock(clock).withInitialOneadminPassword("password");
    }

    @Override
    protected void opened(Path varDir) throws Exception {
        core().hosts().allocate("dummyhost1", "im_dummy", "vmm_dummy", "dummy", "tm_dummy");
        int net = core().networks().allocate(Caller.ONEADMIN, TemplateParser.parse(
                "NAME = public\nTYPE = RANGED\nBRIDGE = br0\nNETWORK_ADDRESS = 10.10.0.0\nNETWORK_SIZE = C\n"));
        core().networks().chmod(net, new int[] {-1, -1, -1, -1, -1, -1, 1, -1, -1});
        ApiRegistry registry = ApiRegistry.standard(core());
        rpc2 = OneDispatcher.rpc2(registry, core());
        proxied = OneDispatcher.proxied(registry, core());
    }

    /** A /RPC2 call with the session string as the legacy tools send it. */
    OneResult rpc2(String session, String method, Object... params) throws XmlRpcFault {
        return rpc2.execute(null, new MethodCall(method, withSession(session, params)));
    }

    OneResult admin(String method, Object... params) throws XmlRpcFault {
        return rpc2("oneadmin:password", method, params);
    }

    /** A call on the proxied path by the HTTP-authenticated {@code identity}. */
    OneResult as(String identity, String method, Object... params) throws XmlRpcFault {
        return proxied.execute(new AuthenticatedUser(identity, Set.of("cloud-access")),
                new MethodCall(method, withSession("dummy:pass", params)));
    }

    /** Makes {@code name} known to the core (its first proxied call creates its account); its user id. */
    int userWithAccount(String name) throws XmlRpcFault {
        ok(as(name, "one.vmpool.info", -3, -1, -1, -1));
        return core().users().byName(name).id();
    }

    /** The value of a call that must succeed. */
    static Object ok(OneResult r) {
        assertTrue("call failed: " + r.value(), r.success());
        return r.value();
    }

    /** A call refused with an AUTHORIZATION error and exactly {@code message}. */
    static void assertNotAuthorized(String message, OneResult r) {
        assertFalse(r.success());
        assertEquals(ErrorCode.AUTHORIZATION, r.code());
        assertEquals(message, r.value());
    }

    private static java.util.List<Object> withSession(String session, Object... params) {
        Object[] all = new Object[params.length + 1];
        all[0] = session;
        System.arraycopy(params, 0, all, 1, params.length);
        return Arrays.asList(all);
    }
}

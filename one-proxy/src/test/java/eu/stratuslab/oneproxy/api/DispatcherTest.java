package eu.stratuslab.oneproxy.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.user.User;
import eu.stratuslab.xmlrpc.MethodCall;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.XmlRpcFault;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.server.Request;
import org.junit.Rule;
import org.junit.Test;
import org.mockito.Mockito;

/** Caller resolution of both modes, error tags and faults. */
public class DispatcherTest {
    @Rule
    public final ApiFixture api = ApiFixture.perTest();

    @Test
    public void rpc2RefusesBadSessionsWithTheTaggedMessage() throws Exception {
        OneResult bad = api.rpc2("oneadmin:wrong", "one.host.info", 0);
        assertFalse(bad.success());
        assertEquals("[HostInfo] User couldn't be authenticated, aborting call.", bad.value());
        assertEquals(ErrorCode.AUTHENTICATION, bad.code());
        api.as("CN=Jane Tester,OU=LAL,O=CNRS,C=FR", "one.user.info", -1);
        OneResult dummy = api.rpc2("CN%3DJane+Tester%2COU%3DLAL%2CO%3DCNRS%2CC%3DFR:" + User.DUMMY_PASSWORD, "one.vnpool.info", -2);
        assertEquals(ErrorCode.AUTHENTICATION, dummy.code());
        assertEquals(ErrorCode.NO_EXISTS, api.admin("one.host.info", 0).code());
        assertEquals("[HostInfo] Error getting host [0].", api.admin("one.host.info", 0).value());
    }

    @Test
    public void proxiedCallerIsTheAccountOfTheIdentityCreatedOnFirstUse() throws Exception {
        String doc = ApiFixture.xml(api.as("john.doe@example.org", "one.user.info", -1));
        assertEquals("<USER><ID>2</ID><GID>1</GID><GNAME>users</GNAME><NAME>john.doe%40example.org</NAME>"
                + "<PASSWORD>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</PASSWORD><AUTH_DRIVER>dummy</AUTH_DRIVER>"
                + "<ENABLED>1</ENABLED><TEMPLATE></TEMPLATE></USER>", doc);
        // oneadmin through the proxy is uid 0, never a new account
        assertTrue(ApiFixture.xml(api.as("oneadmin", "one.user.info", -1)).startsWith("<USER><ID>0</ID>"));
        assertEquals(3, api.core.users().all().size());
    }

    @Test
    public void proxiedParamZeroMayHaveAnyTypeButMustBePresent() throws Exception {
        AuthenticatedUser alice = new AuthenticatedUser("alice", Set.of("cloud-access"));
        List<Object> params = new ArrayList<>();
        params.add(null);
        params.add(-1);
        assertTrue(api.proxied.execute(alice, new MethodCall("one.user.info", params)).success());
        assertTrue(api.proxied.execute(alice, new MethodCall("one.user.info", List.of(42, -1))).success());
        try {
            api.proxied.execute(alice, new MethodCall("one.hostpool.info", List.of()));
            fail();
        } catch (XmlRpcFault f) {
            assertEquals(-501, f.code());
            assertEquals("Not enough parameters", f.getMessage());
        }
    }

    @Test
    public void unknownMethodsAndMulticallAreFaults() throws Exception {
        for (String name : new String[] {"one.nosuch.method", "system.multicall"}) {
            try {
                api.admin(name);
                fail();
            } catch (XmlRpcFault f) {
                assertEquals(-506, f.code());
                assertEquals("Method '" + name + "' not defined", f.getMessage());
            }
        }
        try {
            api.admin("one.host.info");
            fail();
        } catch (XmlRpcFault f) {
            assertEquals("Not enough parameters", f.getMessage());
        }
    }

    @Test
    public void httpRequestAttributeCarriesTheIdentity() throws Exception {
        Request request = Mockito.mock(Request.class);
        Mockito.when(request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE))
                .thenReturn(new AuthenticatedUser("alice", Set.of("cloud-access")));
        OneResult r = api.proxied.dispatch(request, new MethodCall("one.user.info", List.of("alice:secret", -1)));
        assertTrue(ApiFixture.xml(r).contains("<NAME>alice</NAME>"));
        Request anonymous = Mockito.mock(Request.class);
        try {
            api.proxied.dispatch(anonymous, new MethodCall("one.user.info", List.of("x", -1)));
            fail("a proxied call without an authenticated identity must never run");
        } catch (XmlRpcFault f) {
            assertEquals(-500, f.code());
        }
    }

    @Test
    public void everyRequiredMethodIsRegistered() {
        ApiRegistry r = ApiRegistry.standard(api.core);
        for (String m : new String[] {"one.host.allocate", "one.host.delete", "one.host.enable", "one.host.update",
            "one.host.info", "one.hostpool.info", "one.vn.allocate", "one.vn.info", "one.vnpool.info", "one.vn.delete",
            "one.vn.update", "one.vn.addleases", "one.vn.rmleases", "one.vn.hold", "one.vn.release", "one.vn.chown",
            "one.vn.chmod", "one.user.allocate", "one.user.delete", "one.user.info", "one.user.update", "one.user.passwd",
            "one.user.chgrp", "one.user.chauth", "one.userpool.info", "one.group.allocate", "one.group.delete",
            "one.group.info", "one.grouppool.info", "one.acl.addrule", "one.acl.delrule", "one.acl.info",
            "one.image.allocate", "one.image.delete", "one.image.info", "one.image.update", "one.image.enable",
            "one.image.persistent", "one.image.chtype", "one.image.chown", "one.image.chmod", "one.imagepool.info",
            "one.template.allocate", "one.template.delete", "one.template.info", "one.template.update",
            "one.template.instantiate", "one.template.chown", "one.template.chmod", "one.templatepool.info",
            "one.vm.allocate", "one.vm.info"}) {
            assertTrue(m, r.find(m) != null);
        }
    }
}

package eu.stratuslab.cloud.vmtest;

import eu.stratuslab.core.Core;
import eu.stratuslab.core.CoreSettings;
import eu.stratuslab.core.auth.Caller;
import eu.stratuslab.infra.db.DbSettings;
import eu.stratuslab.core.host.Host;
import eu.stratuslab.scheduler.SchedulerSettings;
import eu.stratuslab.vmmanager.VmManager;
import eu.stratuslab.oneproxy.api.ApiMethod;
import eu.stratuslab.oneproxy.api.ApiRegistry;
import eu.stratuslab.oneproxy.api.OneDispatcher;
import eu.stratuslab.vmm.DriverRegistry;
import eu.stratuslab.xmlrpc.OneResult;
import eu.stratuslab.xmlrpc.Params;
import eu.stratuslab.xmlrpc.XmlRpcHandler;
import eu.stratuslab.xmlrpc.XmlRpcLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A cloud as its own process for the crash tests: core on {@code <home>/db} (H2 file), VMs in
 * {@code <home>/var}, the libvirt VM manager, /RPC2 on 127.0.0.1:{@code port}. Prints
 * {@code READY} when it serves. Adds one test-only method, {@code stratuslab.test.domains}, which
 * lists the {@code one-*} domains of every libvirt host as this process's connections see them.
 *
 * <p>{@code java … VmCloudProcess <home> <port>}
 */
public final class VmCloudProcess {
    private VmCloudProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        DbSettings h2 = DbSettings.h2File(home.resolve("db"), "one");
        CoreSettings s = CoreSettings.defaults(h2, home.resolve("var"))
                .withMonitorInterval(Duration.ofMillis(500)).withInitialOneadminPassword("password");
        Core core = Core.open(s);
        SchedulerSettings f = ApiCloud.fastScheduler();
        // many VMs per host and pass, so that a burst of allocations is in flight (PROLOG, BOOT) at once
        SchedulerSettings burst = new SchedulerSettings(f.interval(), f.maxVm(), 0, 64, f.policy(), f.customRank());
        VmManager manager = VmManager.install(core, ApiCloud.fastVmSettings(), burst, LocalTransfers.create(home, core));
        ApiRegistry registry = ApiRegistry.standard(core);
        registry.register(new DomainsMethod(core));
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new XmlRpcHandler(OneDispatcher.rpc2(registry, core), XmlRpcLimits.DEFAULT));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                // stopping anyway
            }
            manager.close();
            core.close();
        }));
        System.out.println("READY " + manager.startReport());
        System.out.flush();
        server.join();
    }

    /** stratuslab.test.domains(session): "one-1,one-7" for all libvirt hosts. */
    private record DomainsMethod(Core core) implements ApiMethod {
        @Override
        public String name() {
            return "stratuslab.test.domains";
        }

        @Override
        public String tag() {
            return "TestDomains";
        }

        @Override
        public OneResult call(Caller caller, Params params) {
            TreeSet<String> all = new TreeSet<>();
            for (Host h : core.hosts().all()) {
                try {
                    String uri = h.attribute(DriverRegistry.LIBVIRT_URI);
                    all.addAll(core.drivers().driverFor(h.name(), h.vmMad(),
                            uri == null ? Map.of() : Map.of(DriverRegistry.LIBVIRT_URI, uri)).listDomains());
                } catch (Exception e) {
                    return OneResult.error("host " + h.name() + ": " + e.getMessage(), 0x1000);
                }
            }
            return OneResult.ok(String.join(",", all));
        }
    }
}

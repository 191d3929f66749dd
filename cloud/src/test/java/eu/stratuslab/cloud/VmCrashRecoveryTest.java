package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import eu.stratuslab.cloud.vmtest.OneXml;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.cloud.vmtest.TestNodes;
import eu.stratuslab.cloud.vmtest.VmCloudProcess;
import eu.stratuslab.xmlrpc.XmlRpcClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * kill -9 in the middle of many VM lifecycles, then a restart on the same home: nothing lost,
 * duplicated or orphaned.
 *
 * <p>The host is a private libvirt test node, whose domains live inside the cloud process (the
 * test driver keeps its state per connection), so the restart also behaves like a node that
 * rebooted: every VM that was RUNNING must become UNKNOWN, every VM caught half-way must finish
 * its operation (booting VMs run again, shutting-down VMs reach DONE), and the domains the new
 * process sees must be exactly those of its RUNNING VMs.
 */
public class VmCrashRecoveryTest extends OnACloudSite {
    private static final String ADMIN = "oneadmin:password";
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String SMALL = "CPU = 0.1\nVCPU = 1\nMEMORY = 64\nNIC = [ NETWORK = public, NETWORK_UNAME = oneadmin ]\n";

    /** The READY line of the last start: it carries the start-up reconciliation report. */
    private String readyLine;
    private Path processLog;

    @BeforeClass
    public static void libvirt() {
        TestNodes.requireLibvirtTestDriver();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts the cloud on {@code home}; the site stops it after the test if it still runs. */
    private Process startCloud(Path home, int port) throws Exception {
        Path log = home.resolve("cloud-" + System.nanoTime() + ".log");
        processLog = log;
        // output goes to a file, never to a pipe nobody drains (a full pipe would block the cloud)
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", VmCloudProcess.class.getName(),
                home.toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        site.closeAtEnd(() -> stop(p));
        String[] ready = new String[1];
        Await.await("the cloud process to print READY", START, () -> {
            if (!p.isAlive()) {
                throw new AssertionError("the cloud process exited with " + p.exitValue() + ":\n" + tail(log));
            }
            ready[0] = readyLine(log);
            return ready[0] != null;
        }, () -> tail(log));
        readyLine = ready[0];
        return p;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    private static String readyLine(Path log) {
        try {
            return java.nio.file.Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("READY")).findFirst().orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }

    private static Object[] call(XmlRpcClient c, String method, Object... params) throws Exception {
        Object[] all = new Object[params.length + 1];
        all[0] = ADMIN;
        System.arraycopy(params, 0, all, 1, params.length);
        List<?> r = (List<?>) c.call(method, all);
        if (!Boolean.TRUE.equals(r.get(0))) {
            throw new AssertionError(method + " " + Arrays.toString(params) + " failed: " + r.get(1));
        }
        return r.toArray();
    }

    private static int id(XmlRpcClient c, String method, Object... params) throws Exception {
        return (Integer) call(c, method, params)[1];
    }

    private static OneXml doc(XmlRpcClient c, String method, Object... params) throws Exception {
        return OneXml.parse((String) call(c, method, params)[1]);
    }

    /** id → {STATE, LCM_STATE} of every VM, DONE included. */
    private static Map<Integer, int[]> states(XmlRpcClient c) throws Exception {
        OneXml pool = doc(c, "one.vmpool.info", -2, -1, -1, -2);
        Map<Integer, int[]> m = new HashMap<>();
        int n = pool.count("/VM_POOL/VM");
        for (int i = 1; i <= n; i++) {
            int id = pool.getInt("/VM_POOL/VM[" + i + "]/ID");
            int[] previous = m.put(id, new int[] {pool.getInt("/VM_POOL/VM[" + i + "]/STATE"),
                    pool.getInt("/VM_POOL/VM[" + i + "]/LCM_STATE")});
            assertEquals("VM " + id + " listed twice", null, previous);
        }
        return m;
    }

    private static boolean settled(int[] s) {
        return s[0] == 6 || (s[0] == 3 && (s[1] == 3 || s[1] == 16));
    }

    @Test
    public void killDashNineLosesNothing() throws Exception {
        Path home = site.newFolder("home");
        // the test driver charges every running domain a full CPU: 64 CPUs leave room for all 30
        String uri = TestNodes.privateNode(site.newFolder("node"), 64);
        int port = freePort();
        XmlRpcClient c = new XmlRpcClient(URI.create("http://127.0.0.1:" + port + "/RPC2"))
                .withRequestTimeout(Duration.ofSeconds(30));

        Process cloud = startCloud(home, port);
        int hid = id(c, "one.host.allocate", uri, "im_kvm", "vmm_kvm", "dummy", "tm_ssh");
        Await.await("host MONITORED", DEADLINE, () -> {
            try {
                return doc(c, "one.host.info", hid).getInt("/HOST/STATE") == 2;
            } catch (Exception e) {
                return false;
            }
        });
        int net = id(c, "one.vn.allocate", "NAME = public\nTYPE = RANGED\nBRIDGE = br0\nNETWORK_ADDRESS = 10.10.0.0\nNETWORK_SIZE = C\n");
        id(c, "one.vn.chmod", net, -1, -1, -1, -1, -1, -1, 1, -1, -1);

        List<Integer> allocated = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            allocated.add(id(c, "one.vm.allocate", SMALL));
        }
        Await.await("10 VMs RUNNING", DEADLINE, () -> {
            try {
                return states(c).values().stream().filter(s -> s[0] == 3 && s[1] == 3).count() >= 10;
            } catch (Exception e) {
                return false;
            }
        });
        // shut down whatever runs, allocate more, and kill the process while all that is in flight
        Set<Integer> shutDown = new HashSet<>();
        for (Map.Entry<Integer, int[]> e : states(c).entrySet()) {
            if (e.getValue()[0] == 3 && e.getValue()[1] == 3 && shutDown.size() < 8) {
                call(c, "one.vm.action", "shutdown", e.getKey());
                shutDown.add(e.getKey());
            }
        }
        for (int i = 0; i < 10; i++) {
            allocated.add(id(c, "one.vm.allocate", SMALL));
        }
        cloud.destroyForcibly();
        assertTrue(cloud.waitFor(30, TimeUnit.SECONDS));

        cloud = startCloud(home, port);
        System.out.println("after kill -9: " + readyLine);
        assertTrue("VMs that ran before the crash lost their test-driver domains: " + readyLine,
                readyLine.matches(".*gone=\\[\\d.*"));
        Map<Integer, int[]>[] last = new Map[1];
        Await.await("every VM RUNNING, UNKNOWN or DONE", DEADLINE, () -> {
            try {
                last[0] = states(c);
                return last[0].values().stream().allMatch(VmCrashRecoveryTest::settled);
            } catch (Exception e) {
                return false;
            }
        }, () -> (last[0] == null ? "" : describe(last[0])) + "\nhost: " + hostShare(c, hid) + "\nlog tail:\n" + tail(processLog));
        Map<Integer, int[]> after = last[0];
        assertEquals("no VM lost, none invented", new TreeSet<>(allocated), new TreeSet<>(after.keySet()));
        for (int id : shutDown) {
            assertEquals("VM " + id + " was being shut down", 6, after.get(id)[0]);
        }
        Set<String> running = new TreeSet<>();
        int active = 0;
        for (Map.Entry<Integer, int[]> e : after.entrySet()) {
            if (e.getValue()[0] == 3) {
                active++;
                if (e.getValue()[1] == 3) {
                    running.add("one-" + e.getKey());
                }
            }
        }
        String domains = (String) call(c, "stratuslab.test.domains")[1];
        assertEquals("no orphan domain, none missing", running,
                domains.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(domains.split(","))));
        OneXml host = doc(c, "one.host.info", hid);
        assertEquals("capacity charged once per active VM", active, host.getInt("/HOST/HOST_SHARE/RUNNING_VMS"));
        assertEquals(active * 10, host.getInt("/HOST/HOST_SHARE/CPU_USAGE"));
        int max = allocated.stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertEquals("ids keep counting", max + 1, id(c, "one.vm.allocate", SMALL));
    }

    private static String hostShare(XmlRpcClient c, int hid) {
        try {
            OneXml h = doc(c, "one.host.info", hid);
            return "STATE=" + h.get("/HOST/STATE") + " FREE_CPU=" + h.get("/HOST/HOST_SHARE/FREE_CPU") + " FREE_MEM="
                    + h.get("/HOST/HOST_SHARE/FREE_MEM") + " CPU_USAGE=" + h.get("/HOST/HOST_SHARE/CPU_USAGE")
                    + " MEM_USAGE=" + h.get("/HOST/HOST_SHARE/MEM_USAGE") + " MAX_CPU=" + h.get("/HOST/HOST_SHARE/MAX_CPU");
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String describe(Map<Integer, int[]> m) {
        StringBuilder sb = new StringBuilder("(");
        new TreeSet<>(m.keySet()).forEach(id -> sb.append(id).append('=').append(m.get(id)[0]).append('/')
                .append(m.get(id)[1]).append(' '));
        return sb.append(')').toString();
    }
}

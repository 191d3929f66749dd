package eu.stratuslab.cloud.vmtest;

import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.vmm.guest.TinyGuest;
import eu.stratuslab.core.lifecycle.VmHookListener;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.vmmanager.VmManagerSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: latency of the VM manager as a user sees it, through the XML-RPC method registry.
 * <ul>
 *   <li>{@code one.vm.allocate} → RUNNING on a private test-driver node, one VM at a time (scheduler
 *       pass, prolog, domain definition and start, the RUNNING transition stored);</li>
 *   <li>{@code one.vm.allocate} → the guest's marker on its serial console, real TCG guest on
 *       {@code qemu:///system} (0 iterations skip it).</li>
 * </ul>
 * Arguments: {@code <test-driver VMs> <real guests>} (default 200 3).
 */
public final class VmManagerBenchmark {
    private VmManagerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int real = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println("| Measurement | n | min ms | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|---|");
        row("test:/// node allocate → RUNNING", testDriver(n));
        if (real > 0) {
            row("qemu:///system allocate → guest marker (TCG)", realGuest(real));
        }
        System.exit(0);
    }

    private static List<Double> testDriver(int n) throws Exception {
        Path home = Files.createTempDirectory("vmmgr-bench");
        try (ApiCloud cloud = new ApiCloud(home, ApiCloud.fastVmSettings())) {
            Map<Integer, CountDownLatch> running = new ConcurrentHashMap<>();
            cloud.core.lifecycle().addHookListener(new VmHookListener() {
                @Override
                public void onRunning(VirtualMachine vm) {
                    running.computeIfAbsent(vm.id(), k -> new CountDownLatch(1)).countDown();
                }
            });
            // test:///default reports only 3 MB of free memory; a private test node has 8 GiB
            cloud.setUp(TestNodes.privateNode(home.resolve("node")));
            String template = "CPU = 0.01\nVCPU = 1\nMEMORY = 8\nNIC = [ NETWORK = public, NETWORK_UNAME = oneadmin ]\n";
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < n + 10; i++) { // the first 10 warm up
                long start = System.nanoTime();
                int id = cloud.id(ApiCloud.ADMIN, "one.vm.allocate", template);
                if (!running.computeIfAbsent(id, k -> new CountDownLatch(1)).await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("VM " + id + " did not run: " + cloud.vm(id).get("/VM/STATE") + "/" + cloud.vm(id).get("/VM/LCM_STATE") + " " + cloud.vm(id).get("/VM/TEMPLATE/ERROR/MESSAGE") + " host " + cloud.host(0).get("/HOST/HOST_SHARE/FREE_CPU") + " " + cloud.host(0).get("/HOST/HOST_SHARE/MAX_CPU") + " " + cloud.host(0).get("/HOST/HOST_SHARE/FREE_MEM"));
                }
                if (i >= 10) {
                    ms.add((System.nanoTime() - start) / 1e6);
                }
                cloud.call(ApiCloud.ADMIN, "one.vm.action", "cancel", id);
            }
            return ms;
        }
    }

    private static List<Double> realGuest(int n) throws Exception {
        TinyGuest guest = TinyGuest.prepare(TinyGuest.defaultCacheDir());
        VmManagerSettings d = VmManagerSettings.defaults();
        VmManagerSettings settings = new VmManagerSettings(d.workers(), d.queueCapacity(), Duration.ofSeconds(90),
                Duration.ofMinutes(4), Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(10), "qemu");
        Path home = Files.createTempDirectory("vmmgr-bench-qemu");
        List<Double> ms = new ArrayList<>();
        try (ApiCloud cloud = new ApiCloud(home, settings, true)) {
            int hid = cloud.id(ApiCloud.ADMIN, "one.host.allocate", "localhost", "im_kvm", "vmm_kvm", "dummy", "tm_ssh");
            Await.await("localhost MONITORED", ApiCloud.DEADLINE, () -> cloud.host(hid).getInt("/HOST/STATE") == 2);
            for (int i = 0; i < n; i++) {
                String marker = "bench-" + i + "-" + System.nanoTime();
                long start = System.nanoTime();
                int id = cloud.id(ApiCloud.ADMIN, "one.vm.allocate", """
                        CPU = 0.1
                        MEMORY = 256
                        OS = [ KERNEL = "%s", INITRD = "%s", KERNEL_CMD = "console=ttyS0 panic=0 stratuslab.marker=%s" ]
                        """.formatted(guest.kernel(), guest.initramfs(), marker));
                Path serial = cloud.core.settings().varDir().resolve(id + "/serial.log");
                Await.await("marker", Duration.ofMinutes(5), () -> {
                    try {
                        return Files.isReadable(serial) && Files.readString(serial, StandardCharsets.ISO_8859_1)
                                .contains(TinyGuest.readyLine(marker));
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
                ms.add((System.nanoTime() - start) / 1e6);
                cloud.call(ApiCloud.ADMIN, "one.vm.action", "cancel", id);
                cloud.awaitVm(id, 6, 0);
            }
        }
        return ms;
    }

    private static void row(String what, List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %.1f |%n", what, s.size(), s.get(0), pct(s, 50), pct(s, 99),
                s.get(s.size() - 1));
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}

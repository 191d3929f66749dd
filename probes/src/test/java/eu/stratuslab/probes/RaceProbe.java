package eu.stratuslab.probes;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Element;

/**
 * Races a site relies on: of many concurrent writable attaches of one volume exactly one wins;
 * concurrent allocates on one network never hand out an IP or MAC twice and leave the lease table
 * in step with the VMs; a storm of finalize and chown calls leaves every user's quota usage equal
 * to the sum over the user's VMs that are not DONE.
 *
 * @param threads how many rivals each race runs at once
 */
record RaceProbe(CloudProcess cloud, int threads) {
    private static final Pattern USED = Pattern.compile("CPU quota exceeded \\(Quota: [0-9.]+, Used: ([0-9.]+),");

    ProbeReport run() throws Exception {
        ProbeReport report = new ProbeReport("races");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            writableAttach(report, pool);
            leases(report, pool);
            quotaStorm(report, pool);
        } finally {
            pool.shutdownNow();
        }
        return report;
    }

    /**
     * N VMs attach one read-write volume at once: exactly one 200, the others 409, one mount
     * stored. The attaches are registrations (register_only, as the hooks make at deployment), so
     * the race is decided by pdisk's per-volume rule alone and the VMs need not be running (the
     * embedded host runs only a few VMs at a time); the hot-plug path is tested by the cloud module.
     */
    private void writableAttach(ProbeReport report, ExecutorService pool) throws Exception {
        PdiskClient pdisk = cloud.pdisk(CloudProcess.VICTIM);
        String volume = pdisk.create("size=1&tag=race-rw");
        List<Integer> vms = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            vms.add(900_000 + i);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> attaches = new ArrayList<>();
        for (int vm : vms) {
            attaches.add(pool.submit(() -> {
                go.await();
                return pdisk.send("POST", "disks/" + volume + "/mounts/", "node=localhost&register_only=true&vm_id=" + vm).statusCode();
            }));
        }
        go.countDown();
        Map<Integer, Integer> statuses = new HashMap<>();
        for (Future<Integer> f : attaches) {
            statuses.merge(f.get(), 1, Integer::sum);
        }
        int mounts = pdisk.mounts(volume).size();
        int wins = statuses.getOrDefault(200, 0);
        report.check(threads + " concurrent writable attaches of one volume: successes", wins + " " + statuses,
                wins == 1 && mounts == 1 && statuses.getOrDefault(409, 0) == threads - 1, "mounts stored: " + mounts);
        for (int vm : vms) {
            pdisk.send("DELETE", "disks/" + volume + "/mounts/" + volume + "_" + vm + "?metadata_only=true", null);
        }
        report.check("mounts left after detaching", pdisk.mounts(volume).size(), pdisk.mounts(volume).isEmpty(), "");
        pdisk.send("DELETE", "disks/" + volume, null);
    }

    /** Concurrent allocates on one C-sized network (254 leases), more than it holds. */
    private void leases(ProbeReport report, ExecutorService pool) throws Exception {
        OneClient admin = cloud.one(CloudProcess.ADMIN);
        OneClient demo = cloud.one(CloudProcess.VICTIM);
        int net = admin.must("one.vn.allocate", "NAME = \"race-net\"\nTYPE = RANGED\nBRIDGE = br8\nNETWORK_ADDRESS = 10.88.0.0\nNETWORK_SIZE = C\n").id();
        admin.must("one.vn.chmod", net, 1, 1, 0, 0, 0, 0, 1, 0, 0);
        int attempts = 300;
        AtomicInteger refused = new AtomicInteger();
        List<Integer> acked = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> work = new ArrayList<>();
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            work.add(() -> {
                while (next.getAndIncrement() < attempts) {
                    OneClient.Reply r = demo.call("one.vm.allocate", "NAME = race-lease\nCPU = 0.001\nMEMORY = 8\nNIC = [ NETWORK_ID = " + net + " ]\n");
                    if (r.ok()) {
                        acked.add(r.id());
                    } else {
                        refused.incrementAndGet();
                    }
                }
                return null;
            });
        }
        for (Future<Void> f : pool.invokeAll(work)) {
            f.get();
        }
        Set<String> ips = new HashSet<>();
        Set<String> macs = new HashSet<>();
        int duplicates = 0;
        for (int vm : acked) {
            Element nic = Xml.all(Xml.parse(demo.must("one.vm.info", vm).text()), "NIC").get(0);
            duplicates += ips.add(Xml.text(nic, "IP")) ? 0 : 1;
            duplicates += macs.add(Xml.text(nic, "MAC").toLowerCase(Locale.ROOT)) ? 0 : 1;
        }
        Element vnet = Xml.parse(admin.must("one.vn.info", net).text());
        int used = 0;
        Set<String> leaseVms = new HashSet<>();
        for (Element lease : Xml.all(vnet, "LEASE")) {
            if ("1".equals(Xml.text(lease, "USED"))) {
                used++;
                leaseVms.add(Xml.text(lease, "VID"));
            }
        }
        report.measure("concurrent allocates on one network (acknowledged / refused)", acked.size() + " / " + refused.get());
        report.check("duplicate IPs or MACs among acknowledged VMs", duplicates, duplicates == 0, "");
        report.check("leases USED = acknowledged VMs", used + " = " + acked.size(), used == acked.size() && leaseVms.size() == acked.size(), "");
        report.check("acknowledged allocates on a 254-lease network", acked.size(), acked.size() <= 254, "more VMs than leases");
        for (int vm : acked) {
            demo.call("one.vm.action", "finalize", vm);
        }
        awaitCondition(() -> usedLeases(admin, net) == 0, "the finalized VMs' leases are released");
        int left = usedLeases(admin, net);
        report.check("leases still USED after finalizing every VM", left, left == 0, "");
        admin.call("one.vn.delete", net);
    }

    /**
     * The attacker fills part of its CPU quota, then allocates, finalizes and is chowned away
     * (by oneadmin, to the demo user) concurrently. Afterwards the "Used" the quota check reports
     * equals the sum of CPU over the user's VMs that are not DONE, for both users.
     */
    private void quotaStorm(ProbeReport report, ExecutorService pool) throws Exception {
        OneClient mallory = cloud.one(CloudProcess.ATTACKER);
        OneClient demo = cloud.one(CloudProcess.VICTIM);
        OneClient admin = cloud.one(CloudProcess.ADMIN);
        int demoUid = Integer.parseInt(Xml.text(Xml.parse(demo.must("one.user.info", -1).text()), "ID"));
        String template = "NAME = race-quota\nCPU = 0.25\nMEMORY = 8\nNIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n";
        List<Integer> seed = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 24; i++) {
            seed.add(mallory.must("one.vm.allocate", template).id());
        }
        AtomicInteger allocated = new AtomicInteger();
        ExecutorService rivals = Executors.newFixedThreadPool(threads);
        List<Callable<Void>> storm = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            storm.add(() -> {
                for (int i = me; i < seed.size(); i += threads) {
                    int vm = seed.get(i);
                    switch (i % 3) {
                        case 0 -> mallory.call("one.vm.action", "finalize", vm);
                        case 1 -> admin.call("one.vm.chown", vm, demoUid, -1);
                        default -> {
                            // chown and finalize of the same VM racing each other
                            Future<?> f = rivals.submit(() -> admin.call("one.vm.chown", vm, demoUid, -1));
                            mallory.call("one.vm.action", "finalize", vm);
                            f.get();
                        }
                    }
                    if (mallory.call("one.vm.allocate", template).ok()) {
                        allocated.incrementAndGet();
                    }
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(storm)) {
                f.get();
            }
        } finally {
            rivals.shutdownNow();
        }
        report.measure("quota storm: VMs allocated during the storm", allocated.get());
        // finalize of an ACTIVE VM returns once it is in CLEANUP; it reaches DONE (and leaves the
        // quota) when the driver reports, so compare only once no finalized VM is still cleaning up
        awaitCondition(() -> cleaningUp(admin) == 0, "the finalized VMs of the storm leave CLEANUP");
        for (OneClient user : List.of(mallory, demo)) {
            int uid = Integer.parseInt(Xml.text(Xml.parse(user.must("one.user.info", -1).text()), "ID"));
            double before = liveCpu(admin, uid);
            double reported = reportedCpuUsed(user);
            double after = liveCpu(admin, uid);
            // "Used" is printed with one decimal (the driver's format), so allow half a step
            report.check("quota Used of " + user.user + " = CPU of its live VMs after the storm",
                    String.format(Locale.ROOT, "%.2f = %.2f (%.2f before)", reported, after, before),
                    before == after && Math.abs(reported - after) < 0.051, "");
        }
        // clean up every VM of the storm
        for (OneClient user : List.of(mallory, demo)) {
            for (Element vm : Xml.children(Xml.parse(user.must("one.vmpool.info", -3, -1, -1, -1).text()), "VM")) {
                if (Xml.text(vm, "NAME").startsWith("race-quota")) {
                    admin.call("one.vm.action", "finalize", Integer.parseInt(Xml.text(vm, "ID")));
                }
            }
        }
    }

    /** The quota check's own "Used" value: an allocate that asks for far more than any quota. */
    private static double reportedCpuUsed(OneClient user) throws Exception {
        OneClient.Reply r = user.call("one.vm.allocate", "NAME = quota-probe\nCPU = 25\nMEMORY = 8\nNIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n");
        if (r.ok()) {
            user.call("one.vm.action", "finalize", r.id());
            throw new IllegalStateException(user.user + " has no CPU quota: the storm cannot be checked");
        }
        Matcher m = USED.matcher(r.text());
        if (!m.find()) {
            throw new IllegalStateException("no quota message: " + r.text());
        }
        return Double.parseDouble(m.group(1));
    }

    private static double liveCpu(OneClient admin, int uid) throws Exception {
        double sum = 0;
        for (Element vm : Xml.children(Xml.parse(admin.must("one.vmpool.info", uid, -1, -1, -1).text()), "VM")) {
            String state = Xml.text(vm, "STATE");
            if (!"6".equals(state) && Xml.text(vm, "UID").equals(Integer.toString(uid))) {
                String cpu = Xml.text(vm, "TEMPLATE/CPU");
                sum += cpu.isEmpty() ? 0 : Double.parseDouble(cpu);
            }
        }
        return sum;
    }

    /** VMs of the storm that are ACTIVE in LCM state CLEANUP (15): finalized, not yet DONE. */
    private static int cleaningUp(OneClient admin) throws Exception {
        int n = 0;
        for (Element vm : Xml.children(Xml.parse(admin.must("one.vmpool.info", -2, -1, -1, -1).text()), "VM")) {
            if (Xml.text(vm, "NAME").startsWith("race-quota") && "3".equals(Xml.text(vm, "STATE")) && "15".equals(Xml.text(vm, "LCM_STATE"))) {
                n++;
            }
        }
        return n;
    }

    static int usedLeases(OneClient admin, int net) throws Exception {
        int used = 0;
        for (Element lease : Xml.all(Xml.parse(admin.must("one.vn.info", net).text()), "LEASE")) {
            used += "1".equals(Xml.text(lease, "USED")) ? 1 : 0;
        }
        return used;
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls a condition until it holds or 60 s passed (then returns; the caller's check reports). */
    static void awaitCondition(Condition condition, String what) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - end > 0) {
                System.out.println("probes: gave up waiting for " + what);
                return;
            }
            Thread.sleep(100); // poll period only; the condition decides
        }
    }
}

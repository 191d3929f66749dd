package eu.stratuslab.probes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.w3c.dom.Element;

/**
 * The {@code kill -9} loop: N clients allocate and finalize VMs on one network and attach pdisk
 * volumes to them while the cloud is killed with SIGKILL and restarted K times. Only what the cloud
 * acknowledged counts. Afterwards: every acknowledged VM exists (none lost), no VM exists twice
 * (names are unique per request), every acknowledged finalize stuck, no lease is held by a VM that
 * is DONE or gone, no volume stays mounted on a DONE VM, and once every VM is finalized no lease,
 * mount or libvirt domain is left.
 */
final class KillLoopProbe extends LoadProbe {
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private final int rounds;
    private final Duration roundLength;

    private final Map<Integer, String> ackedVms = new ConcurrentHashMap<>();
    private final Set<Integer> ackedFinalizes = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> ackedAttaches = new ConcurrentHashMap<>();
    private final Set<String> volumes = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<String> clientFailures = new ConcurrentLinkedQueue<>();
    private final AtomicLong transportErrors = new AtomicLong();
    private final AtomicBoolean stop = new AtomicBoolean();

    KillLoopProbe(CloudProcess cloud, int clients, int rounds, Duration roundLength) {
        super(cloud, clients);
        this.rounds = rounds;
        this.roundLength = roundLength;
    }

    @Override
    ProbeReport run(long seed) throws Exception {
        ProbeReport report = new ProbeReport("kill -9 loop");
        OneClient setup = cloud.one(CloudProcess.ADMIN);
        int net = setup.must("one.vn.allocate", "NAME = \"kill-net\"\nTYPE = RANGED\nBRIDGE = br6\nNETWORK_ADDRESS = 10.66.0.0\nNETWORK_SIZE = C\n").id();
        setup.must("one.vn.chmod", net, 1, 1, 0, 0, 0, 0, 1, 0, 0);
        LoadClients load = startClients(id -> client(id, new Random(seed + id), net));
        List<Long> restartMillis = new ArrayList<>();
        try {
            for (int round = 0; round < rounds; round++) {
                Thread.sleep(roundLength.toMillis()); // load runs this long before each kill
                cloud.kill9();
                long t0 = System.nanoTime();
                cloud.restart();
                restartMillis.add((System.nanoTime() - t0) / 1_000_000);
            }
            Thread.sleep(roundLength.toMillis() / 2); // load on the last incarnation too
        } finally {
            stop.set(true);
            load.join(Duration.ofMinutes(5));
        }

        // A fresh client for the checks: the first one's pooled keep-alive connection belonged to a
        // process that was killed, and the JDK client may reuse it once ("header parser received no
        // bytes"), which a client talking to a restarted server must expect, not the cloud's fault.
        OneClient admin = cloud.one(CloudProcess.ADMIN);

        // what the cloud acknowledged
        Map<Integer, Element> vms = settledVms(admin);
        int lost = 0;
        List<String> lostDetail = new ArrayList<>();
        for (Map.Entry<Integer, String> e : ackedVms.entrySet()) {
            Element vm = vms.get(e.getKey());
            if (vm == null || !e.getValue().equals(Xml.text(vm, "NAME"))) {
                lost++;
                lostDetail.add("VM " + e.getKey());
            }
        }
        int lostFinalizes = 0;
        for (int id : ackedFinalizes) {
            Element vm = vms.get(id);
            if (vm != null && !"6".equals(Xml.text(vm, "STATE"))) {
                lostFinalizes++;
                lostDetail.add("finalize of " + id + " (STATE " + Xml.text(vm, "STATE") + ")");
            }
        }
        Map<String, Integer> names = new HashMap<>();
        for (Element vm : vms.values()) {
            names.merge(Xml.text(vm, "NAME"), 1, Integer::sum);
        }
        long duplicated = names.values().stream().filter(n -> n > 1).count();
        int lostAttaches = 0;
        for (Map.Entry<String, Integer> a : ackedAttaches.entrySet()) {
            Element vm = vms.get(a.getValue());
            boolean live = vm != null && !"6".equals(Xml.text(vm, "STATE"));
            if (live && !mountedOn(a.getKey(), a.getValue())) {
                lostAttaches++;
                lostDetail.add("attach of " + a.getKey() + " to " + a.getValue());
            }
        }
        int leakedLeases = leasesOfDeadVms(admin, net, vms);
        int leakedMounts = mountsOfDeadVms(vms);

        // finalize everything; then nothing may be left
        for (Map.Entry<Integer, Element> e : vms.entrySet()) {
            if (!"6".equals(Xml.text(e.getValue(), "STATE"))) {
                admin.call("one.vm.action", "finalize", e.getKey());
            }
        }
        RaceProbe.awaitCondition(() -> settledVms(admin).values().stream().allMatch(vm -> "6".equals(Xml.text(vm, "STATE"))),
                "every VM of the loop DONE");
        RaceProbe.awaitCondition(() -> mountsLeft() == 0 && domainsBeyondActiveVms(admin) == 0,
                "every mount and domain released after finalizing all VMs");
        int leasesLeft = RaceProbe.usedLeases(admin, net);
        int mountsLeft = mountsLeft();
        int domainsLeft = domainsBeyondActiveVms(admin);
        PdiskClient pdisk = cloud.pdisk(CloudProcess.VICTIM);
        for (String uuid : volumes) {
            pdisk.send("DELETE", "disks/" + uuid, null);
        }

        report.measure("clients × kill rounds", clients + " × " + rounds + " (restart to READY: " + restartMillis + " ms)");
        report.measure("acknowledged allocates / finalizes / attaches", ackedVms.size() + " / " + ackedFinalizes.size() + " / " + ackedAttaches.size());
        report.measure("transport errors seen by clients (expected while the cloud is down)", transportErrors.get());
        report.check("client failures other than transport errors", clientFailures.size(), clientFailures.isEmpty(),
                String.join("; ", clientFailures.stream().limit(5).toList()));
        report.check("lost acknowledged VMs, finalizes or attaches", lost + lostFinalizes + lostAttaches,
                lost + lostFinalizes + lostAttaches == 0, String.join(", ", lostDetail.subList(0, Math.min(10, lostDetail.size()))));
        report.check("duplicated VMs", duplicated, duplicated == 0, "");
        report.check("leases held by DONE or vanished VMs", leakedLeases, leakedLeases == 0, "", KnownHoles.ITEM_4_LEASES_AFTER_KILL);
        report.check("volumes mounted on DONE or vanished VMs", leakedMounts, leakedMounts == 0, "");
        report.check("leases left after finalizing every VM", leasesLeft, leasesLeft == 0, "", KnownHoles.ITEM_4_LEASES_AFTER_KILL);
        report.check("volume mounts left after finalizing every VM", mountsLeft, mountsLeft == 0, "");
        report.check("host RUNNING_VMS beyond the ACTIVE VMs after finalizing every VM", domainsLeft, domainsLeft == 0, "");
        report.check("cloud alive at the end", cloud.alive() ? "yes" : "no", cloud.alive(), "");
        return report;
    }

    private void client(int id, Random random, int net) {
        boolean attaches = id % 2 == 0;
        List<Integer> mine = new ArrayList<>();
        int seq = 0;
        while (!stop.get()) {
            OneClient one = cloud.one(CloudProcess.VICTIM);
            PdiskClient pdisk = cloud.pdisk(CloudProcess.VICTIM);
            try {
                String name = "kill-" + id + "-" + seq++;
                OneClient.Reply r = one.call("one.vm.allocate", "NAME = \"" + name + "\"\nCPU = 0.001\nMEMORY = 8\nNIC = [ NETWORK_ID = " + net + " ]\n");
                if (r.ok()) {
                    ackedVms.put(r.id(), name);
                    mine.add(r.id());
                } else if (!r.text().contains("no free") && !r.text().contains("lease")) {
                    clientFailures.add("allocate: " + r.text());
                }
                if (attaches && !mine.isEmpty() && random.nextInt(3) == 0) {
                    String uuid = pdisk.create("size=1&tag=kill");
                    volumes.add(uuid);
                    int vm = mine.get(mine.size() - 1);
                    HttpResponse<String> a = pdisk.send("POST", "disks/" + uuid + "/mounts/", "node=localhost&vm_id=" + vm);
                    if (a.statusCode() == 200) {
                        ackedAttaches.put(uuid, vm);
                    }
                }
                if (mine.size() > 6 || (!mine.isEmpty() && random.nextInt(3) == 0)) {
                    int vm = mine.remove(random.nextInt(mine.size()));
                    if (one.call("one.vm.action", "finalize", vm).ok()) {
                        ackedFinalizes.add(vm);
                    }
                }
            } catch (IOException e) {
                transportErrors.incrementAndGet();
                awaitAnswer(one);
            } catch (Exception e) {
                clientFailures.add(e.toString());
            }
        }
    }

    /** After a transport error: wait until the (restarted) cloud answers again. */
    private void awaitAnswer(OneClient one) {
        long end = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!stop.get() && System.nanoTime() < end) {
            try {
                if (one.call("one.user.info", -1).ok()) {
                    return;
                }
            } catch (Exception down) {
                // still down
            }
            try {
                Thread.sleep(200); // poll period while the cloud restarts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Every VM of this probe (names kill-*) by id, once no VM is in a transient state any more (or SETTLE passed). */
    private Map<Integer, Element> settledVms(OneClient admin) throws Exception {
        int uid = Integer.parseInt(Xml.text(Xml.parse(cloud.one(CloudProcess.VICTIM).must("one.user.info", -1).text()), "ID"));
        Map<Integer, Element> out = new HashMap<>();
        long end = System.nanoTime() + SETTLE.toNanos();
        do {
            out.clear();
            boolean transient_ = false;
            OneClient.Reply pool = admin.must("one.vmpool.info", uid, -1, -1, -2);
            for (Element vm : Xml.children(Xml.parse(pool.text()), "VM")) {
                if (Xml.text(vm, "NAME").startsWith("kill-")) {
                    out.put(Integer.parseInt(Xml.text(vm, "ID")), vm);
                    String state = Xml.text(vm, "STATE");
                    String lcm = Xml.text(vm, "LCM_STATE");
                    transient_ |= state.equals("0") || state.equals("1") || (state.equals("3") && !lcm.equals("3") && !lcm.equals("16"));
                }
            }
            if (!transient_) {
                return out;
            }
            Thread.sleep(250); // poll period while VMs settle
        } while (System.nanoTime() < end);
        return out;
    }

    private static int leasesOfDeadVms(OneClient admin, int net, Map<Integer, Element> vms) throws Exception {
        int leaked = 0;
        for (Element lease : Xml.all(Xml.parse(admin.must("one.vn.info", net).text()), "LEASE")) {
            if ("1".equals(Xml.text(lease, "USED"))) {
                Element vm = vms.get(Integer.parseInt(Xml.text(lease, "VID")));
                if (vm == null || "6".equals(Xml.text(vm, "STATE"))) {
                    leaked++;
                }
            }
        }
        return leaked;
    }

    private int mountsOfDeadVms(Map<Integer, Element> vms) throws IOException {
        PdiskClient pdisk = cloud.pdisk(CloudProcess.VICTIM);
        int leaked = 0;
        for (String uuid : volumes) {
            for (JsonNode m : pdisk.mounts(uuid)) {
                Element vm = vms.get(Integer.parseInt(m.get("vmId").asText()));
                if (vm == null || "6".equals(Xml.text(vm, "STATE"))) {
                    leaked++;
                }
            }
        }
        return leaked;
    }

    private boolean mountedOn(String uuid, int vm) throws IOException {
        Set<String> ids = new HashSet<>();
        cloud.pdisk(CloudProcess.VICTIM).mounts(uuid).forEach(m -> ids.add(m.get("vmId").asText()));
        return ids.contains(Integer.toString(vm));
    }

    private int mountsLeft() throws IOException {
        PdiskClient pdisk = cloud.pdisk(CloudProcess.VICTIM);
        int n = 0;
        for (String uuid : volumes) {
            n += pdisk.mounts(uuid).size();
        }
        return n;
    }

    /**
     * The hosts' RUNNING_VMS minus the VMs of any user that are ACTIVE or SUSPENDED (other probes'
     * VMs may still run): what the hosts count beyond the VMs that should be there.
     */
    static int domainsBeyondActiveVms(OneClient admin) throws Exception {
        int running = 0;
        for (Element host : Xml.children(Xml.parse(admin.must("one.hostpool.info").text()), "HOST")) {
            running += Integer.parseInt(Xml.text(host, "HOST_SHARE/RUNNING_VMS"));
        }
        int onHosts = 0;
        // counted with a pattern: the pool may hold other probes' fuzzed templates
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<STATE>([35])</STATE>")
                .matcher(admin.must("one.vmpool.info", -2, -1, -1, -1).text());
        while (m.find()) {
            onHosts++;
        }
        return running - onHosts;
    }
}

package eu.stratuslab.probes;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A soak: C clients make the calls the legacy CLI makes (allocate, info, pool listing, finalize,
 * pdisk list and create/delete) for a while, and the cloud process is sampled every few seconds
 * (resident size, threads and descriptors from {@code /proc/<pid>}, the Java heap from {@code jcmd
 * GC.heap_info}). Every failed call is an error. Then the cloud is left idle for a while, still
 * sampled: an idle cloud should give memory back (issue 13 item 9; conf/jvm.options asks G1 for a
 * periodic collection every 30 s when idle, after which it uncommits free heap).
 */
final class SoakProbe extends LoadProbe {
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

    record Sample(long seconds, long rssKb, int threads, int fds, long heapUsedKb) {
    }

    private final Duration duration;
    private final Duration idle;
    private final boolean idleMustGiveBack;
    private final List<Sample> samples = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicLong calls = new AtomicLong();

    /**
     * @param idle how long the cloud is watched idle after the load
     * @param idleMustGiveBack whether the report fails when the idle cloud keeps its resident size
     *        (the long form; the short form's idle phase is too short to be a verdict)
     */
    SoakProbe(CloudProcess cloud, int clients, Duration duration, Duration idle, boolean idleMustGiveBack) {
        super(cloud, clients);
        this.duration = duration;
        this.idle = idle;
        this.idleMustGiveBack = idleMustGiveBack;
    }

    @Override
    ProbeReport run(long seed) throws Exception {
        ProbeReport report = new ProbeReport("soak");
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        LoadClients load = startClients(c -> client(new Random(seed + c), end));
        long interval = Math.max(2, duration.toSeconds() / 30);
        while (System.nanoTime() < end) {
            samples.add(sample((System.nanoTime() - start) / 1_000_000_000L));
            long left = end - System.nanoTime();
            if (left > 0) {
                load.pause(Math.min(TimeUnit.SECONDS.toNanos(interval), left));
            }
        }
        load.join(Duration.ofMinutes(2));
        samples.add(sample((System.nanoTime() - start) / 1_000_000_000L));
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        long maxRss = samples.stream().mapToLong(Sample::rssKb).max().orElse(0);
        // idle: no client calls; sampled every 5 s (observation, not synchronisation)
        long idleEnd = System.nanoTime() + idle.toNanos();
        long idleMinRss = last.rssKb();
        Sample idleLast = last;
        while (System.nanoTime() < idleEnd) {
            TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(5), Math.max(0, idleEnd - System.nanoTime())));
            idleLast = sample((System.nanoTime() - start) / 1_000_000_000L);
            samples.add(idleLast);
            idleMinRss = Math.min(idleMinRss, idleLast.rssKb());
        }
        report.measure("clients × duration", clients + " × " + duration.toSeconds() + " s");
        report.measure("calls", calls.get());
        report.check("errors", errors.size(), errors.isEmpty(), String.join("; ", errors.stream().limit(5).toList()));
        report.check("cloud alive at the end", cloud.alive() ? "yes" : "no", cloud.alive(), "");
        report.measure("RSS first / last / max (MiB)", first.rssKb() / 1024 + " / " + last.rssKb() / 1024 + " / " + maxRss / 1024);
        report.measure("heap used first / last (MiB)", first.heapUsedKb() / 1024 + " / " + last.heapUsedKb() / 1024);
        if (!idle.isZero()) {
            String idleText = "load end " + last.rssKb() / 1024 + " → lowest " + idleMinRss / 1024 + " → after "
                    + idle.toSeconds() + " s " + idleLast.rssKb() / 1024 + " (heap used " + idleLast.heapUsedKb() / 1024 + ")";
            // giving back: at least a tenth of the resident size at the end of the load
            boolean gaveBack = idleMinRss * 10 <= last.rssKb() * 9;
            if (idleMustGiveBack) {
                report.check("RSS idle (MiB): memory given back", idleText, gaveBack, "the idle cloud kept its memory");
            } else {
                report.measure("RSS idle (MiB)", idleText);
            }
        }
        report.measure("threads first / last", first.threads() + " / " + last.threads());
        report.measure("descriptors first / last", first.fds() + " / " + last.fds());
        writeSamples();
        return report;
    }

    List<Sample> samples() {
        return List.copyOf(samples);
    }

    private void client(Random random, long end) {
        OneClient one = cloud.one(random.nextBoolean() ? CloudProcess.VICTIM : CloudProcess.ATTACKER);
        PdiskClient pdisk = cloud.pdisk(one.user);
        List<Integer> mine = new ArrayList<>();
        while (System.nanoTime() < end) {
            int op = random.nextInt(100);
            try {
                if (op < 20 || mine.isEmpty()) {
                    OneClient.Reply r = one.call("one.vm.allocate", "NAME = soak\nCPU = 0.001\nMEMORY = 8\nNIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n");
                    expect(r, "allocate");
                    if (r.ok()) {
                        mine.add(r.id());
                    }
                } else if (op < 45) {
                    expect(one.call("one.vm.info", mine.get(random.nextInt(mine.size()))), "vm.info");
                } else if (op < 60) {
                    expect(one.call("one.vmpool.info", -3, -1, -1, -1), "vmpool.info");
                } else if (op < 75 || mine.size() > 8) { // 16 clients × 8 VMs stay within the 253 leases of "public"
                    expect(one.call("one.vm.action", "finalize", mine.remove(random.nextInt(mine.size()))), "finalize");
                } else if (op < 90) {
                    HttpResponse<String> r = pdisk.send("GET", "disks/", null);
                    if (r.statusCode() != 200) {
                        errors.add("pdisk list: " + r.statusCode());
                    }
                } else {
                    String uuid = pdisk.create("size=1&tag=soak");
                    HttpResponse<String> r = pdisk.send("DELETE", "disks/" + uuid, null);
                    if (r.statusCode() != 200) {
                        errors.add("pdisk delete: " + r.statusCode());
                    }
                }
                calls.incrementAndGet();
            } catch (Exception e) {
                errors.add(e.toString());
            }
        }
        for (int vm : mine) {
            try {
                one.call("one.vm.action", "finalize", vm);
            } catch (Exception e) {
                errors.add("final finalize: " + e);
            }
        }
    }

    private void expect(OneClient.Reply r, String what) {
        if (!r.ok()) {
            errors.add(what + ": " + r.value());
        }
    }

    private Sample sample(long seconds) throws IOException {
        long pid = cloud.pid();
        long rss = 0;
        int threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
            }
        }
        int fds;
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            fds = (int) s.count();
        }
        return new Sample(seconds, rss, threads, fds, heapUsedKb(pid));
    }

    /** G1's "garbage-first heap total …K, used …K" from {@code jcmd <pid> GC.heap_info}; -1 when unavailable. */
    private static long heapUsedKb(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return -1;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            Matcher m = HEAP_USED.matcher(out);
            return m.find() ? Long.parseLong(m.group(2)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void writeSamples() throws IOException {
        Path dir = Path.of(System.getProperty("probes.reportDir", "target/probes"));
        Files.createDirectories(dir);
        StringBuilder sb = new StringBuilder("seconds,rss_kb,threads,fds,heap_used_kb\n");
        for (Sample s : samples) {
            sb.append(s.seconds()).append(',').append(s.rssKb()).append(',').append(s.threads()).append(',')
                    .append(s.fds()).append(',').append(s.heapUsedKb()).append('\n');
        }
        Files.writeString(dir.resolve("soak-samples.csv"), sb.toString());
    }
}

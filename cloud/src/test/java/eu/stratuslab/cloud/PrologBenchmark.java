package eu.stratuslab.cloud;

import static org.junit.Assert.assertEquals;

import com.sun.net.httpserver.HttpServer;
import eu.stratuslab.cloud.vmtest.TestNodes;
import eu.stratuslab.core.testsupport.Await;
import eu.stratuslab.core.transfer.TransferManager;
import eu.stratuslab.core.transfer.VmDirectory;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.template.TemplateParser;
import eu.stratuslab.vmm.guest.BootableGuestImage;
import eu.stratuslab.vmm.guest.TinyGuest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Not a test: issue 9 item 9, the prolog's speed (docs/benchmarks.md, "Marketplace images in the
 * prolog"). Skipped unless {@code -Dbench=true}:
 *
 * <pre>mvn -B -o -pl cloud -am verify -Dsurefire.failIfNoSpecifiedTests=false -Dtest=PrologBenchmark -Dbench=true</pre>
 *
 * Each measurement runs the embedded cloud as {@code ./stratuslab up} does ({@code test:///default}
 * host, file-backed pdisk over HTTPS, embedded marketplace). The prolog rows time
 * {@link TransferManager#prolog} itself, composed exactly as the launcher composes it (HooksPart); the
 * burst row times the whole path a user sees, {@code one.vm.allocate} → RUNNING. Optional
 * {@code -Dbench.hits=N} (default 100), {@code -Dbench.missGiB=N} (default 1), {@code -Dbench.missRuns=N}
 * (default 3), {@code -Dbench.burstRuns=N} (default 3), {@code -Dbench.guests=N} (default 3; real qemu guests).
 */
public class PrologBenchmark {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @BeforeClass
    public static void onlyWhenAsked() {
        Assume.assumeTrue("a benchmark: run with -Dbench=true", Boolean.getBoolean("bench"));
    }

    private static int property(String name, int fallback) {
        return Integer.getInteger(name, fallback);
    }

    /** A transfer manager like the cloud's own, on the running cloud's pdisk and marketplace. */
    private static TransferManager hooksOf(MarketplaceCloud cloud) throws Exception {
        CloudHome home = new CloudHome(cloud.home);
        return HooksPart.transferManager(home, CloudConfig.load(home.etc().resolve("cloud.cfg")),
                Credentials.loadOrCreate(home.credentials(), "oneadmin", "demo", "pdisk"),
                ReadinessCheck.trustAnyCertificate(), cloud.launcher.core().lifecycle().log(),
                URI.create(cloud.launcher.endpoints().get("pdisk")),
                URI.create(cloud.launcher.endpoints().get("marketplace")), cloud.launcher.core().images(),
                cloud.launcher.quarantine(), eu.stratuslab.infra.metrics.Metrics.none());
    }

    private static VirtualMachine vm(int id, String source) throws Exception {
        return new VirtualMachine(id, 1, 1, "demo", "users", TemplateParser.parse("CPU = 0.1\nMEMORY = 32\n"
                + "DISK = [ SOURCE = \"" + source + "\", TARGET = \"vda\" ]\n"
                + "CONTEXT = [ HOSTNAME = \"bench-" + id + "\", PUBLIC_KEY = \"ssh-rsa AAAA bench@example\", TARGET = \"hdc\" ]\n"),
                System.currentTimeMillis() / 1000);
    }

    /** Milliseconds of one prolog, the VM released afterwards (not timed). */
    private static double timedProlog(TransferManager tm, Path varDir, VirtualMachine vm) throws Exception {
        VmDirectory dir = VmDirectory.of(varDir, vm.id());
        Files.createDirectories(dir.root());
        long t0 = System.nanoTime();
        tm.prolog(vm, dir);
        double ms = (System.nanoTime() - t0) / 1e6;
        tm.epilog(vm, dir);
        return ms;
    }

    @Test
    public void cacheHitPrologOnTheTestDriver() throws Exception {
        int n = property("bench.hits", 100);
        try (MarketplaceCloud cloud = new MarketplaceCloud(tmp.newFolder("hit").toPath(), "")) {
            TransferManager tm = hooksOf(cloud);
            String image = Files.readAllLines(cloud.home.resolve("images.txt")).get(0).split(" ")[0];
            Path varDir = tmp.newFolder("hit-vms").toPath();
            for (int i = 0; i < 10; i++) { // warm-up; the first one also caches the origin
                timedProlog(tm, varDir, vm(100_000 + i, image));
            }
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ms.add(timedProlog(tm, varDir, vm(200_000 + i, image)));
            }
            report("prolog, cache hit (" + image + ", 64 MiB raw): manifest, policy, snapshot, owner, node steps, "
                    + "context ISO", ms);
        }
    }

    @Test
    public void cacheMissOfALargeImageOnLoopback() throws Exception {
        int gib = property("bench.missGiB", 1);
        int runs = property("bench.missRuns", 3);
        List<Double> ms = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            try (StreamedImage image = new StreamedImage((long) gib << 30, run);
                 MarketplaceCloud cloud = new MarketplaceCloud(tmp.newFolder("miss" + run).toPath(), "")) {
                String id = cloud.publishByLocation(image.location(), "large-" + run);
                int before = image.downloads.get();
                TransferManager tm = hooksOf(cloud);
                ms.add(timedProlog(tm, tmp.newFolder("miss-vms" + run).toPath(), vm(300_000 + run, id)));
                assertEquals("pdisk downloaded the image once", before + 1, image.downloads.get());
            }
        }
        report("prolog, cache miss of a " + gib + " GiB raw image served on loopback HTTP (download, SHA-1, "
                + "origin, snapshot, node steps, context ISO)", ms);
    }

    @Test
    public void twentyConcurrentStartsOfOneUncachedImage() throws Exception {
        int runs = property("bench.burstRuns", 3);
        List<Double> ms = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            byte[] raw = new byte[64 << 20];
            new Random(run).nextBytes(raw);
            try (LoopbackImageServer images = new LoopbackImageServer("burst.img", raw);
                 MarketplaceCloud cloud = new MarketplaceCloud(
                         ConcurrentUncachedImageTest.burstScheduling(tmp.newFolder("burst" + run).toPath()), "")) {
                String id = cloud.publishByLocation(images.location(), "burst-" + run);
                int before = images.downloads();
                long t0 = System.nanoTime();
                List<Integer> vms = ConcurrentUncachedImageTest.allocateTogether(cloud,
                        ConcurrentUncachedImageTest.template(id), ConcurrentUncachedImageTest.VMS);
                for (int vm : vms) {
                    cloud.await(vm, 3, Duration.ofMinutes(10));
                }
                ms.add((System.nanoTime() - t0) / 1e6);
                assertEquals("one download", before + 1, images.downloads());
                long origins = cloud.pdiskDisks().stream().filter(d -> "MACHINE_IMAGE_ORIGIN".equals(d.get("type").asText()))
                        .filter(d -> id.equals(d.get("identifier").asText())).count();
                assertEquals("one origin", 1, origins);
            }
        }
        report("20 concurrent one.vm.allocate of one uncached 64 MiB image → all RUNNING (wall time; one "
                + "download, one origin each run)", ms);
    }

    /**
     * A real TCG guest on {@code qemu:///system}: {@code one.vm.allocate} → the guest printed its context
     * report on the serial console (first VM a cache miss of the small test guest, the others hits).
     */
    @Test
    public void qemuAllocateToGuestContext() throws Exception {
        int n = property("bench.guests", 3);
        TestNodes.require(Files.exists(Path.of("/var/run/libvirt/libvirt-sock")) ? null : "libvirtd is not running");
        BootableGuestImage guest = BootableGuestImage.prepare(TinyGuest.defaultCacheDir());
        Path gz = guest.gzipTo(tmp.newFile("guest.img.gz").toPath());
        List<Double> miss = new ArrayList<>();
        List<Double> hits = new ArrayList<>();
        try (LoopbackImageServer images = new LoopbackImageServer("guest.img.gz", Files.readAllBytes(gz));
             MarketplaceCloud cloud = new MarketplaceCloud(tmp.newFolder("guest").toPath(), "host.name = localhost\n"
                     + "vm.shutdown_timeout = 2\nvm.allow_no_nic = true\nvm.default_network = none-for-bench-guests\n")) {
            String id = cloud.publishByLocation(images.location(), "bench guest");
            for (int i = 0; i <= n; i++) {
                long t0 = System.nanoTime();
                int vm = cloud.allocate("CPU = 0.5\nVCPU = 1\nMEMORY = 256\nDISK = [ SOURCE = \"" + id
                        + "\", TARGET = \"vda\" ]\nCONTEXT = [ HOSTNAME = \"bench-" + i + "\", TARGET = \"hdc\" ]\n");
                Path serial = cloud.serialLog(vm);
                Await.await("VM " + vm + "'s context report", Duration.ofMinutes(4), () -> {
                    try {
                        return Files.exists(serial) && Files.readString(serial, StandardCharsets.ISO_8859_1)
                                .contains(BootableGuestImage.DONE_LINE);
                    } catch (IOException e) {
                        return false;
                    }
                });
                (i == 0 ? miss : hits).add((System.nanoTime() - t0) / 1e6);
                cloud.action("shutdown", vm); // the guest ignores ACPI: the short shutdown timeout destroys it
                cloud.await(vm, 6, Duration.ofMinutes(2));
            }
        }
        report("qemu:///system (TCG) allocate → guest context report, cache miss", miss);
        report("qemu:///system (TCG) allocate → guest context report, cache hit", hits);
    }

    private static void report(String what, List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        System.out.printf(Locale.ROOT, "BENCH | %s | %d | %.0f | %.0f | %.0f | %.0f |%n", what, s.size(), s.get(0),
                pct(s, 50), pct(s, 95), s.get(s.size() - 1));
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /**
     * A large image served on loopback without holding it in memory: an 8 MiB pseudo-random block
     * (seeded) repeated to the size; counts the GETs that started.
     */
    private static final class StreamedImage implements AutoCloseable {
        final AtomicInteger downloads = new AtomicInteger();
        private final HttpServer server;

        StreamedImage(long size, long seed) throws Exception {
            byte[] block = new byte[8 << 20];
            new Random(seed).nextBytes(block);
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/large.img", exchange -> {
                try (exchange) {
                    if ("HEAD".equals(exchange.getRequestMethod())) {
                        exchange.getResponseHeaders().set("Content-Length", Long.toString(size));
                        exchange.sendResponseHeaders(200, -1);
                        return;
                    }
                    downloads.incrementAndGet();
                    exchange.sendResponseHeaders(200, size);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (long sent = 0; sent < size; sent += block.length) {
                            out.write(block, 0, (int) Math.min(block.length, size - sent));
                        }
                    }
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(2));
            server.start();
        }

        URI location() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/large.img");
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

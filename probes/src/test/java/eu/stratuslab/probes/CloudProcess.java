package eu.stratuslab.probes;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real cloud in its own JVM, started as {@code ./stratuslab up --home DIR} starts it (the launcher
 * main {@code eu.stratuslab.cloud.CloudLauncher} with the script's JVM options), on loopback ports
 * chosen once so that they stay the same across {@code kill -9} and restart. Besides the generated
 * {@code oneadmin}, {@code demo} and {@code pdisk} accounts the home holds a second ordinary user,
 * {@code mallory} (written into {@code credentials.txt} before the first start, so the launcher
 * puts it into {@code login-pswd.properties}; the core creates the account on first use).
 */
final class CloudProcess implements AutoCloseable {
    static final String ATTACKER = "mallory";
    static final String VICTIM = "demo";
    static final String ADMIN = "oneadmin";
    static final String PDISK_SUPERUSER = "pdisk";
    /** The account the brute-force check guesses passwords of (so no other probe's user is throttled). */
    static final String GUESSED = "guest";

    /** The JVM options of {@code ./stratuslab up}: {@code conf/jvm.options} of the checkout. */
    private static final List<String> JAVA_OPTS = jvmOptions();
    private static final Duration START_DEADLINE = Duration.ofSeconds(180);

    private static List<String> jvmOptions() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("conf/jvm.options"))) {
            dir = dir.getParent(); // tests run in probes/; the file is at the checkout's root
        }
        if (dir == null) {
            throw new IllegalStateException("conf/jvm.options not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readAllLines(dir.resolve("conf/jvm.options")).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final Path home;
    private final String classpath;
    // replaced as a whole after each start: clients read them while the cloud restarts
    private volatile Map<String, String> passwords = Map.of();
    private volatile Map<String, URI> endpoints = Map.of();
    private Process process;
    private int starts;

    private CloudProcess(Path home, String classpath) {
        this.home = home;
        this.classpath = classpath;
    }

    /**
     * Prepares {@code home} (cloud.cfg with fixed loopback ports and the given extra settings,
     * credentials including the attacker) and starts the cloud; returns once it printed READY.
     */
    static CloudProcess start(Path home, String classpath, String extraCloudCfg) throws IOException, InterruptedException {
        Files.createDirectories(home.resolve("etc/stratuslab"));
        StringBuilder cfg = new StringBuilder();
        for (String key : List.of("rpc2.port", "proxy.port", "pdisk.port", "marketplace.port")) {
            cfg.append(key).append(" = ").append(freeLoopbackPort()).append('\n');
        }
        cfg.append(extraCloudCfg);
        Files.writeString(home.resolve("etc/stratuslab/cloud.cfg"), cfg.toString());
        StringBuilder creds = new StringBuilder();
        for (String user : List.of(ADMIN, VICTIM, PDISK_SUPERUSER, ATTACKER, GUESSED)) {
            creds.append(user).append(':').append(randomPassword()).append('\n');
        }
        Path credentials = home.resolve("credentials.txt");
        Files.writeString(credentials, creds.toString());
        Files.setPosixFilePermissions(credentials, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        CloudProcess cloud = new CloudProcess(home, classpath);
        cloud.launch();
        return cloud;
    }

    /** Classpath written by the module's dependency plugin (the cloud's runtime classpath). */
    static String cloudClasspath() throws IOException {
        String file = System.getProperty("probes.cloudClasspath", "target/cloud.classpath");
        return Files.readString(Path.of(file)).trim();
    }

    private void launch() throws IOException, InterruptedException {
        starts++;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JAVA_OPTS);
        cmd.addAll(List.of("-cp", classpath, "eu.stratuslab.cloud.CloudLauncher", "--home", home.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout().toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr().toFile()));
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        long readyLinesBefore = readyLines();
        process = pb.start();
        long end = System.nanoTime() + START_DEADLINE.toNanos();
        while (readyLines() <= readyLinesBefore) {
            if (!process.isAlive()) {
                throw new IOException("the cloud exited with " + process.exitValue() + " before READY; see " + stdout() + " and " + stderr());
            }
            if (System.nanoTime() - end > 0) {
                throw new IOException("the cloud did not print READY within " + START_DEADLINE.toSeconds() + " s; see " + stdout());
            }
            process.waitFor(100, TimeUnit.MILLISECONDS); // returns early when the process dies
        }
        Map<String, String> pw = new LinkedHashMap<>();
        for (String line : Files.readAllLines(home.resolve("credentials.txt"))) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                pw.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        Map<String, URI> ep = new LinkedHashMap<>();
        for (String line : Files.readAllLines(home.resolve("endpoints.txt"))) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                ep.put(parts[0], URI.create(parts[1]));
            }
        }
        passwords = Map.copyOf(pw);
        endpoints = Map.copyOf(ep);
    }

    private long readyLines() throws IOException {
        if (!Files.exists(stdout())) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(stdout(), StandardCharsets.UTF_8)) {
            return lines.filter("READY"::equals).count();
        }
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is flushed. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the cloud process " + process.pid() + " survived SIGKILL");
        }
    }

    void restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("restart of a running cloud");
        }
        launch();
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    int starts() {
        return starts;
    }

    Path home() {
        return home;
    }

    Path stdout() {
        return home.resolve("cloud.out");
    }

    Path stderr() {
        return home.resolve("cloud.err");
    }

    /** Bytes the cloud has written to its console and log folder so far. */
    long logBytes() throws IOException {
        long total = size(stdout()) + size(stderr());
        Path logs = home.resolve("var/log");
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.walk(logs)) {
                total += files.filter(Files::isRegularFile).mapToLong(CloudProcess::size).sum();
            }
        }
        return total;
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    String password(String user) {
        String pw = passwords.get(user);
        if (pw == null) {
            throw new IllegalArgumentException("no credentials for " + user);
        }
        return pw;
    }

    URI endpoint(String name) {
        URI uri = endpoints.get(name);
        if (uri == null) {
            throw new IllegalArgumentException("no endpoint " + name + " in endpoints.txt: " + endpoints);
        }
        return uri;
    }

    OneClient one(String user) {
        return new OneClient(endpoint("one-proxy"), user, password(user));
    }

    PdiskClient pdisk(String user) {
        return new PdiskClient(endpoint("pdisk"), user, password(user));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: the launcher's shutdown hook closes the services
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}

package eu.stratuslab.probes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;

/**
 * A seeded fuzzer of the cloud's inputs: XML-RPC bodies on {@code /RPC2} and the one-proxy
 * (malformed XML, deep nesting, wrong types, bad UTF-8, entities, oversize), VM and template
 * texts through {@code one.vm.allocate} / {@code one.template.allocate}, and pdisk requests (form
 * and JSON bodies, paths, headers). Counts inputs, HTTP statuses, connection drops, and checks
 * that the cloud process stays alive, never answers 5xx and keeps its log bounded. The same seed
 * gives the same inputs.
 */
final class FuzzProbe {
    private static final String[] METHODS = {"one.vm.allocate", "one.vm.info", "one.vm.action", "one.vmpool.info",
        "one.vm.deploy", "one.vm.migrate", "one.vm.savedisk", "one.vm.chown", "one.vm.chmod", "one.host.info",
        "one.hostpool.info", "one.host.allocate", "one.vn.info", "one.vnpool.info", "one.vn.allocate", "one.vn.hold",
        "one.vn.addleases", "one.user.info", "one.user.passwd", "one.userpool.info", "one.group.info", "one.acl.info",
        "one.acl.addrule", "one.image.allocate", "one.image.info", "one.imagepool.info", "one.template.allocate",
        "one.template.info", "one.template.instantiate", "one.templatepool.info", "one.system.version",
        "system.multicall", "system.listMethods", "one.no.such.method", ""};
    private static final String[] TEMPLATE_KEYS = {"CPU", "VCPU", "MEMORY", "NAME", "DISK", "NIC", "CONTEXT", "OS",
        "GRAPHICS", "RAW", "REQUIREMENTS", "RANK", "FEATURES", "INPUT", "QUOTA_CPU", "PUBLIC", "TYPE", "SOURCE",
        "IMAGE_ID", "NETWORK_ID", "TARGET"};
    private static final String[] TEMPLATE_VALUES = {"1", "0", "-1", "-1000", "NaN", "Infinity", "-Infinity", "1e400",
        "0.0000001", "99999999999999999999", "\"\"", "\"quoted \\\" value\"", "[ A = 1 ]", "[ A = [ B = 2 ] ]", "$VAR",
        "$NETWORK[IP, NETWORK=\"public\"]", "é\u00ff\u4e2d", "\\", "=", "[", "]", ",", "\u0000", "#comment",
        "CPU > 0 & MEMORY < 10", "\"$UNAME\"", "x".repeat(5000)};
    private static final String[] PDISK_PATHS = {"", "disks/", "disks", "disks/%s", "disks/%s/", "disks/%s/mounts/",
        "disks/%s/mounts/%s_1", "disks/%s/turl", "instances/", "instances/1", "disks/../../etc/passwd",
        "disks/%00", "disks/%s?edit=true", "disks/?media=json", "media/../../", "svc-pdisk.html", "api/disks"};
    private static final String[] PDISK_METHODS = {"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "TRACE"};
    private static final String[] ACCEPTS = {"application/json", "text/html", "text/plain", "application/xml",
        "application/x-gzip", "*/*", "garbage/\u00e9", "", "application/json;q=abc"};
    private static final String[] CONTENT_TYPES = {"application/x-www-form-urlencoded", "application/json",
        "multipart/form-data; boundary=xyz", "multipart/form-data", "text/xml", "text/plain; charset=nonsense",
        "application/x-www-form-urlencoded; charset=ISO-8859-1", "", ";;;"};

    private final CloudProcess cloud;
    private final Random random;
    private final HttpClient http = PdiskClient.http();
    private final String attackerAuth;
    private final List<Integer> allocatedVms = new ArrayList<>();
    private final List<Integer> allocatedTemplates = new ArrayList<>();
    private final List<String> createdDisks = new ArrayList<>();
    private final TreeMap<String, Integer> statuses = new TreeMap<>();
    private final List<String> serverErrors = new ArrayList<>();
    private final List<String> cleanUpFailures = new ArrayList<>();
    /** The accepted VM and template texts by object, to name the input behind a later failure. */
    private final java.util.Map<String, String> acceptedTexts = new java.util.HashMap<>();
    private int inputs;
    private int drops;
    private int leakedFiles;

    FuzzProbe(CloudProcess cloud, long seed) {
        this.cloud = cloud;
        this.random = new Random(seed);
        this.attackerAuth = basic(CloudProcess.ATTACKER, cloud.password(CloudProcess.ATTACKER));
    }

    ProbeReport run(int count) throws Exception {
        ProbeReport report = new ProbeReport("fuzz");
        long logBefore = cloud.logBytes();
        long start = System.nanoTime();
        String ownDisk = cloud.pdisk(CloudProcess.ATTACKER).create("size=1&tag=fuzz-own");
        createdDisks.add(ownDisk);
        boolean crashed = false;
        try {
            for (int i = 0; i < count && !crashed; i++) {
                int kind = random.nextInt(100);
                if (kind < 40) {
                    xmlRpcBody();
                } else if (kind < 65) {
                    template();
                } else {
                    pdisk(ownDisk);
                }
                if (i % 500 == 499) {
                    crashed = !cloud.alive();
                }
            }
        } finally {
            if (cloud.alive()) {
                cleanUp(); // the fuzzer's VMs would otherwise fill the host for the other probes
            }
        }
        long fuzzSeconds = Math.max(1, (System.nanoTime() - start) / 1_000_000_000L);
        crashed |= !cloud.alive();
        boolean answers = answersAfterwards();
        long logGrowth = cloud.logBytes() - logBefore;
        int serverErrorCount = statuses.entrySet().stream().filter(e -> e.getKey().startsWith("5"))
                .mapToInt(e -> e.getValue()).sum();
        report.measure("seed", Long.toString(Long.parseLong(System.getProperty("probes.seed", "20261204"))));
        report.measure("inputs tried", inputs);
        report.measure("HTTP statuses", statuses.toString());
        report.measure("duration (s)", fuzzSeconds);
        report.check("5xx answers", serverErrorCount, serverErrorCount == 0, String.join(" ; ", serverErrors.subList(0, Math.min(5, serverErrors.size()))));
        report.measure("connection drops (no HTTP answer)", drops);
        report.check("crashes (cloud process died)", crashed ? 1 : 0, !crashed, "see " + cloud.stderr());
        report.check("cloud answers after the fuzz", answers ? "yes" : "no", answers, "");
        report.check("entity expansion / external file leaked in an answer", leakedFiles, leakedFiles == 0, "");
        report.check("fuzzed objects the owner could not finalize or delete", cleanUpFailures.size(), cleanUpFailures.isEmpty(),
                String.join("; ", cleanUpFailures.subList(0, Math.min(5, cleanUpFailures.size()))));
        report.measure("log growth during the fuzz (bytes, per input)", logGrowth + ", " + (logGrowth / Math.max(1, inputs)));
        wellFormedPools(report);
        nonsenseNumbers(report);
        logHygiene(report);
        oversize(report);
        return report;
    }

    // ------------------------------------------------------------------ XML-RPC bodies

    private void xmlRpcBody() {
        boolean proxied = random.nextBoolean();
        byte[] body = switch (random.nextInt(9)) {
            case 0 -> mutate(validCall());
            case 1 -> deepNesting();
            case 2 -> wrongTypes();
            case 3 -> badUtf8();
            case 4 -> entities();
            case 5 -> manyParams();
            case 6 -> junk();
            case 7 -> numericEdges();
            default -> truncated(validCall());
        };
        post(proxied ? cloud.endpoint("one-proxy") : cloud.endpoint("rpc2"), body, "text/xml", proxied ? attackerAuth : null);
    }

    private byte[] validCall() {
        String method = METHODS[random.nextInt(METHODS.length)];
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>").append(method)
                .append("</methodName><params>");
        sb.append("<param><value><string>").append(CloudProcess.ATTACKER).append(":wrong</string></value></param>");
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            sb.append("<param>").append(randomValue(2)).append("</param>");
        }
        return sb.append("</params></methodCall>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private String randomValue(int depth) {
        return switch (random.nextInt(depth > 0 ? 11 : 8)) {
            case 0 -> "<value><int>" + (random.nextInt(2000) - 1000) + "</int></value>";
            case 1 -> "<value><i4>" + random.nextInt() + "</i4></value>";
            case 2 -> "<value><string>" + escape(TEMPLATE_VALUES[random.nextInt(TEMPLATE_VALUES.length)]) + "</string></value>";
            case 3 -> "<value><boolean>" + random.nextInt(3) + "</boolean></value>";
            case 4 -> "<value><double>" + (random.nextBoolean() ? "NaN" : Double.toString(random.nextGaussian() * 1e10)) + "</double></value>";
            case 5 -> "<value><base64>" + Base64.getEncoder().encodeToString(bytes(random.nextInt(40))) + "</base64></value>";
            case 6 -> "<value><dateTime.iso8601>20261204T1" + random.nextInt(99) + ":00:00</dateTime.iso8601></value>";
            case 7 -> "<value>" + escape(TEMPLATE_VALUES[random.nextInt(TEMPLATE_VALUES.length)]) + "</value>";
            case 8 -> "<value><array><data>" + randomValue(depth - 1) + randomValue(depth - 1) + "</data></array></value>";
            case 9 -> "<value><struct><member><name>a</name>" + randomValue(depth - 1) + "</member></struct></value>";
            default -> "<value><nil/></value>";
        };
    }

    private byte[] mutate(byte[] in) {
        byte[] out = in.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips; i++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }

    private byte[] truncated(byte[] in) {
        return java.util.Arrays.copyOf(in, random.nextInt(in.length));
    }

    private byte[] deepNesting() {
        int depth = 10 + random.nextInt(random.nextBoolean() ? 100 : 20_000);
        boolean struct = random.nextBoolean();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>one.vm.info</methodName><params><param>");
        for (int i = 0; i < depth; i++) {
            sb.append(struct ? "<value><struct><member><name>m</name>" : "<value><array><data>");
        }
        sb.append("<value><int>1</int></value>");
        for (int i = 0; i < depth; i++) {
            sb.append(struct ? "</member></struct></value>" : "</data></array></value>");
        }
        return sb.append("</param></params></methodCall>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] wrongTypes() {
        String method = METHODS[random.nextInt(METHODS.length)];
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>").append(method)
                .append("</methodName><params>");
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append("<param>").append(randomValue(1)).append("</param>");
        }
        return sb.append("</params></methodCall>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] badUtf8() {
        byte[] head = "<?xml version=\"1.0\"?><methodCall><methodName>one.vm.allocate</methodName><params><param><value>s</value></param><param><value><string>NAME = \""
                .getBytes(StandardCharsets.US_ASCII);
        byte[][] bad = {{(byte) 0xC3}, {(byte) 0xFF, (byte) 0xFE}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {0x00}, {0x1B}};
        byte[] mid = bad[random.nextInt(bad.length)];
        byte[] tail = "\"\nCPU=1\nMEMORY=64</string></value></param></params></methodCall>".getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + mid.length + tail.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(mid, 0, out, head.length, mid.length);
        System.arraycopy(tail, 0, out, head.length + mid.length, tail.length);
        return out;
    }

    private byte[] entities() {
        String body = switch (random.nextInt(4)) {
            case 0 -> "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                    + "<methodCall><methodName>one.vm.allocate</methodName><params><param><value>s</value></param>"
                    + "<param><value><string>NAME=\"&x;\"</string></value></param></params></methodCall>";
            case 1 -> {
                StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaaaaaaaa\">");
                for (int i = 1; i < 10; i++) {
                    sb.append("<!ENTITY ").append((char) ('a' + i)).append(" \"");
                    sb.append(("&" + (char) ('a' + i - 1) + ";").repeat(10)).append("\">");
                }
                yield sb.append("]><methodCall><methodName>one.vm.info</methodName><params><param><value>&j;</value></param></params></methodCall>").toString();
            }
            case 2 -> "<?xml version=\"1.0\" encoding=\"UTF-32\"?><methodCall/>";
            default -> "<?xml version=\"1.0\"?><?xml-stylesheet href=\"http://127.0.0.1:1/x\"?><methodCall><methodName>one.vm.info</methodName></methodCall>";
        };
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] manyParams() {
        // either many small parameters or one string around the 1 MiB body limit
        boolean many = random.nextBoolean();
        int n = many ? 1000 + random.nextInt(20_000) : 1;
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>one.vmpool.info</methodName><params>");
        String big = !many && random.nextInt(5) == 0 ? "x".repeat(700_000 + random.nextInt(800_000)) : "x";
        for (int i = 0; i < n; i++) {
            sb.append("<param><value><string>").append(big).append("</string></value></param>");
        }
        return sb.append("</params></methodCall>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] junk() {
        return switch (random.nextInt(5)) {
            case 0 -> new byte[0];
            case 1 -> bytes(1 + random.nextInt(4000));
            case 2 -> "{\"method\":\"one.vm.info\"}".getBytes(StandardCharsets.UTF_8);
            case 3 -> "<methodCall><methodName>one.vm.info</methodName><params><param><value><int>1</int></value></param></params></methodCall><methodCall/>"
                    .getBytes(StandardCharsets.UTF_8);
            default -> "<methodCall><methodName>one.vm.info</methodName><params><param><value><int>1</value></int></param>".getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] numericEdges() {
        String[] ints = {"2147483648", "-2147483649", "99999999999999999999999", "0x10", "1e3", "", " 7 ", "+5", "--1", "NaN"};
        String[] types = {"int", "i4", "i8", "double", "boolean"};
        String v = ints[random.nextInt(ints.length)];
        String t = types[random.nextInt(types.length)];
        return ("<?xml version=\"1.0\"?><methodCall><methodName>" + METHODS[random.nextInt(METHODS.length)]
                + "</methodName><params><param><value>s</value></param><param><value><" + t + ">" + v + "</" + t
                + "></value></param></params></methodCall>").getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ templates

    private void template() {
        StringBuilder t = new StringBuilder();
        int lines = random.nextInt(12);
        for (int i = 0; i < lines; i++) {
            String key = TEMPLATE_KEYS[random.nextInt(TEMPLATE_KEYS.length)];
            String value = TEMPLATE_VALUES[random.nextInt(TEMPLATE_VALUES.length)];
            switch (random.nextInt(6)) {
                case 0 -> t.append(key).append(" = [ ").append(key).append(" = ").append(value).append(", X = ").append(value).append(" ]\n");
                case 1 -> t.append(key).append(value).append('\n');
                case 2 -> t.append(value).append(" = ").append(key).append('\n');
                default -> t.append(key).append(" = ").append(value).append('\n');
            }
        }
        if (random.nextBoolean()) { // often a plausible VM, so the deeper checks are reached
            t.append("CPU = 0.01\nMEMORY = 16\nNIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n");
        }
        boolean vm = random.nextInt(3) > 0;
        String body = "<?xml version=\"1.0\"?><methodCall><methodName>" + (vm ? "one.vm.allocate" : "one.template.allocate")
                + "</methodName><params><param><value><string>s</string></value></param><param><value><string>"
                + escape(t.toString()) + "</string></value></param></params></methodCall>";
        HttpResponse<String> r = post(cloud.endpoint("one-proxy"), body.getBytes(StandardCharsets.UTF_8), "text/xml", attackerAuth);
        if (r != null && r.statusCode() == 200 && r.body().contains("<boolean>1</boolean>")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<(?:i4|int)>(\\d+)</(?:i4|int)>").matcher(r.body());
            if (m.find()) {
                int id = Integer.parseInt(m.group(1));
                (vm ? allocatedVms : allocatedTemplates).add(id);
                acceptedTexts.put((vm ? "VM " : "template ") + id, t.toString());
            }
        }
    }

    // ------------------------------------------------------------------ pdisk

    private void pdisk(String ownDisk) {
        String method = PDISK_METHODS[random.nextInt(PDISK_METHODS.length)];
        String uuid = random.nextInt(3) == 0 ? ownDisk : random.nextBoolean() ? java.util.UUID.randomUUID().toString()
                : TEMPLATE_VALUES[random.nextInt(TEMPLATE_VALUES.length)];
        String path = PDISK_PATHS[random.nextInt(PDISK_PATHS.length)].replace("%s", URLEncoder.encode(uuid, StandardCharsets.UTF_8));
        if (random.nextInt(4) == 0) {
            path += (path.contains("?") ? "&" : "?") + "method=" + (random.nextBoolean() ? "put" : "delete") + "&media=json";
        }
        String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
        byte[] body;
        if (contentType.contains("json")) {
            body = ("{\"" + pick("size", "tag", "visibility", "owner", "type", "quarantine", "count", "") + "\": "
                    + pick("\"1\"", "1", "-1", "null", "[]", "{}", "\"PUBLIC\"", "\"\u00e9\"", "1e999", "\"" + "x".repeat(3000) + "\"", "{\"a\":")
                    + "}").getBytes(StandardCharsets.UTF_8);
        } else if (random.nextInt(5) == 0) {
            body = bytes(random.nextInt(2000));
        } else {
            StringBuilder form = new StringBuilder();
            int fields = random.nextInt(6);
            for (int i = 0; i < fields; i++) {
                form.append(pick("size", "visibility", "tag", "type", "owner", "identifier", "quarantine", "seed", "group",
                        "node", "vm_id", "register_only", "url", "bytes", "sha1", "%zz", "", "=")).append('=')
                        .append(pick("1", "0", "-1", "2000", "abc", "public", "PRIVATE", "DATA_IMAGE_RAW_READONLY",
                                "MACHINE_IMAGE_LIVE", "NOPE", "on", "localhost", "%ff%fe", "%00", "x".repeat(5000),
                                "http://127.0.0.1:1/", "file:///etc/passwd", "ftp://x/"))
                        .append('&');
            }
            body = form.toString().getBytes(StandardCharsets.UTF_8);
        }
        // the form-create path with size=1 actually creates disks: keep their ids for the cleanup
        HttpResponse<String> r = send(method, cloud.pdisk(CloudProcess.ATTACKER).base().resolve(path), body, contentType,
                random.nextInt(10) == 0 ? garbageAuth() : attackerAuth, ACCEPTS[random.nextInt(ACCEPTS.length)]);
        if (r != null && r.statusCode() == 201) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"uuid\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(r.body());
            if (m.find()) {
                createdDisks.add(m.group(1));
            }
        }
    }

    private String garbageAuth() {
        return switch (random.nextInt(5)) {
            case 0 -> "Basic " + Base64.getEncoder().encodeToString(bytes(random.nextInt(60)));
            case 1 -> "Basic !!!notbase64";
            case 2 -> "Bearer x";
            case 3 -> "Basic " + Base64.getEncoder().encodeToString((CloudProcess.GUESSED + ":").getBytes(StandardCharsets.UTF_8));
            default -> "Basic " + "A".repeat(6000);
        };
    }

    // ------------------------------------------------------------------ targeted checks

    /**
     * The documents the fuzzed objects appear in stay well-formed XML (the legacy CLI and every
     * OCA client parse them; one bad VM would break the listing for everyone, oneadmin included).
     */
    private void wellFormedPools(ProbeReport report) throws Exception {
        OneClient admin = cloud.one(CloudProcess.ADMIN);
        List<String> broken = new ArrayList<>();
        for (Object[] call : List.of(new Object[] {"one.vmpool.info", -2, -1, -1, -2}, new Object[] {"one.templatepool.info", -2, -1, -1})) {
            OneClient.Reply r = admin.must((String) call[0], java.util.Arrays.copyOfRange(call, 1, call.length));
            try {
                Xml.parse(r.text());
            } catch (IllegalArgumentException e) {
                broken.add(call[0] + ": " + e.getMessage());
            }
        }
        report.check("pool documents well-formed after the fuzz", broken.isEmpty() ? "yes" : "no", broken.isEmpty(), String.join("; ", broken));
    }

    /** Issue 13 item 3: nonsense numbers must be refused at allocate. */
    private void nonsenseNumbers(ProbeReport report) throws Exception {
        OneClient attacker = cloud.one(CloudProcess.ATTACKER);
        String nic = "NIC = [ NETWORK = \"public\", NETWORK_UNAME = \"oneadmin\" ]\n";
        String[] bad = {"CPU = NaN\nMEMORY = 16\n", "CPU = -1000\nMEMORY = 16\n", "CPU = Infinity\nMEMORY = 16\n",
            "CPU = 0.01\nMEMORY = -64\n", "CPU = 0.01\nMEMORY = NaN\n", "CPU = 0.01\nMEMORY = 16\nVCPU = -4\n",
            "CPU = 1e400\nMEMORY = 16\n"};
        List<String> accepted = new ArrayList<>();
        for (String t : bad) {
            inputs++;
            OneClient.Reply r = attacker.call("one.vm.allocate", t + nic);
            if (r.ok()) {
                accepted.add(t.replace('\n', ' ').trim());
                attacker.call("one.vm.action", "finalize", r.id());
            }
        }
        report.check("nonsense CPU/MEMORY/VCPU accepted by allocate", accepted.size() + "/" + bad.length, accepted.isEmpty(),
                String.join("; ", accepted), KnownHoles.ITEM_3_TEMPLATE_VALUES);
    }

    /**
     * Issue 13 item 6: no parser writes to stderr, and an unauthenticated flood of malformed
     * bodies does not grow the log in proportion to the flood.
     */
    private void logHygiene(ProbeReport report) throws Exception {
        long fatal;
        try (Stream<String> lines = Files.lines(cloud.stderr(), StandardCharsets.ISO_8859_1)) {
            fatal = lines.filter(l -> l.contains("[Fatal Error]")).count();
        }
        int flood = 2000;
        long before = cloud.logBytes();
        for (int i = 0; i < flood; i++) {
            post(cloud.endpoint("rpc2"), i % 2 == 0 ? badUtf8() : junk(), "text/xml", null);
        }
        long growth = cloud.logBytes() - before;
        // a rate-limited line per second of flood stays far below one line per request (~80 bytes)
        long bound = 16 * 1024;
        report.check("parser lines on stderr ([Fatal Error])", fatal, fatal == 0, "", KnownHoles.ITEM_6_LOG_HYGIENE);
        report.check("log growth for " + flood + " unauthenticated malformed bodies (bytes)", growth, growth <= bound,
                "bound " + bound, KnownHoles.ITEM_6_LOG_HYGIENE);
    }

    /**
     * Issue 13 item 5: a body whose Content-Length exceeds the limit is answered 413 without being
     * read, and a chunked body is cut at the limit, on every endpoint.
     */
    private void oversize(ProbeReport report) throws Exception {
        List<String> problems = new ArrayList<>();
        record Target(String name, URI uri, boolean tls, String auth) {
        }
        List<Target> targets = List.of(new Target("rpc2", cloud.endpoint("rpc2"), false, null),
                new Target("one-proxy", cloud.endpoint("one-proxy"), true, attackerAuth),
                new Target("pdisk", cloud.pdisk(CloudProcess.ATTACKER).base().resolve("disks/"), true, attackerAuth));
        for (Target t : targets) {
            inputs += 2;
            String declared = rawOversize(t.uri(), t.tls(), t.auth(), false);
            if (!declared.startsWith("413")) {
                problems.add(t.name() + " Content-Length 100 MB: " + declared);
            }
            String chunked = rawOversize(t.uri(), t.tls(), t.auth(), true);
            if (!chunked.startsWith("413") && !chunked.startsWith("cut")) {
                problems.add(t.name() + " chunked 24 MB: " + chunked);
            }
        }
        report.check("oversize bodies not refused at the limit", problems.size(), problems.isEmpty(),
                String.join("; ", problems), KnownHoles.ITEM_5_OVERSIZE);
    }

    /**
     * Sends an oversize request on a raw socket. Declared: a Content-Length of 100 MB and only a
     * few bytes, so a server that waits for the body times out. Chunked: 24 MB in 64 KB chunks,
     * counting what the server takes before it answers or closes. Returns "413 ..." when refused
     * in time, "cut after N bytes" when the connection was closed near the limit, or what happened.
     */
    /**
     * What a client can have written before it sees the server's answer although the server stopped
     * reading at the limit: the kernel's socket buffers on both ends (autotuned, several MB on
     * loopback) plus the limit. Measured here: 4–6 MB with the fix, ~20 MB before it.
     */
    private static final long BUFFERED = 12L * 1024 * 1024;

    private String rawOversize(URI uri, boolean tls, String auth, boolean chunked) throws IOException {
        int port = uri.getPort();
        try (Socket s = tls ? Loopback.trustingSslContext().getSocketFactory().createSocket(uri.getHost(), port)
                : new Socket(uri.getHost(), port)) {
            s.setSoTimeout(5000);
            if (s instanceof SSLSocket ssl) {
                ssl.startHandshake();
            }
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            StringBuilder head = new StringBuilder("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port
                    + "\r\nContent-Type: " + (uri.getPath().contains("disks") ? "application/x-www-form-urlencoded" : "text/xml") + "\r\n");
            if (auth != null) {
                head.append("Authorization: ").append(auth).append("\r\n");
            }
            head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: 100000000\r\n").append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long sent = 0;
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try {
                if (chunked) {
                    // a well-formed beginning, so that only the size can stop the server early
                    byte[] prefix = (uri.getPath().contains("disks") ? "size=1&tag="
                            : "<?xml version=\"1.0\"?><methodCall><methodName>one.vm.info</methodName><params><param><value><string>")
                            .getBytes(StandardCharsets.US_ASCII);
                    out.write((Integer.toHexString(prefix.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(prefix);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    while (sent < 24L * 1024 * 1024) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        sent += chunk.length;
                        if (in.available() > 0) {
                            break; // the server answered early
                        }
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write("<methodCall>".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException closed) {
                return sent <= BUFFERED ? "cut after " + sent + " bytes" : "closed only after " + sent + " bytes";
            }
            byte[] status = new byte[12];
            int n;
            try {
                n = in.readNBytes(status, 0, 12);
            } catch (SocketTimeoutException e) {
                return "no answer within 5 s (the server waits for the body)";
            } catch (IOException e) {
                return sent <= BUFFERED ? "cut after " + sent + " bytes" : "closed only after " + sent + " bytes";
            }
            String line = new String(status, 0, Math.max(0, n), StandardCharsets.US_ASCII);
            String code = line.length() >= 12 ? line.substring(9, 12) : line;
            if (chunked && sent > BUFFERED) {
                return "answer " + code + " only after " + sent + " body bytes were read";
            }
            if (chunked && !code.equals("413")) {
                return "answer " + code + " (not 413) to an oversize body";
            }
            return code + " after " + sent + " body bytes";
        }
    }

    /** Issue 13 item 7: failed logins from one client slow down (or are locked out for a while). */
    static void bruteForce(CloudProcess cloud, ProbeReport report) {
        URI proxy = cloud.endpoint("one-proxy");
        byte[] body = "<?xml version=\"1.0\"?><methodCall><methodName>one.user.info</methodName><params><param><value>s</value></param><param><value><int>-1</int></value></param></params></methodCall>"
                .getBytes(StandardCharsets.UTF_8);
        String wrong = basic(CloudProcess.GUESSED, "wrong-password");
        HttpClient http = PdiskClient.http();
        int attempts = 40;
        long firstTen = 0;
        long lastTen = 0;
        int throttled = 0;
        for (int i = 0; i < attempts; i++) {
            long t0 = System.nanoTime();
            int status = 0;
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(proxy).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "text/xml").header("Authorization", wrong)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
                // a lockout answers at once, without looking at the password: 401 with Retry-After
                status = r.statusCode() == 401 && r.headers().firstValue("Retry-After").isPresent() ? 429 : r.statusCode();
            } catch (IOException e) {
                status = -1; // a dropped connection counts as a refusal
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (i < 10) {
                firstTen += ms;
            } else if (i >= attempts - 10) {
                lastTen += ms;
            }
            if (status == 429 || status == 403 || status == 503 || status == -1) {
                throttled++;
            }
        }
        boolean slowed = throttled > 0 || lastTen >= firstTen + 1000;
        report.check("failed logins throttled (" + attempts + " wrong passwords)", "first 10: " + firstTen + " ms, last 10: "
                + lastTen + " ms, refused: " + throttled, slowed, "no delay or lockout", KnownHoles.ITEM_7_BRUTE_FORCE);
    }

    // ------------------------------------------------------------------ plumbing

    /** Removes what the fuzzer created; every failure is kept (a refused cleanup is a finding). */
    private void cleanUp() {
        OneClient attacker = cloud.one(CloudProcess.ATTACKER);
        for (int id : allocatedVms) {
            cleanUpStep("finalize VM " + id, () -> attacker.call("one.vm.action", "finalize", id).ok());
        }
        for (int id : allocatedTemplates) {
            cleanUpStep("delete template " + id, () -> attacker.call("one.template.delete", id).ok());
        }
        PdiskClient pdisk = cloud.pdisk(CloudProcess.ATTACKER);
        for (String uuid : createdDisks) {
            cleanUpStep("delete volume " + uuid, () -> {
                if (pdisk.send("GET", "disks/" + uuid, null).statusCode() == 404) {
                    return true; // a fuzzed DELETE already removed it
                }
                // fuzzed mount registrations keep a volume in use: remove them first
                for (com.fasterxml.jackson.databind.JsonNode mount : pdisk.mounts(uuid)) {
                    pdisk.send("DELETE", "disks/" + uuid + "/mounts/" + uuid + "_" + mount.get("vmId").asText() + "?metadata_only=true", null);
                }
                return pdisk.send("DELETE", "disks/" + uuid, null).statusCode() == 200;
            });
        }
    }

    interface Step {
        boolean run() throws Exception;
    }

    private void cleanUpStep(String what, Step step) {
        try {
            if (!step.run()) {
                cleanUpFailures.add(what + ": refused");
            }
        } catch (Exception e) {
            String object = what.replaceFirst("^(finalize|delete) ", "");
            String text = acceptedTexts.get(object);
            cleanUpFailures.add(what + ": " + e + (text == null ? "" : " — accepted text: "
                    + text.replace("\n", "\\n").substring(0, Math.min(400, text.length()))));
        }
    }

    private boolean answersAfterwards() {
        try {
            return cloud.one(CloudProcess.ATTACKER).call("one.user.info", -1).ok();
        } catch (Exception e) {
            return false;
        }
    }

    private HttpResponse<String> post(URI uri, byte[] body, String contentType, String auth) {
        return send("POST", uri, body, contentType, auth, "text/xml");
    }

    private HttpResponse<String> send(String method, URI uri, byte[] body, String contentType, String auth, String accept) {
        inputs++;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(Loopback.requireLoopback(uri)).timeout(Duration.ofSeconds(60))
                    .method(method, body.length == 0 && !method.equals("POST") && !method.equals("PUT")
                            ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (!contentType.isEmpty()) {
                b.header("Content-Type", contentType);
            }
            if (!accept.isEmpty()) {
                b.header("Accept", accept);
            }
            if (auth != null) {
                b.header("Authorization", auth);
            }
            if (random.nextInt(20) == 0) {
                b.header("X-Forwarded-Proto", pick("https", "gopher", "", "\u00e9"));
                b.header("X-Fuzz", "y".repeat(random.nextInt(6000)));
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
            statuses.merge(Integer.toString(r.statusCode()), 1, Integer::sum);
            if (r.statusCode() >= 500) {
                serverErrors.add(method + " " + uri.getPath() + " -> " + r.statusCode() + " "
                        + r.body().substring(0, Math.min(200, r.body().length())));
            }
            if (r.body().contains("root:x:0:0")) {
                leakedFiles++;
            }
            return r;
        } catch (IllegalArgumentException e) {
            inputs--; // the JDK client refused to send it (e.g. a header value): not an input
            return null;
        } catch (IOException e) {
            drops++;
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}

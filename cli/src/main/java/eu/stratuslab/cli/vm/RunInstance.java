package eu.stratuslab.cli.vm;

import eu.stratuslab.cli.BaseCommand;
import eu.stratuslab.cli.CliContext;
import eu.stratuslab.cli.CliException;
import eu.stratuslab.cli.Commands;
import eu.stratuslab.cli.remote.Endpoints;
import eu.stratuslab.cli.remote.OneClient;
import eu.stratuslab.marketplace.manifest.FetchResult;
import eu.stratuslab.marketplace.manifest.ImageIdentifier;
import eu.stratuslab.marketplace.manifest.ManifestEntry;
import eu.stratuslab.marketplace.manifest.MarketplaceClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stratus-run-instance [options] IMAGE} (legacy-cli.md §4.1). */
@Command(name = "stratus-run-instance", description = "Start virtual machines from an image.")
public final class RunInstance extends BaseCommand {
    static final Pattern UUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    private static final Pattern CONTEXT_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final int MAX_USER_DATA = 16384;
    private static final int MAX_MOUNTS = 10;
    static final String HOST_CPU_RAW = "<qemu:commandline>\n  <qemu:arg value='-cpu' />\n  <qemu:arg value='host' />\n</qemu:commandline>";

    @Mixin eu.stratuslab.cli.CloudOptions cloud;
    @Mixin eu.stratuslab.cli.PdiskOptions pdisk;

    @Parameters(index = "0", arity = "0..1", paramLabel = "IMAGE", description = "marketplace id, pdisk volume UUID or image URL")
    String image;

    @Option(names = {"-t", "--type"}, defaultValue = InstanceTypes.DEFAULT, description = "instance type (default m1.small)")
    String type;
    @Option(names = {"-l", "--list-types"}, description = "list the instance types and exit")
    boolean listTypes;
    @Option(names = "--cpu") String cpu;
    @Option(names = "--ram") String ram;
    @Option(names = "--swap") String swap;
    @Option(names = "--vm-cpu-amount") String cpuAmount;
    @Option(names = {"-n", "--number"}, defaultValue = "1") int number;
    @Option(names = {"-q", "--quiet"}) boolean quiet;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE") String outputFile;
    @Option(names = {"-k", "--key"}, paramLabel = "FILE", description = "public key file (default ~/.ssh/id_rsa.pub)") String keyFile;
    @Option(names = "--vm-name") String vmName;
    @Option(names = "--vm-requirements") String requirements;
    @Option(names = "--vm-disks-bus") String disksBus;
    @Option(names = "--local-ip") boolean localIp;
    @Option(names = "--private-ip") boolean privateIp;
    @Option(names = "--address") String address;
    @Option(names = "--vm-network-model") String networkModel;
    @Option(names = "--volatile-disk", paramLabel = "GiB") Integer volatileDisk;
    @Option(names = "--persistent-disk", paramLabel = "UUID") String persistentDisk;
    @Option(names = "--readonly-disk", paramLabel = "ID") String readOnlyDisk;
    @Option(names = "--context", paramLabel = "k=v#k2=v2") String contextText;
    @Option(names = "--context-file", paramLabel = "FILE") String contextFile;
    @Option(names = "--cloud-init", paramLabel = "mimetype,file#...") String cloudInit;
    @Option(names = "--context-method", defaultValue = "one") String contextMethod;
    @Option(names = "--vnc-port", defaultValue = "-1") String vncPort;
    @Option(names = "--vnc-listen") String vncListen;
    @Option(names = "--keymap", defaultValue = "en-us") String keymap;
    @Option(names = "--use-host-cpu") boolean useHostCpu;
    @Option(names = "--save") boolean save;
    @Option(names = "--author") String author;
    @Option(names = "--author-email") String authorEmail;
    @Option(names = "--image-version") String imageVersion;
    @Option(names = "--title") String title;
    @Option(names = "--comment") String comment;
    @Option(names = "--marketplace-endpoint-newimage", paramLabel = "URL") String newImageMarketplace;
    @Option(names = "--no-check-image-url") boolean noCheck;
    @Option(names = "--qcow-disk-format") boolean qcow;
    @Option(names = "--marketplace-endpoint", paramLabel = "URL") String marketplaceEndpoint;

    public RunInstance(CliContext ctx) {
        super(ctx);
    }

    @Override
    protected int run() throws Exception {
        InstanceTypes types = InstanceTypes.of(config.instanceTypes());
        if (listTypes) {
            ctx.out().print(types.table(type));
            return 0;
        }
        if (image == null) {
            throw new CliException("missing the IMAGE argument (marketplace id, pdisk UUID or URL)", 2);
        }
        VmTemplate template = buildTemplate(types);
        String text = template.render();
        OneClient one = Commands.one(ctx, cloud);
        if (!quiet) {
            ctx.out().println(" :: Starting " + number + " machine" + (number > 1 ? "s" : ""));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= number; i++) {
            int id = one.allocate(text);
            ids.add(Integer.toString(id));
            VmView vm = VmView.parse(one.vmInfo(id));
            String ip = vm.text("TEMPLATE/NIC/IP");
            String network = vm.text("TEMPLATE/NIC/NETWORK");
            if (quiet) {
                ctx.out().println(id + ", " + ip);
            } else {
                ctx.out().println(" :: Machine " + i + " (vm ID: " + id + ")");
                ctx.out().println("\t" + titleCase(network) + " ip: " + ip);
            }
        }
        if (outputFile != null) {
            Files.writeString(Path.of(outputFile), String.join("\n", ids) + "\n");
        }
        return 0;
    }

    static String titleCase(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    /** The template for this command line; reads the marketplace and pdisk, sends nothing to the cloud. */
    public VmTemplate buildTemplate() throws CliException {
        return buildTemplate(InstanceTypes.of(config.instanceTypes()));
    }

    VmTemplate buildTemplate(InstanceTypes types) throws CliException {
        InstanceType t = types.get(type).orElseThrow(() -> new CliException("Unknown instance type: " + type));
        if (number < 1) {
            throw new CliException("-n must be at least 1", 2);
        }
        VmTemplate tpl = new VmTemplate();
        int vcpu = t.cpu();
        if (cpu != null) {
            vcpu = positiveInt(cpu, "--cpu");
        }
        String cpuShare = cpu != null ? cpu.strip() : Integer.toString(t.cpu());
        if (cpuAmount != null) {
            double amount = parseDouble(cpuAmount, "--vm-cpu-amount");
            if (amount <= 0 || amount > vcpu) {
                throw new CliException("--vm-cpu-amount must be above 0 and at most the instance's " + vcpu + " CPU");
            }
            cpuShare = cpuAmount.strip();
        }
        tpl.cpu(cpuShare, vcpu);
        tpl.memory(ram != null ? Integer.toString(positiveInt(ram, "--ram")) : Integer.toString(t.ramMb()));
        tpl.swap(swap != null ? Integer.toString(nonNegativeInt(swap, "--swap")) : Integer.toString(t.swapMb()));
        tpl.requirements(requirements);
        Instant now = ctx.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        tpl.name(save ? "creator: " + DateTimeFormatter.ISO_INSTANT.format(now) : vmName);
        tpl.kernel(config.get("vm_kernel").orElse(null), config.get("vm_ramdisk").orElse(null));

        URI marketplace = Endpoints.marketplace(marketplaceEndpoint);
        String busFromManifest = null;
        String driver;
        String source;
        List<String> ports = List.of();
        if (ImageIdentifier.isIdentifier(image)) {
            source = MarketplaceClient.manifestUri(marketplace, image).toString();
            FetchResult fetched = new MarketplaceClient(Duration.ofSeconds(10), Duration.ofSeconds(20)).fetch(marketplace, image);
            Optional<ManifestEntry> entry = fetched.isFound()
                    ? fetched.entries().stream().filter(e -> e.isCurrentAt(Instant.now()))
                            .max(Comparator.comparing(e -> e.created().orElse(Instant.EPOCH)))
                    : Optional.empty();
            if (entry.isEmpty() && !noCheck && !save) {
                throw new CliException("image " + image + " is not available in the marketplace " + marketplace
                        + (fetched.isFound() ? ": no valid entry" : ": " + fetched.message()));
            }
            driver = entry.flatMap(ManifestEntry::format).orElse("");
            busFromManifest = entry.flatMap(ManifestEntry::disksBus).orElse(null);
            ports = entry.map(ManifestEntry::inboundPorts).orElse(List.of());
        } else if (UUID.matcher(image).matches()) {
            source = Endpoints.pdiskSource(pdiskBase(), image);
            driver = qcow ? "qcow2" : "raw";
        } else {
            source = noCheck || save ? image : resolveUrl(image);
            driver = qcow ? "qcow2" : "raw";
        }
        tpl.bus(busPrefix(disksBus != null ? disksBus : busFromManifest));
        tpl.root(source, driver, save);
        tpl.inboundPorts(ports);

        if (volatileDisk != null) {
            if (volatileDisk < 1) {
                throw new CliException("--volatile-disk must be a positive number of GiB");
            }
            tpl.volatileDisk(Integer.toString(volatileDisk));
        }
        if (persistentDisk != null) {
            if (!UUID.matcher(persistentDisk).matches()) {
                throw new CliException("--persistent-disk needs a volume UUID: " + persistentDisk);
            }
            checkVolumeFree(persistentDisk);
            tpl.persistentDisk(Endpoints.pdiskSource(pdiskBase(), persistentDisk));
        }
        if (readOnlyDisk != null) {
            if (!ImageIdentifier.isIdentifier(readOnlyDisk)) {
                throw new CliException("--readonly-disk needs a marketplace image id: " + readOnlyDisk);
            }
            tpl.readOnlyDisk(MarketplaceClient.manifestUri(marketplace, readOnlyDisk).toString());
        }
        if (localIp && privateIp) {
            throw new CliException("--local-ip and --private-ip exclude each other", 2);
        }
        tpl.nic(localIp ? "local" : privateIp ? "private" : "public", address, networkModel);
        tpl.graphics(vncPort, vncListen, keymap);
        if (useHostCpu) {
            tpl.raw(HOST_CPU_RAW);
        } else {
            config.get("raw_data").ifPresent(tpl::raw);
        }
        String publicKey = publicKey();
        tpl.publicKey(publicKey);
        if (contextFile != null) {
            for (String line : readLines(contextFile)) {
                if (!line.isBlank()) {
                    putContext(tpl, line);
                }
            }
        }
        if (contextText != null) {
            for (String pair : contextText.split("#")) {
                if (!pair.isBlank()) {
                    putContext(tpl, pair);
                }
            }
        }
        if (cloudInit != null || "cloud-init".equals(contextMethod)) {
            cloudInit(tpl, publicKey);
        } else if (!"one".equals(contextMethod)) {
            throw new CliException("--context-method must be one or cloud-init: " + contextMethod, 2);
        }
        if (save) {
            for (String[] required : new String[][] {{"--author", author}, {"--author-email", authorEmail},
                {"--image-version", imageVersion}, {"--title", title}, {"--comment", comment}}) {
                if (required[1] == null || required[1].isBlank()) {
                    throw new CliException("--save needs " + required[0], 2);
                }
            }
            tpl.createImage("CREATOR_EMAIL", authorEmail);
            tpl.createImage("NEWIMAGE_MARKETPLACE", newImageMarketplace == null ? "" : newImageMarketplace);
            tpl.createImage("CREATOR_NAME", author);
            tpl.createImage("NEWIMAGE_TITLE", title);
            tpl.createImage("NEWIMAGE_COMMENT", comment);
            tpl.createImage("NEWIMAGE_VERSION", imageVersion);
        }
        return tpl;
    }

    private String pdiskBase() throws CliException {
        return Commands.pdiskBase(pdisk, cloud);
    }

    private void checkVolumeFree(String uuid) throws CliException {
        var disk = Commands.pdisk(ctx, pdisk, cloud).get(uuid);
        int count = disk != null && disk.hasNonNull("count") ? Integer.parseInt(disk.get("count").asText("0")) : 0;
        if (MAX_MOUNTS - count < 1) {
            throw new CliException("persistent disk " + uuid + " is not available (in use)");
        }
    }

    static String busPrefix(String bus) throws CliException {
        if (bus == null || bus.isBlank()) {
            return "hd";
        }
        switch (bus.strip().toLowerCase(Locale.ROOT)) {
            case "ide": return "hd";
            case "scsi": return "sd";
            case "virtio": return "vd";
            default: throw new CliException("disks bus must be ide, scsi or virtio: " + bus, 2);
        }
    }

    private void putContext(VmTemplate tpl, String pair) throws CliException {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? "" : pair.substring(0, eq).strip();
        if (!CONTEXT_KEY.matcher(key).matches()) {
            throw new CliException("context entries are KEY=value with a key of letters, digits and _: " + pair, 2);
        }
        tpl.context(key, pair.substring(eq + 1).strip());
    }

    private String publicKey() throws CliException {
        String file = keyFile != null ? keyFile : ctx.home().resolve(".ssh/id_rsa.pub").toString();
        StringBuilder sb = new StringBuilder();
        for (String line : readLines(file)) {
            if (!line.startsWith("Comment:")) {
                sb.append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private List<String> readLines(String file) throws CliException {
        Path p = Path.of(file.startsWith("~/") ? ctx.home() + file.substring(1) : file);
        try {
            return Files.readAllLines(p, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliException("No such file: " + p);
        } catch (IOException e) {
            throw new CliException("cannot read " + p + ": " + e.getMessage());
        }
    }

    /** template.md §2 cloud-init keys: authorized keys and gzip+base64 user data (a MIME multipart). */
    private void cloudInit(VmTemplate tpl, String publicKey) throws CliException {
        StringBuilder keys = new StringBuilder();
        List<String[]> parts = new ArrayList<>();
        if (cloudInit != null) {
            for (String item : cloudInit.split("#")) {
                if (item.isBlank()) {
                    continue;
                }
                int comma = item.indexOf(',');
                if (comma <= 0) {
                    throw new CliException("--cloud-init entries are mimetype,file: " + item, 2);
                }
                String kind = item.substring(0, comma).strip();
                String file = item.substring(comma + 1).strip();
                String content = String.join("\n", readLines(file)) + "\n";
                if (kind.equals("ssh")) {
                    keys.append(content);
                } else {
                    parts.add(new String[] {kind, file, content});
                }
            }
        }
        if (keys.length() == 0) {
            keys.append(publicKey);
        }
        tpl.context("CONTEXT_METHOD", "cloud-init");
        tpl.context("CLOUD_INIT_AUTHORIZED_KEYS", Base64.getEncoder().encodeToString(keys.toString().getBytes(StandardCharsets.UTF_8)));
        if (!parts.isEmpty()) {
            byte[] userData;
            if (parts.size() == 1 && parts.get(0)[0].equals("none")) {
                userData = parts.get(0)[2].getBytes(StandardCharsets.UTF_8);
            } else {
                userData = multipart(parts).getBytes(StandardCharsets.UTF_8);
            }
            byte[] gz = gzip(userData);
            if (gz.length > MAX_USER_DATA) {
                throw new CliException("cloud-init user data is " + gz.length + " bytes compressed; at most " + MAX_USER_DATA);
            }
            tpl.context("CLOUD_INIT_USER_DATA", Base64.getEncoder().encodeToString(gz));
        }
    }

    static String multipart(List<String[]> parts) {
        String boundary = "===============" + Long.toUnsignedString(System.nanoTime()) + "==";
        StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\nMIME-Version: 1.0\n\n");
        for (String[] p : parts) {
            sb.append("--").append(boundary).append('\n')
                    .append("Content-Type: text/").append(p[0]).append("; charset=\"us-ascii\"\n")
                    .append("MIME-Version: 1.0\nContent-Transfer-Encoding: 7bit\n")
                    .append("Content-Disposition: attachment; filename=\"").append(Path.of(p[1]).getFileName()).append("\"\n\n")
                    .append(p[2]).append('\n');
        }
        return sb.append("--").append(boundary).append("--\n").toString();
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(data);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code HEAD} following redirects: the final URL is the source (§3.4). */
    private String resolveUrl(String url) throws CliException {
        try {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(10)).sslContext(cloud.tlsForDownloads(ctx)).build();
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 != 2) {
                throw new CliException("image " + url + " is not available: HTTP " + r.statusCode());
            }
            return r.uri().toString();
        } catch (IllegalArgumentException e) {
            throw new CliException("not a marketplace id, pdisk UUID or URL: " + url, 2);
        } catch (IOException e) {
            throw new CliException("image " + url + " is not available: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private static int positiveInt(String s, String option) throws CliException {
        int v = nonNegativeInt(s, option);
        if (v == 0) {
            throw new CliException(option + " must be positive: " + s, 2);
        }
        return v;
    }

    private static int nonNegativeInt(String s, String option) throws CliException {
        return eu.stratuslab.infra.config.WholeNumbers.atLeast(s == null ? null : s.strip(), 0)
                .orElseThrow(() -> new CliException(option + " needs a whole number: " + s, 2));
    }

    private static double parseDouble(String s, String option) throws CliException {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new CliException(option + " needs a number: " + s, 2);
        }
    }
}

package eu.stratuslab.hooks.context;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.stratuslab.infra.exec.CommandResult;
import eu.stratuslab.infra.exec.CommandRunner;
import eu.stratuslab.infra.exec.CommandTimeoutException;
import eu.stratuslab.infra.exec.Programs;
import eu.stratuslab.template.VectorAttribute;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the context image of a VM (hooks.md §3.7) without root privileges: an ISO 9660 CD-ROM
 * (genisoimage, else xorriso) or, for {@code CONTEXT_METHOD = "cloud-init"}, a small VFAT disk
 * (mtools). Every failure is an {@link IOException} whose message can be shown to the VM owner.
 */
public final class ContextImageBuilder {
    public static final String VOLUME_LABEL = "_STRATUSLAB";
    public static final String CLOUD_INIT = "cloud-init";
    public static final String DEFAULT_DRIVER = "raw";
    /** Sectors of the cloud-init floppy-format image: 1440 KiB, "about 1 MB". */
    static final int CLOUD_INIT_KIB = 1440;
    /** Decompressed user data larger than the image could never fit; refuse it before reading it all. */
    static final int MAX_USER_DATA_BYTES = CLOUD_INIT_KIB * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ContextImageBuilder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE_MODE = "rw-rw----";

    private final CommandRunner runner;
    private final Path guestScriptDir;
    private final Duration timeout;
    private final Function<String, Path> programs;

    /**
     * @param runner         runs genisoimage / xorriso / mtools
     * @param guestScriptDir directory holding init.sh, epilog.sh and prolog.sh ({@link GuestScripts#install})
     * @param timeout        limit for each external command
     */
    public ContextImageBuilder(CommandRunner runner, Path guestScriptDir, Duration timeout) {
        this(runner, guestScriptDir, timeout, Programs::find);
    }

    /** With a program lookup other than the PATH (tests hide installed tools with it). */
    ContextImageBuilder(CommandRunner runner, Path guestScriptDir, Duration timeout,
            Function<String, Path> programs) {
        this.runner = runner;
        this.guestScriptDir = guestScriptDir;
        this.timeout = timeout;
        this.programs = programs;
    }

    /**
     * Writes {@code <vmDir>/context.sh} and builds the context image as {@code imageFile} (mode
     * 0660), replacing what an earlier run left there.
     */
    public ContextDisk build(VectorAttribute context, Path vmDir, Path imageFile) throws IOException {
        Files.createDirectories(vmDir);
        Path script = vmDir.resolve(ContextScript.FILE_NAME);
        Files.writeString(script, ContextScript.render(context), StandardCharsets.UTF_8);
        Path imageDir = imageFile.toAbsolutePath().getParent();
        Files.createDirectories(imageDir);
        Path staging = Files.createTempDirectory(vmDir, "context-staging");
        Path partial = imageDir.resolve("." + imageFile.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            ContextDisk disk;
            if (isCloudInit(context)) {
                buildVfat(context, staging, partial);
                String driver = context.get("DRIVER");
                disk = new ContextDisk(imageFile, false, driver == null || driver.isBlank() ? DEFAULT_DRIVER : driver.strip());
            } else {
                buildIso(context, script, staging, partial);
                disk = new ContextDisk(imageFile, true, DEFAULT_DRIVER);
            }
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString(IMAGE_MODE));
            Files.move(partial, imageFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("context image {} built ({})", imageFile, disk.cdrom() ? "ISO" : "cloud-init VFAT");
            return disk;
        } finally {
            Files.deleteIfExists(partial);
            deleteTree(staging);
        }
    }

    static boolean isCloudInit(VectorAttribute context) {
        String method = context.get("CONTEXT_METHOD");
        return method != null && method.strip().equalsIgnoreCase(CLOUD_INIT);
    }

    // ---- ISO method ----------------------------------------------------------------------------

    private void buildIso(VectorAttribute context, Path script, Path staging, Path out) throws IOException {
        List<String> mkisofs = isoCommand();
        Set<String> names = new HashSet<>();
        stage(script, staging, ContextScript.FILE_NAME, names, "rw-r--r--");
        for (String name : GuestScripts.NAMES) {
            Path s = guestScriptDir.resolve(name);
            if (!Files.isRegularFile(s) || !Files.isReadable(s)) {
                throw new IOException("cannot build the context image: guest script " + s
                        + " is missing (the StratusLab installation is incomplete)");
            }
            stage(s, staging, name, names, "rwxr-xr-x");
        }
        for (Path f : files(context)) {
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new IOException("context file " + f + " (CONTEXT/FILES) does not exist or is not a readable file");
            }
            stage(f, staging, f.getFileName().toString(), names, "rw-r--r--");
        }
        List<String> argv = new ArrayList<>(mkisofs);
        // -r: Rock Ridge with files owned by root and readable in the guest; -J: Joliet names.
        argv.addAll(List.of("-quiet", "-o", out.toString(), "-V", VOLUME_LABEL, "-J", "-r", staging.toString()));
        run(argv, "cannot build the context image");
    }

    private List<String> isoCommand() throws IOException {
        Path genisoimage = programs.apply("genisoimage");
        if (genisoimage != null) {
            return List.of(genisoimage.toString());
        }
        Path xorriso = programs.apply("xorriso");
        if (xorriso != null) {
            return List.of(xorriso.toString(), "-as", "mkisofs");
        }
        throw new IOException("cannot build the context image: neither genisoimage nor xorriso is installed"
                + " on the front-end (install the Debian package genisoimage or xorriso)");
    }

    private static void stage(Path source, Path staging, String name, Set<String> names, String mode)
            throws IOException {
        if (!names.add(name)) {
            throw new IOException("context file " + source + " (CONTEXT/FILES) clashes with another file named "
                    + name + " on the context image");
        }
        Path target = staging.resolve(name);
        Files.copy(source, target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));
    }

    /** CONTEXT/FILES: space-separated front-end paths (restricted at allocate, template.md §5.2). */
    static List<Path> files(VectorAttribute context) {
        String files = context.get("FILES");
        if (files == null || files.isBlank()) {
            return List.of();
        }
        return Stream.of(files.strip().split("\\s+")).map(Path::of).toList();
    }

    // ---- cloud-init method -----------------------------------------------------------------------

    private void buildVfat(VectorAttribute context, Path staging, Path out) throws IOException {
        Path mformat = programs.apply("mformat");
        Path mmd = programs.apply("mmd");
        Path mcopy = programs.apply("mcopy");
        if (mformat == null || mmd == null || mcopy == null) {
            throw new IOException("cannot build the cloud-init context image: mtools is not installed"
                    + " on the front-end (install the Debian package mtools)");
        }
        Path metaJs = staging.resolve("meta.js");
        Files.write(metaJs, metaJs(userData(context.get("CLOUD_INIT_USER_DATA"))));
        String keys = context.get("CLOUD_INIT_AUTHORIZED_KEYS");
        String image = out.toString();
        String what = "cannot build the cloud-init context image";
        run(List.of(mformat.toString(), "-C", "-f", Integer.toString(CLOUD_INIT_KIB), "-i", image, "::"), what);
        run(List.of(mcopy.toString(), "-i", image, metaJs.toString(), "::meta.js"), what);
        if (keys != null && !keys.isBlank()) {
            Path authorizedKeys = staging.resolve("authorized_keys");
            Files.write(authorizedKeys, base64("CLOUD_INIT_AUTHORIZED_KEYS", keys));
            run(List.of(mmd.toString(), "-i", image, "::root", "::root/.ssh"), what);
            run(List.of(mcopy.toString(), "-i", image, authorizedKeys.toString(), "::root/.ssh/authorized_keys"), what);
        }
    }

    /** {@code {"user-data": "<user data>", "dsmode": "local"}} as UTF-8 JSON. */
    static byte[] metaJs(String userData) throws IOException {
        ObjectNode meta = JSON.createObjectNode();
        meta.put("user-data", userData);
        meta.put("dsmode", "local");
        return JSON.writeValueAsBytes(meta);
    }

    /** CLOUD_INIT_USER_DATA base64-decoded and, when gzip-compressed, decompressed; "" when absent. */
    static String userData(String encoded) throws IOException {
        if (encoded == null || encoded.isBlank()) {
            return "";
        }
        byte[] bytes = base64("CLOUD_INIT_USER_DATA", encoded);
        if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            bytes = gunzip(bytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("CLOUD_INIT_USER_DATA does not decode to UTF-8 text", e);
        }
    }

    private static byte[] base64(String key, String value) throws IOException {
        try {
            return Base64.getDecoder().decode(value.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new IOException(key + " is not valid base64: " + e.getMessage(), e);
        }
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                if (out.size() > MAX_USER_DATA_BYTES) {
                    throw new IOException("CLOUD_INIT_USER_DATA is larger than the cloud-init context image ("
                            + MAX_USER_DATA_BYTES + " bytes) once decompressed");
                }
            }
            return out.toByteArray();
        } catch (ZipException | java.io.EOFException e) {
            throw new IOException("CLOUD_INIT_USER_DATA is not valid gzip data: " + e.getMessage(), e);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void run(List<String> argv, String what) throws IOException {
        CommandResult r;
        try {
            r = runner.run(argv, timeout);
        } catch (CommandTimeoutException e) {
            throw new IOException(what + ": " + e.getMessage(), e);
        }
        if (!r.succeeded()) {
            String output = r.output().strip();
            throw new IOException(what + ": " + Path.of(argv.get(0)).getFileName() + " failed (exit " + r.exitCode()
                    + (output.isEmpty() ? ")" : "): " + output));
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

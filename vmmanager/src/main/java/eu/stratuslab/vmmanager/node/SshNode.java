package eu.stratuslab.vmmanager.node;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hypervisor node the front-end reaches over ssh, read from the host's libvirt URI so that the
 * files go where libvirt goes: {@code qemu+ssh://[user@]host[:port]/system?keyfile=…&no_verify=1}
 * (libvirt's own parameters of the ssh transport, docs/remote-nodes.md). The same user, port, key
 * and host-key policy serve {@code ssh} and {@code scp}.
 *
 * @param user     login on the node, null for the front-end user's own name
 * @param host     node address
 * @param port     ssh port, -1 for the default
 * @param keyFile  private key (libvirt's {@code keyfile}), null for ssh's defaults
 * @param noVerify libvirt's {@code no_verify=1}: the node's host key is not checked
 */
public record SshNode(String user, String host, int port, String keyFile, boolean noVerify) {

    /**
     * The node of a libvirt URI whose transport is ssh; null when libvirt runs on the front-end
     * (no host, {@code localhost}, or a local transport such as {@code qemu:///system} or {@code test:///…}).
     *
     * @throws IllegalArgumentException for a remote URI over another transport (tcp, tls, libssh2):
     *                                  the front-end has no way to put the VM's files there
     */
    public static SshNode of(String libvirtUri) {
        URI uri;
        try {
            uri = URI.create(libvirtUri.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a libvirt URI: " + libvirtUri, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        int plus = scheme.indexOf('+');
        String transport = plus < 0 ? "" : scheme.substring(plus + 1);
        if (host == null || host.isBlank() || transport.equals("unix")) {
            return null;
        }
        if (!transport.equals("ssh")) {
            throw new IllegalArgumentException("libvirt URI " + libvirtUri + " names a remote node without the ssh "
                    + "transport: the front-end copies a VM's files to its node over ssh (use qemu+ssh://)");
        }
        String keyFile = null;
        boolean noVerify = false;
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (name.equals("keyfile") && !value.isBlank()) {
                    keyFile = value;
                } else if (name.equals("no_verify")) {
                    noVerify = value.equals("1");
                }
            }
        }
        return new SshNode(uri.getUserInfo(), host, uri.getPort(), keyFile, noVerify);
    }

    /** {@code [user@]host}, the login both ssh and scp take. */
    public String login() {
        return user == null || user.isBlank() ? host : user + "@" + host;
    }

    /** {@code ssh … <login> <command>}: the command runs in the node user's shell. */
    public List<String> ssh(String command) {
        List<String> argv = new ArrayList<>(List.of("ssh"));
        if (port > 0) {
            argv.addAll(List.of("-p", Integer.toString(port)));
        }
        argv.addAll(options());
        argv.add(login());
        argv.add(command);
        return argv;
    }

    /** {@code scp -r -p -q …} with this node's options; the caller adds source and destination. */
    public List<String> scp() {
        List<String> argv = new ArrayList<>(List.of("scp", "-r", "-p", "-q"));
        if (port > 0) {
            argv.addAll(List.of("-P", Integer.toString(port)));
        }
        argv.addAll(options());
        return argv;
    }

    /** {@code <login>:<path>}, an scp operand on the node. */
    public String remote(String path) {
        return login() + ":" + path;
    }

    private List<String> options() {
        // BatchMode: never a password prompt on the service's behalf; a missing key fails at once
        List<String> o = new ArrayList<>(List.of("-o", "BatchMode=yes", "-o", "ConnectTimeout=20"));
        if (keyFile != null) {
            o.addAll(List.of("-i", keyFile));
        }
        if (noVerify) {
            o.addAll(List.of("-o", "StrictHostKeyChecking=no"));
        }
        return o;
    }

    @Override
    public String toString() {
        return login() + (port > 0 ? ":" + port : "");
    }
}

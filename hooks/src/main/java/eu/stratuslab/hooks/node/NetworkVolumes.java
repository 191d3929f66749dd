package eu.stratuslab.hooks.node;

import eu.stratuslab.core.transfer.PreparedDisk;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * Volumes the hypervisor can open itself, without a device on the node: an iSCSI LUN exported by
 * pdisk (LVM or file + tgt) becomes a libvirt network disk, qemu's own initiator logging in
 * ({@code <source protocol='iscsi' name='<iqn>/<lun>'><host name=… port=…/></source>}). This is how a
 * front-end node without a kernel initiator, or any node, runs VMs on iSCSI-backed pdisk volumes.
 */
public final class NetworkVolumes {
    private NetworkVolumes() {
    }

    /**
     * @param turl pdisk's TURL (pdisk-api.md §9), e.g. {@code iscsi://host:3260/iqn.2011-01.eu.stratuslab:<uuid>:1}
     * @return the network source, or null when the TURL is not one the hypervisor opens itself
     */
    public static PreparedDisk.NetworkSource of(String turl) {
        Matcher m = VolumeTransport.TURL.matcher(turl == null ? "" : turl.strip());
        if (!m.matches() || !"iscsi".equals(m.group("scheme").toLowerCase(Locale.ROOT))) {
            return null;
        }
        String server = m.group("server");
        String image = m.group("image");
        int lunCut = image.lastIndexOf(':');
        int portCut = server.lastIndexOf(':');
        String host = portCut < 0 ? server : server.substring(0, portCut);
        if (lunCut <= 0 || host.isEmpty() || !image.substring(lunCut + 1).matches("\\d+")) {
            throw new IllegalArgumentException("TURL " + turl + " does not name an iSCSI target and LUN (<iqn>:<lun>)");
        }
        int port = portCut < 0 ? 3260 : Integer.parseInt(server.substring(portCut + 1));
        return new PreparedDisk.NetworkSource("iscsi", image.substring(0, lunCut) + "/" + image.substring(lunCut + 1),
                host, port);
    }
}

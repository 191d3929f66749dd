package eu.stratuslab.pdisk.http;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.stratuslab.pdisk.model.Disk;
import eu.stratuslab.pdisk.model.Mount;
import eu.stratuslab.pdisk.model.VmInstance;

/** JSON bodies with the key orders of pdisk-api.md §5; every number is a string except error codes. */
public final class JsonViews {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonViews() {
    }

    static ObjectNode listItem(Disk d) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("uuid", d.uuid());
        n.put("tag", d.tag());
        if (!d.quarantine().isEmpty()) {
            n.put("quarantine", d.quarantine());
        }
        n.put("count", Integer.toString(d.count()));
        n.put("owner", d.owner());
        n.put("identifier", d.identifier());
        n.put("size", Long.toString(d.size()));
        n.put("type", d.type().name());
        n.put("visibility", d.visibility().name());
        return n;
    }

    static ObjectNode disk(Disk d) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("uuid", d.uuid());
        n.put("tag", d.tag());
        n.put("count", Integer.toString(d.count()));
        n.put("owner", d.owner());
        n.put("identifier", d.identifier());
        if (!d.quarantine().isEmpty()) {
            n.put("quarantine", d.quarantine());
        }
        n.put("size", Long.toString(d.size()));
        n.put("type", d.type().name());
        n.put("visibility", d.visibility().name());
        return n;
    }

    static ArrayNode list(List<Disk> disks) {
        ArrayNode a = MAPPER.createArrayNode();
        disks.forEach(d -> a.add(listItem(d)));
        return a;
    }

    static ObjectNode uuid(String uuid) {
        return MAPPER.createObjectNode().put("uuid", uuid);
    }

    static ArrayNode mounts(List<Mount> mounts) {
        ArrayNode a = MAPPER.createArrayNode();
        mounts.forEach(m -> a.add(MAPPER.createObjectNode().put("vmId", m.vmId()).put("device", m.device())));
        return a;
    }

    static ObjectNode attached(String node, Mount m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("node", node);
        n.put("vm_id", m.vmId());
        n.put("target", m.device());
        n.putArray("uuid").add(m.diskUuid());
        return n;
    }

    static ObjectNode mount(Mount m) {
        return MAPPER.createObjectNode().put("diskId", m.diskUuid()).put("mountId", m.id()).put("vmId", m.vmId())
                .put("target", m.device());
    }

    static ObjectNode turl(String uuid, String turl) {
        return MAPPER.createObjectNode().put("uuid", uuid).put("turl", turl);
    }

    static ArrayNode instances(List<VmInstance> instances) {
        ArrayNode a = MAPPER.createArrayNode();
        instances.forEach(i -> a.add(MAPPER.createObjectNode().put("vmId", i.vmId()).put("node", i.node())
                .put("owner", i.owner())));
        return a;
    }

    static ObjectNode error(int status, String message) {
        return MAPPER.createObjectNode().put("message", message).put("code", status);
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

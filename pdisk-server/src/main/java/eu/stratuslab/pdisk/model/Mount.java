package eu.stratuslab.pdisk.model;

import java.time.Instant;

/** A disk attached to (or registered for) a VM; id is {@code <disk uuid>_<vmId>}. */
public record Mount(String id, String diskUuid, String vmId, String device, Instant timestamp) {

    public static final String STATIC_DEVICE = "static";

    public static String idFor(String diskUuid, String vmId) {
        return diskUuid + "_" + vmId;
    }

    public boolean isStatic() {
        return STATIC_DEVICE.equals(device);
    }
}

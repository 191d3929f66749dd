package eu.stratuslab.pdisk.model;

import java.time.Instant;

/** A VM pdisk knows of (created at first attach, never deleted). */
public record VmInstance(String vmId, String node, String owner, Instant timestamp) {
}

package eu.stratuslab.quarantine;

import java.time.Instant;

/**
 * A volume in quarantine as an administrator sees it.
 *
 * @param uuid          the volume
 * @param tag           its pdisk tag
 * @param identifier    {@code snapshot:<origin>} for a VM's snapshot
 * @param quarantine    pdisk's quarantine stamp ({@code YYYY-MM-DD HH:MM:SS.ffffff}, local time)
 * @param expires       when the cleanup may delete it, null when the stamp cannot be read (never deleted)
 * @param previousOwner the owner a restore gives it back to, empty when no record exists
 * @param vmId          the VM it came from, -1 when unknown
 */
public record QuarantinedVolume(String uuid, String tag, String identifier, String quarantine, Instant expires,
                                String previousOwner, int vmId) {
}

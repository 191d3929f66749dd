package eu.stratuslab.probes;

import java.util.EnumSet;
import java.util.Set;

/**
 * Holes of issue 13 (items 1–7) that today's main still has and that another branch fixes. A probe
 * check tied to one of them reports its failure but does not fail the build while the item is
 * listed here; once the item is fixed the check passes and {@link ProbeReport} fails the build
 * with "remove it from KnownHoles" — so the list cannot silently outlive the fix (except for an
 * intermittent hole, whose passing run proves nothing).
 *
 * <p>Items 1–7 are fixed on main (docs/security.md): the list is empty, every check is enforced.
 */
enum KnownHoles {
    /** Issue 13 item 1: one.vm.allocate / one.template.instantiate accept another user's private image. */
    ITEM_1_IMAGE_REFERENCES(false),
    /** Issue 13 item 2: pdisk's URL import fetches internal (loopback) URLs for an ordinary user (main refuses it already). */
    ITEM_2_SSRF(false),
    /** Issue 13 item 3: CPU/VCPU/MEMORY nonsense (NaN, negative, Infinity) passes allocate. */
    ITEM_3_TEMPLATE_VALUES(false),
    /**
     * Issue 13 item 4: leases of VMs that vanished or are DONE after kill -9 stay USED. Only a kill
     * that lands between the lease and the VM write shows it, so a run may not hit it.
     */
    ITEM_4_LEASES_AFTER_KILL(true),
    /** Issue 13 item 5: an oversize chunked body is read far beyond the limit before the 413. */
    ITEM_5_OVERSIZE(false),
    /** Issue 13 item 6: parsers write to stderr; unauthenticated garbage grows the log without bound. */
    ITEM_6_LOG_HYGIENE(false),
    /** Issue 13 item 7: failed logins are not throttled. */
    ITEM_7_BRUTE_FORCE(false);

    /** A hole a run may miss by chance: its check passing does not mean it is fixed. */
    final boolean intermittent;

    KnownHoles(boolean intermittent) {
        this.intermittent = intermittent;
    }

    /** The items still open on this branch. */
    static final Set<KnownHoles> OPEN = EnumSet.noneOf(KnownHoles.class);
}

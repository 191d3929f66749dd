package eu.stratuslab.core.vm;

import eu.stratuslab.core.xml.XmlDoc;
import java.util.Objects;

/**
 * One placement of a VM on a host (oned's History): which host, with which drivers, and when the
 * prolog, running and epilog phases started and ended (epoch seconds, 0 = not reached). Stored as
 * its own {@code vm_history} row keyed by (vid, seq). Mutable only while it belongs to a VM draft
 * inside {@link VmPool#update}; published records are never changed.
 */
public final class HistoryRecord {
    /** Why the record was closed (the REASON element). */
    public static final int REASON_NONE = 0;
    public static final int REASON_ERROR = 1;
    public static final int REASON_STOP_RESUME = 2;
    public static final int REASON_USER = 3;
    public static final int REASON_CANCEL = 4;

    /** oned's VM_DIR; StratusLab installs under /var/lib/one. */
    public static final String DEFAULT_VM_DIR = "/var/lib/one/";

    private int seq;
    private String hostname;
    private String vmDir;
    private int hid;
    private long stime;
    private long etime;
    private String vmmMad;
    private String vnmMad;
    private String tmMad;
    private long pstime;
    private long petime;
    private long rstime;
    private long retime;
    private long estime;
    private long eetime;
    private int reason;
    /**
     * The VM reached RUNNING on this placement (not rendered: oned sets RSTIME when the prolog
     * ends, so RSTIME alone cannot tell whether the guest ever ran here).
     */
    private boolean booted;

    HistoryRecord() { // for Jackson
    }

    public HistoryRecord(int seq, int hid, String hostname, String vmmMad, String vnmMad, String tmMad, long stime) {
        this.seq = seq;
        this.hid = hid;
        this.hostname = hostname;
        this.vmDir = DEFAULT_VM_DIR;
        this.vmmMad = vmmMad;
        this.vnmMad = vnmMad;
        this.tmMad = tmMad;
        this.stime = stime;
    }

    HistoryRecord copy() {
        HistoryRecord h = new HistoryRecord();
        h.seq = seq;
        h.hostname = hostname;
        h.vmDir = vmDir;
        h.hid = hid;
        h.stime = stime;
        h.etime = etime;
        h.vmmMad = vmmMad;
        h.vnmMad = vnmMad;
        h.tmMad = tmMad;
        h.pstime = pstime;
        h.petime = petime;
        h.rstime = rstime;
        h.retime = retime;
        h.estime = estime;
        h.eetime = eetime;
        h.reason = reason;
        h.booted = booted;
        return h;
    }

    public int seq() { return seq; }
    public String hostname() { return hostname; }
    public String vmDir() { return vmDir; }
    public int hid() { return hid; }
    public long stime() { return stime; }
    public long etime() { return etime; }
    public String vmmMad() { return vmmMad; }
    public String vnmMad() { return vnmMad; }
    public String tmMad() { return tmMad; }
    public long prologStart() { return pstime; }
    public long prologEnd() { return petime; }
    public long runningStart() { return rstime; }
    public long runningEnd() { return retime; }
    public long epilogStart() { return estime; }
    public long epilogEnd() { return eetime; }
    public int reason() { return reason; }
    public boolean booted() { return booted; }

    public void setEtime(long t) { etime = t; }
    public void setPrologStart(long t) { pstime = t; }
    public void setPrologEnd(long t) { petime = t; }
    public void setRunningStart(long t) { rstime = t; }
    public void setRunningEnd(long t) { retime = t; }
    public void setEpilogStart(long t) { estime = t; }
    public void setEpilogEnd(long t) { eetime = t; }
    public void setReason(int r) { reason = r; }
    public void setBooted() { booted = true; }

    /** The {@code <HISTORY>} element, children in oned's order (xmlrpc-api.md §7.1). */
    public void write(XmlDoc doc) {
        doc.open("HISTORY")
                .element("SEQ", seq).element("HOSTNAME", hostname).element("VM_DIR", vmDir).element("HID", hid)
                .element("STIME", stime).element("ETIME", etime)
                .element("VMMMAD", vmmMad).element("VNMMAD", vnmMad).element("TMMAD", tmMad)
                .element("PSTIME", pstime).element("PETIME", petime)
                .element("RSTIME", rstime).element("RETIME", retime)
                .element("ESTIME", estime).element("EETIME", eetime)
                .element("REASON", reason)
                .close("HISTORY");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistoryRecord h && seq == h.seq && hid == h.hid && stime == h.stime && etime == h.etime
                && pstime == h.pstime && petime == h.petime && rstime == h.rstime && retime == h.retime
                && estime == h.estime && eetime == h.eetime && reason == h.reason && booted == h.booted
                && Objects.equals(hostname, h.hostname) && Objects.equals(vmDir, h.vmDir)
                && Objects.equals(vmmMad, h.vmmMad) && Objects.equals(vnmMad, h.vnmMad)
                && Objects.equals(tmMad, h.tmMad);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, hid, stime, etime, reason);
    }
}

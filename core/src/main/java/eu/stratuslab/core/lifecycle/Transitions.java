package eu.stratuslab.core.lifecycle;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.host.HostPool;
import eu.stratuslab.core.network.NetworkPool;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmLog;
import eu.stratuslab.core.vm.VmMutation;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.template.VectorAttribute;
import eu.stratuslab.infra.db.Database;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How one lifecycle step is carried out: a single {@link VmPool#update}, then what follows from the
 * change of state. The hosts' allocation counters are written in the same transaction as the VM (a
 * VM is charged to the host of its last history record exactly while it is ACTIVE or SUSPENDED);
 * leases are given back before a DONE VM is published; log lines and hooks follow after
 * publication, outside any lock.
 */
final class Transitions {
    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);

    private final VmPool vms;
    private final HostPool hosts;
    private final NetworkPool networks;
    private final VmLog log;
    private final Clock clock;
    final List<VmHookListener> listeners = new CopyOnWriteArrayList<>();

    Transitions(VmPool vms, HostPool hosts, NetworkPool networks, VmLog log, Clock clock) {
        this.vms = vms;
        this.hosts = hosts;
        this.networks = networks;
        this.log = log;
        this.clock = clock;
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    /**
     * Sets FAILED with TEMPLATE/ERROR (MESSAGE, TIMESTAMP). As oned 3.2.1 (LifeCycleManager
     * failure_action, DispatchManager failed_action): the phase that was running ends now (PETIME,
     * RETIME or EETIME), the host record is closed (ETIME, REASON ERROR) and the VM's ETIME is set.
     */
    void fail(VirtualMachine d, String message, long t) {
        String text = message == null || message.isBlank() ? "Error" : message;
        HistoryRecord h = d.lastHistory();
        if (h != null) {
            endPhase(d, t);
            h.setEtime(t);
            h.setReason(HistoryRecord.REASON_ERROR);
        }
        d.template().remove("ERROR");
        VectorAttribute error = new VectorAttribute("ERROR");
        error.put("MESSAGE", text);
        error.put("TIMESTAMP", log.now());
        d.template().add(error);
        d.setEtime(t);
        d.setState(VmState.FAILED);
    }

    /**
     * Ends the phase of the last history record that the VM's LCM state is in (call before the state
     * changes): PETIME for the prologs, RETIME from BOOT to the saves, EETIME for the epilogs; a
     * SUSPENDED VM's running phase ends too. oned's clean_up_vm and failure callers do the same.
     */
    static void endPhase(VirtualMachine d, long t) {
        HistoryRecord h = d.lastHistory();
        if (h == null) {
            return;
        }
        if (d.state() == VmState.SUSPENDED) {
            if (h.runningEnd() == 0) {
                h.setRunningEnd(t);
            }
            return;
        }
        if (d.state() != VmState.ACTIVE) {
            return;
        }
        switch (d.lcmState()) {
            case PROLOG, PROLOG_RESUME, PROLOG_MIGRATE -> h.setPrologEnd(t);
            case BOOT, RUNNING, UNKNOWN, SHUTDOWN, CANCEL, SAVE_STOP, SAVE_SUSPEND, SAVE_MIGRATE, MIGRATE ->
                    h.setRunningEnd(t);
            case EPILOG, EPILOG_STOP -> h.setEpilogEnd(t);
            default -> { }
        }
    }

    /**
     * Entering CLEANUP (finalize or resubmit of an ACTIVE or SUSPENDED VM), as oned's clean_up_vm:
     * the current phase ends, the record is closed now with REASON USER; during a migration the
     * record of the host being left is closed too.
     */
    static void toCleanup(VirtualMachine d, long t) {
        HistoryRecord h = d.lastHistory();
        if (h != null) {
            endPhase(d, t);
            h.setEtime(t);
            h.setReason(HistoryRecord.REASON_USER);
            if (d.is(LcmState.MIGRATE) || d.is(LcmState.SAVE_MIGRATE)) {
                HistoryRecord prev = d.previousHistory();
                if (prev != null && prev.etime() == 0) {
                    prev.setRunningEnd(t);
                    prev.setEtime(t);
                    prev.setReason(HistoryRecord.REASON_USER);
                }
            }
        }
        d.setActive(LcmState.CLEANUP);
    }

    static void toDone(VirtualMachine d, long t) {
        HistoryRecord h = d.lastHistory();
        if (h != null && h.etime() == 0) {
            h.setEtime(t);
        }
        d.setEtime(t);
        d.setState(VmState.DONE);
    }

    static void require(VirtualMachine d, LcmState... expected) {
        if (d.state() == VmState.ACTIVE) {
            for (LcmState s : expected) {
                if (d.lcmState() == s) {
                    return;
                }
            }
        }
        throw NoChange.INSTANCE;
    }

    /** Aborts a mutation without error: the VM is already where the request would take it. */
    static final class NoChange extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final NoChange INSTANCE = new NoChange();

        private NoChange() {
            super("no change", null, false, false);
        }
    }

    /** The outcome of one stored transition: where the VM came from and the VM now published. */
    record Transition(VmState fromState, LcmState fromLcm, HistoryRecord lastBefore, VirtualMachine vm) {
    }

    /**
     * Applies {@code m} as one stored transition and then the side effects implied by the change
     * of state. Returns null when the mutation decided that nothing had to change.
     */
    Transition change(int vmId, VmMutation m) throws OneException {
        VmState[] fromState = new VmState[1];
        LcmState[] fromLcm = new LcmState[1];
        HistoryRecord[] lastBefore = new HistoryRecord[1];
        VirtualMachine after;
        try {
            after = vms.update(vmId, d -> {
                fromState[0] = d.state();
                fromLcm[0] = d.lcmState();
                HistoryRecord last = d.lastHistory();
                lastBefore[0] = last == null ? null : snapshot(d, last);
                m.apply(d);
            }, this::storeWithHostCounters, stored -> releaseLeases(fromState[0], stored));
        } catch (NoChange e) {
            return null;
        }
        Transition tr = new Transition(fromState[0], fromLcm[0], lastBefore[0], after);
        afterTransition(tr);
        return tr;
    }

    /**
     * Stores a VM change and the host charges it implies in one transaction (a VM is charged to a
     * host exactly while it holds it: see {@link #heldHosts}).
     */
    private void storeWithHostCounters(VirtualMachine before, VirtualMachine draft, Database.TxWork<Void> vmWrite)
            throws java.sql.SQLException {
        Map<Integer, Integer> was = heldHosts(before);
        Map<Integer, Integer> is = heldHosts(draft);
        Map<Integer, long[]> deltas = new HashMap<>();
        was.forEach((seq, hid) -> {
            if (!hid.equals(is.get(seq))) {
                add(deltas, hid, before, -1);
            }
        });
        is.forEach((seq, hid) -> {
            if (!hid.equals(was.get(seq))) {
                add(deltas, hid, draft, 1);
            }
        });
        hosts.changeAllocations(deltas, vmWrite);
    }

    private static void add(Map<Integer, long[]> deltas, int hid, VirtualMachine vm, int sign) {
        long[] d = deltas.computeIfAbsent(hid, k -> new long[3]);
        d[0] += sign * vm.cpuDemand();
        d[1] += sign * vm.memoryDemandKb();
        d[2] += sign;
    }

    /**
     * The history records (seq → host id) whose host a VM version holds capacity on: the last one
     * while ACTIVE or SUSPENDED, and during a migration also the one of the host being left, until
     * the VM has left it (MIGRATE, SAVE_MIGRATE).
     */
    static Map<Integer, Integer> heldHosts(VirtualMachine vm) {
        Map<Integer, Integer> held = new HashMap<>();
        HistoryRecord last = vm.lastHistory();
        if (!charged(vm.state()) || last == null) {
            return held;
        }
        held.put(last.seq(), last.hid());
        if (vm.is(LcmState.MIGRATE) || vm.is(LcmState.SAVE_MIGRATE)) {
            HistoryRecord prev = vm.previousHistory();
            if (prev != null) {
                held.put(prev.seq(), prev.hid());
            }
        }
        return held;
    }

    /** The history record as it was before the mutation (the draft's record gets changed in place). */
    private static HistoryRecord snapshot(VirtualMachine d, HistoryRecord last) {
        return new HistoryRecord(last.seq(), last.hid(), last.hostname(), last.vmmMad(), last.vnmMad(), last.tmMad(), last.stime());
    }

    /** A completion report: like {@link #change} but errors are logged, never thrown. */
    Transition report(int vmId, VmMutation m) {
        try {
            return change(vmId, m);
        } catch (OneException e) {
            if (e.code() == ErrorCode.NO_EXISTS) {
                LOG.debug("report for unknown VM {} ignored", vmId);
            } else {
                LOG.error("VM {}: cannot store the reported transition: {}", vmId, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("VM {}: transition failed", vmId, e);
        }
        return null;
    }

    private static boolean charged(VmState s) {
        return s == VmState.ACTIVE || s == VmState.SUSPENDED;
    }

    private void afterTransition(Transition tr) {
        VirtualMachine vm = tr.vm;
        int id = vm.id();
        boolean stateChanged = tr.fromState != vm.state();
        if (stateChanged) {
            if (vm.state() == VmState.FAILED) {
                VectorAttribute error = vm.template().firstVector("ERROR");
                log.error(id, "LCM", error == null ? "Error" : error.get("MESSAGE"));
            }
            if (vm.state() == VmState.ACTIVE) {
                log.info(id, "DiM", "New VM state is ACTIVE (" + id + ", " + vm.uid() + ", " + vm.uname() + ")");
            } else {
                log.info(id, "DiM", "New VM state is " + vm.state());
            }
        }
        if (vm.state() == VmState.ACTIVE && (stateChanged || tr.fromLcm != vm.lcmState())) {
            log.info(id, "LCM", "New VM state is " + vm.lcmState());
        }
        if (vm.is(LcmState.RUNNING) && tr.fromLcm == LcmState.BOOT) {
            fire(vm, VmHookListener::onRunning);
        } else if (vm.is(LcmState.EPILOG) && (tr.fromLcm == LcmState.SHUTDOWN || tr.fromLcm == LcmState.CANCEL)) {
            fire(vm, VmHookListener::onShutdown);
        }
        if (stateChanged) {
            switch (vm.state()) {
                case PENDING -> fire(vm, VmHookListener::onPending);
                case STOPPED -> fire(vm, VmHookListener::onStop);
                case DONE -> fire(vm, VmHookListener::onDone);
                case FAILED -> fire(vm, VmHookListener::onFailed);
                default -> { }
            }
        }
    }

    /** Gives back the leases of a VM that became DONE (run before the new state is published). */
    private void releaseLeases(VmState fromState, VirtualMachine vm) {
        if (vm.state() == VmState.DONE && fromState != VmState.DONE) {
            releaseLeases(vm);
        }
    }

    private void releaseLeases(VirtualMachine vm) {
        for (VectorAttribute nic : vm.template().vectors("NIC")) {
            try {
                networks.release(nic, vm.id());
                if (nic.get("IP") != null) {
                    log.info(vm.id(), "DiM", "released lease (IP=" + nic.get("IP") + ", MAC=" + nic.get("MAC") + ")");
                }
            } catch (RuntimeException e) {
                LOG.warn("VM {}: cannot release lease {}: {}", vm.id(), nic.get("IP"), e.toString());
            }
        }
    }

    interface Hook {
        void call(VmHookListener l, VirtualMachine vm);
    }

    void fire(VirtualMachine vm, Hook hook) {
        for (VmHookListener l : listeners) {
            try {
                hook.call(l, vm);
            } catch (RuntimeException e) {
                LOG.warn("VM hook listener {} failed for VM {}", l.getClass().getName(), vm.id(), e);
            }
        }
    }
}

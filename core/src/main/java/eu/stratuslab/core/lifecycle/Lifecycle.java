package eu.stratuslab.core.lifecycle;

import eu.stratuslab.core.ErrorCode;
import eu.stratuslab.core.OneException;
import eu.stratuslab.core.host.Host;
import eu.stratuslab.core.host.HostPool;
import eu.stratuslab.core.network.NetworkPool;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmLog;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.template.VectorAttribute;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VM state machine (xmlrpc-api.md §8): deploy, the actions of {@code one.vm.action}, migration,
 * and (through {@link LifecycleEvents}) the completion reports of the hypervisor side.
 *
 * <p>Every transition is one {@link VmPool#update}: the state is checked under the VM's lock and
 * the new state is stored before anyone can see it ({@link Transitions}). The legality table is
 * {@link VmAction}; the reports are handled by its base {@link CompletionReports}; the work on the hosts is
 * ordered from the {@link VmOperations} registered for the host's VMM driver.
 */
public final class Lifecycle extends CompletionReports {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    static final String ACTION_NOT_DEFINED = "Internal error. Action result not defined";

    private final VmPool vms;
    private final HostPool hosts;

    public Lifecycle(VmPool vms, HostPool hosts, NetworkPool networks, VmLog log, Clock clock) {
        super(new Transitions(vms, hosts, networks, log, clock), new VmOperationsRegistry(), log);
        this.vms = vms;
        this.hosts = hosts;
    }

    /** Where VMM drivers plug in their {@link VmOperations}. */
    public VmOperationsRegistry operations() {
        return operations;
    }

    public void addHookListener(VmHookListener listener) {
        tx.listeners.add(listener);
    }

    public void removeHookListener(VmHookListener listener) {
        tx.listeners.remove(listener);
    }

    public VmLog log() {
        return log;
    }

    // =====================================================================================
    // Allocate, deploy, migrate, actions
    // =====================================================================================

    /** Called by the allocator once a new VM is stored: log and CREATE hook. */
    public void created(VirtualMachine vm) {
        log.info(vm.id(), "DiM", "New VM state is PENDING");
        tx.fire(vm, VmHookListener::onCreate);
    }

    /**
     * Deploys a PENDING VM on a host (one.vm.deploy, the scheduler): adds a history record, charges
     * the host and enters ACTIVE/PROLOG (PROLOG_RESUME after a stop) in one stored change, then
     * starts the prolog. ACTION when not PENDING; NO_EXISTS for an unknown VM or host.
     */
    public void deploy(int vmId, int hostId) throws OneException {
        vms.get(vmId);
        Host host = hosts.get(hostId);
        long t = tx.now();
        // the host is charged in the same transaction (Transitions)
        Transitions.Transition tr = tx.change(vmId, d -> {
            if (d.state() != VmState.PENDING) {
                throw OneException.wrongState();
            }
            HistoryRecord last = d.lastHistory();
            boolean resume = last != null && last.reason() == HistoryRecord.REASON_STOP_RESUME;
            HistoryRecord h = d.addHistory(hostId, host.name(), host.vmMad(), host.vnMad(), host.tmMad(), t);
            h.setPrologStart(t);
            d.setActive(resume ? LcmState.PROLOG_RESUME : LcmState.PROLOG);
        });
        for (VectorAttribute nic : tr.vm().template().vectors("NIC")) {
            log.info(vmId, "DiM", "acquired lease (IP=" + nic.get("IP") + ", MAC=" + nic.get("MAC") + ")");
        }
        operations.forVm(tr.vm()).prolog(tr.vm(), this);
    }

    /**
     * Migrates a RUNNING VM to another host (one.vm.migrate). Live: MIGRATE → RUNNING; cold:
     * SAVE_MIGRATE → PROLOG_MIGRATE → BOOT → RUNNING. The new host is charged at once, the old one
     * released when the VM has left it; the previous history record gets REASON USER.
     */
    public void migrate(int vmId, int hostId, boolean live) throws OneException {
        vms.get(vmId);
        Host host = hosts.get(hostId);
        long t = tx.now();
        String[] sourceMad = new String[1];
        // the new host is charged in the same transaction (Transitions)
        Transitions.Transition tr = tx.change(vmId, d -> {
            HistoryRecord prev = d.lastHistory();
            if (!d.is(LcmState.RUNNING) || prev == null) {
                throw OneException.wrongState();
            }
            sourceMad[0] = prev.vmmMad();
            prev.setReason(HistoryRecord.REASON_USER);
            d.addHistory(hostId, host.name(), host.vmMad(), host.vnMad(), host.tmMad(), t);
            d.setActive(live ? LcmState.MIGRATE : LcmState.SAVE_MIGRATE);
        });
        VmOperations source = operations.forDriver(sourceMad[0]);
        if (live) {
            source.migrate(tr.vm(), this);
        } else {
            source.save(tr.vm(), this);
        }
    }

    /**
     * {@code one.vm.action}: the legality table is {@link VmAction}. Unknown action: INTERNAL
     * {@code Internal error. Action result not defined}; illegal in the current state: ACTION.
     */
    public void action(String name, int vmId) throws OneException {
        VmAction action = VmAction.parse(name);
        vms.get(vmId);
        if (action == null) {
            throw new OneException(ErrorCode.INTERNAL, ACTION_NOT_DEFINED);
        }
        switch (action) {
            case SHUTDOWN -> enterFromRunning(action, vmId, LcmState.SHUTDOWN);
            case CANCEL -> enterFromRunning(action, vmId, LcmState.CANCEL);
            case STOP -> enterFromRunning(action, vmId, LcmState.SAVE_STOP);
            case SUSPEND -> enterFromRunning(action, vmId, LcmState.SAVE_SUSPEND);
            case REBOOT -> reboot(vmId);
            case RESUME -> resume(vmId);
            case HOLD -> tx.change(vmId, d -> {
                check(action, d);
                d.setState(VmState.HOLD);
            });
            case RELEASE -> tx.change(vmId, d -> {
                check(action, d);
                d.setState(VmState.PENDING);
            });
            case RESTART -> {
                Transitions.Transition tr = tx.change(vmId, d -> {
                    check(action, d);
                    d.setActive(LcmState.BOOT);
                });
                operations.forVm(tr.vm()).boot(tr.vm(), this);
            }
            case FINALIZE -> finalizeVm(vmId);
            case RESUBMIT -> resubmit(vmId);
        }
    }

    private static void check(VmAction action, VirtualMachine d) throws OneException {
        if (action.verdict(d.state(), d.lcmState()) == VmAction.Verdict.WRONG_STATE) {
            throw OneException.wrongState();
        }
    }

    private void enterFromRunning(VmAction action, int vmId, LcmState next) throws OneException {
        Transitions.Transition tr = tx.change(vmId, d -> {
            check(action, d);
            d.setActive(next);
        });
        VmOperations ops = operations.forVm(tr.vm());
        switch (next) {
            case SHUTDOWN -> ops.shutdown(tr.vm(), this);
            case CANCEL -> ops.cancel(tr.vm(), this);
            default -> ops.save(tr.vm(), this);
        }
    }

    private void reboot(int vmId) throws OneException {
        VirtualMachine vm = vms.get(vmId);
        check(VmAction.REBOOT, vm);
        log.info(vmId, "VMM", "Rebooting the virtual machine");
        operations.forVm(vm).reboot(vm, this);
    }

    private void resume(int vmId) throws OneException {
        Transitions.Transition tr = tx.change(vmId, d -> {
            check(VmAction.RESUME, d);
            if (d.state() == VmState.STOPPED) {
                d.setState(VmState.PENDING); // the next deploy uses PROLOG_RESUME (history REASON STOP_RESUME)
            } else {
                d.setActive(LcmState.BOOT);
            }
        });
        if (tr.vm().is(LcmState.BOOT)) {
            operations.forVm(tr.vm()).restore(tr.vm(), this);
        }
    }

    private void finalizeVm(int vmId) throws OneException {
        long t = tx.now();
        Transitions.Transition tr = tx.change(vmId, d -> {
            switch (d.state()) {
                case DONE -> throw Transitions.NoChange.INSTANCE;
                case ACTIVE, SUSPENDED -> {
                    if (d.is(LcmState.CLEANUP)) {
                        if (!d.resubmitting()) {
                            throw Transitions.NoChange.INSTANCE; // already being deleted
                        }
                        d.setResubmitting(false); // the cleanup under way now ends in DONE
                    } else {
                        d.setResubmitting(false);
                        Transitions.toCleanup(d, t);
                    }
                }
                default -> Transitions.toDone(d, t);
            }
        });
        cleanUpAfter(tr);
    }

    private void resubmit(int vmId) throws OneException {
        long t = tx.now();
        Transitions.Transition tr = tx.change(vmId, d -> {
            check(VmAction.RESUBMIT, d);
            switch (d.state()) {
                case INIT, PENDING -> throw Transitions.NoChange.INSTANCE;
                case HOLD, FAILED -> d.setState(VmState.PENDING);
                case STOPPED -> {
                    d.lastHistory().setReason(HistoryRecord.REASON_USER); // start afresh, not PROLOG_RESUME
                    d.setState(VmState.PENDING);
                }
                case ACTIVE -> {
                    d.setResubmitting(true);
                    if (!d.is(LcmState.CLEANUP)) {
                        Transitions.toCleanup(d, t);
                    }
                }
                default -> throw OneException.wrongState();
            }
        });
        cleanUpAfter(tr);
    }

    /**
     * The hypervisor work after finalize or resubmit: a VM that entered CLEANUP is cleaned up; one
     * that left FAILED or STOPPED (no domain left) only has its files deleted.
     */
    private void cleanUpAfter(Transitions.Transition tr) {
        if (tr == null) {
            return;
        }
        if (tr.vm().is(LcmState.CLEANUP)) {
            if (tr.fromLcm() != LcmState.CLEANUP) {
                operations.forVm(tr.vm()).cleanup(tr.vm(), this);
            }
        } else if ((tr.fromState() == VmState.FAILED || tr.fromState() == VmState.STOPPED) && tr.vm().lastHistory() != null) {
            operations.forVm(tr.vm()).deleteFiles(tr.vm());
        }
    }

    /**
     * Re-issues the pending work of VMs left in a transient state (a crash between a stored
     * transition and its completion report). VMs whose driver has no registered operations are
     * left alone, so a launcher can call this again after plugging in more drivers.
     */
    public void recover() {
        for (VirtualMachine vm : vms.inState(VmState.ACTIVE)) {
            HistoryRecord h = vm.lastHistory();
            if (h == null || operations.forDriver(h.vmmMad()) instanceof MissingDriverOperations) {
                continue;
            }
            VmOperations ops = operations.forVm(vm);
            try {
                switch (vm.lcmState()) {
                    case PROLOG, PROLOG_RESUME, PROLOG_MIGRATE -> ops.prolog(vm, this);
                    case BOOT -> ops.boot(vm, this);
                    case SHUTDOWN -> ops.shutdown(vm, this);
                    case CANCEL -> ops.cancel(vm, this);
                    case SAVE_STOP, SAVE_SUSPEND -> ops.save(vm, this);
                    case SAVE_MIGRATE -> {
                        HistoryRecord prev = vm.previousHistory();
                        operations.forDriver(prev == null ? null : prev.vmmMad()).save(vm, this);
                    }
                    case MIGRATE -> {
                        HistoryRecord prev = vm.previousHistory();
                        operations.forDriver(prev == null ? null : prev.vmmMad()).migrate(vm, this);
                    }
                    case EPILOG, EPILOG_STOP -> ops.epilog(vm, this);
                    case CLEANUP -> ops.cleanup(vm, this);
                    default -> { }
                }
            } catch (RuntimeException e) {
                LOG.error("recovering VM {} failed", vm.id(), e);
            }
        }
    }
}

package eu.stratuslab.core.lifecycle;

import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VmLog;
import eu.stratuslab.core.vm.VmState;

/**
 * The completion reports of the hypervisor side ({@link LifecycleEvents}): each moves the VM on
 * from the transient state it was left in and orders the next step. A report that does not fit
 * the VM's current state is ignored (the VM was finalized meanwhile, or the report is a repeat).
 * The base of {@link Lifecycle}, which orders the steps these reports end.
 */
abstract class CompletionReports implements LifecycleEvents {
    final Transitions tx;
    final VmOperationsRegistry operations;
    final VmLog log;
    private volatile DeployFailurePolicy deployFailurePolicy = DeployFailurePolicy.NEVER;

    /** Decides whether a VM that failed to boot is tried on another host (see {@link DeployFailurePolicy}). */
    public void setDeployFailurePolicy(DeployFailurePolicy policy) {
        this.deployFailurePolicy = policy == null ? DeployFailurePolicy.NEVER : policy;
    }

    CompletionReports(Transitions tx, VmOperationsRegistry operations, VmLog log) {
        this.tx = tx;
        this.operations = operations;
        this.log = log;
    }

    @Override
    public void prologDone(int vmId) {
        long t = tx.now();
        Transitions.Transition tr = tx.report(vmId, d -> {
            Transitions.require(d, LcmState.PROLOG, LcmState.PROLOG_RESUME, LcmState.PROLOG_MIGRATE);
            // oned 3.2.1 (prolog_success_action): the prolog ends and the running phase starts now.
            d.lastHistory().setPrologEnd(t);
            d.lastHistory().setRunningStart(t);
            d.setActive(LcmState.BOOT);
        });
        if (tr != null) {
            VmOperations ops = operations.forVm(tr.vm());
            if (tr.fromLcm() == LcmState.PROLOG) {
                ops.boot(tr.vm(), this);
            } else {
                ops.restore(tr.vm(), this);
            }
        }
    }

    @Override
    public void prologFailed(int vmId, String message) {
        failIn(vmId, message, LcmState.PROLOG, LcmState.PROLOG_RESUME, LcmState.PROLOG_MIGRATE);
    }

    @Override
    public void booted(int vmId, String deployId) {
        long t = tx.now();
        tx.report(vmId, d -> {
            Transitions.require(d, LcmState.BOOT);
            HistoryRecord h = d.lastHistory();
            if (h != null) {
                if (h.runningStart() == 0) {
                    h.setRunningStart(t);
                }
                h.setBooted();
            }
            d.setDeployId(deployId);
            d.setLastPoll(t);
            d.setActive(LcmState.RUNNING);
        });
    }

    @Override
    public void bootFailed(int vmId, String message) {
        long t = tx.now();
        DeployFailurePolicy policy = deployFailurePolicy;
        boolean[] retried = {false};
        tx.report(vmId, d -> {
            Transitions.require(d, LcmState.BOOT);
            retried[0] = false;
            HistoryRecord h = d.lastHistory();
            // A VM that never ran on this host may be placed elsewhere: back to PENDING in this
            // same stored change (leaving ACTIVE releases the host), never visible as FAILED.
            if (h != null && !h.booted() && policy.retryElsewhere(d, h.hid())) {
                h.setRunningEnd(t);
                h.setEtime(t);
                h.setReason(HistoryRecord.REASON_ERROR);
                d.setState(VmState.PENDING);
                retried[0] = true;
            } else {
                tx.fail(d, message, t);
            }
        });
        if (retried[0]) {
            log.info(vmId, "DiM", "boot failed (" + message + "), the VM will be tried on another host");
            policy.retried(vmId);
        }
    }

    @Override
    public void shutdownDone(int vmId) {
        toEpilog(vmId, LcmState.SHUTDOWN);
    }

    @Override
    public void shutdownFailed(int vmId, String message) {
        backToRunning(vmId, LcmState.SHUTDOWN + " failed: " + message, LcmState.SHUTDOWN);
    }

    @Override
    public void cancelDone(int vmId) {
        toEpilog(vmId, LcmState.CANCEL);
    }

    @Override
    public void cancelFailed(int vmId, String message) {
        backToRunning(vmId, LcmState.CANCEL + " failed: " + message, LcmState.CANCEL);
    }

    private void toEpilog(int vmId, LcmState from) {
        long t = tx.now();
        Transitions.Transition tr = tx.report(vmId, d -> {
            Transitions.require(d, from);
            HistoryRecord h = d.lastHistory();
            h.setRunningEnd(t);
            h.setEpilogStart(t);
            if (from == LcmState.CANCEL) {
                h.setReason(HistoryRecord.REASON_CANCEL);
            }
            d.setActive(LcmState.EPILOG);
        });
        if (tr != null) {
            operations.forVm(tr.vm()).epilog(tr.vm(), this);
        }
    }

    /**
     * A failed SHUTDOWN, CANCEL, save or migration: the VM runs on as before. A failed migration
     * (SAVE_MIGRATE, MIGRATE) also drops the history record of the host it did not reach.
     */
    private void backToRunning(int vmId, String logMessage, LcmState... from) {
        Transitions.Transition tr = tx.report(vmId, d -> {
            Transitions.require(d, from);
            if (d.lcmState() == LcmState.SAVE_MIGRATE || d.lcmState() == LcmState.MIGRATE) {
                d.removeLastHistory();
                d.lastHistory().setReason(HistoryRecord.REASON_NONE);
            }
            d.setActive(LcmState.RUNNING);
        });
        if (tr != null) {
            log.error(vmId, "VMM", logMessage);
        }
    }

    @Override
    public void saved(int vmId) {
        long t = tx.now();
        Transitions.Transition tr = tx.report(vmId, d -> {
            Transitions.require(d, LcmState.SAVE_STOP, LcmState.SAVE_SUSPEND, LcmState.SAVE_MIGRATE);
            HistoryRecord h = d.lastHistory();
            switch (d.lcmState()) {
                case SAVE_STOP -> {
                    h.setRunningEnd(t);
                    h.setEpilogStart(t);
                    d.setActive(LcmState.EPILOG_STOP);
                }
                case SAVE_SUSPEND -> d.setState(VmState.SUSPENDED);
                default -> { // SAVE_MIGRATE: the VM has left the old host
                    HistoryRecord prev = d.previousHistory();
                    prev.setRunningEnd(t);
                    prev.setEtime(t);
                    h.setPrologStart(t);
                    d.setActive(LcmState.PROLOG_MIGRATE);
                }
            }
        });
        if (tr == null) {
            return;
        }
        if (tr.vm().is(LcmState.EPILOG_STOP)) {
            operations.forVm(tr.vm()).epilog(tr.vm(), this);
        } else if (tr.vm().is(LcmState.PROLOG_MIGRATE)) {
            operations.forVm(tr.vm()).prolog(tr.vm(), this);
        }
    }

    @Override
    public void saveFailed(int vmId, String message) {
        backToRunning(vmId, "save failed: " + message, LcmState.SAVE_STOP, LcmState.SAVE_SUSPEND,
                LcmState.SAVE_MIGRATE);
    }

    @Override
    public void epilogDone(int vmId) {
        long t = tx.now();
        tx.report(vmId, d -> {
            Transitions.require(d, LcmState.EPILOG, LcmState.EPILOG_STOP);
            HistoryRecord h = d.lastHistory();
            h.setEpilogEnd(t);
            h.setEtime(t);
            if (d.lcmState() == LcmState.EPILOG_STOP) {
                h.setReason(HistoryRecord.REASON_STOP_RESUME);
                d.setState(VmState.STOPPED);
            } else {
                Transitions.toDone(d, t);
            }
        });
    }

    @Override
    public void epilogFailed(int vmId, String message) {
        failIn(vmId, message, LcmState.EPILOG, LcmState.EPILOG_STOP);
    }

    @Override
    public void migrated(int vmId) {
        long t = tx.now();
        tx.report(vmId, d -> {
            Transitions.require(d, LcmState.MIGRATE);
            HistoryRecord prev = d.previousHistory();
            prev.setRunningEnd(t);
            prev.setEtime(t);
            d.lastHistory().setRunningStart(t);
            d.lastHistory().setBooted();
            d.setActive(LcmState.RUNNING);
        });
    }

    @Override
    public void migrateFailed(int vmId, String message) {
        backToRunning(vmId, "migration failed: " + message, LcmState.MIGRATE);
    }

    @Override
    public void cleanupDone(int vmId) {
        long t = tx.now();
        tx.report(vmId, d -> {
            Transitions.require(d, LcmState.CLEANUP);
            HistoryRecord h = d.lastHistory();
            if (h != null && h.etime() == 0) {
                h.setEtime(t);
            }
            if (d.resubmitting()) {
                d.setResubmitting(false);
                d.setState(VmState.PENDING);
            } else {
                Transitions.toDone(d, t);
            }
        });
    }

    @Override
    public void domainGone(int vmId) {
        tx.report(vmId, d -> {
            Transitions.require(d, LcmState.RUNNING);
            d.setActive(LcmState.UNKNOWN);
        });
    }

    @Override
    public void domainPaused(int vmId) {
        tx.report(vmId, d -> {
            Transitions.require(d, LcmState.RUNNING);
            d.setState(VmState.SUSPENDED);
        });
    }

    @Override
    public void monitorFailed(int vmId, String message) {
        failIn(vmId, message, LcmState.RUNNING, LcmState.UNKNOWN);
    }

    @Override
    public void polled(int vmId, long memoryKb, long cpuPercent, long netTx, long netRx) {
        long t = tx.now();
        tx.report(vmId, d -> {
            if (d.state() != VmState.ACTIVE && d.state() != VmState.SUSPENDED) {
                throw Transitions.NoChange.INSTANCE;
            }
            d.setMonitoring(t, memoryKb, cpuPercent, netTx, netRx);
        });
    }

    /** Generic failure report for any VM that is ACTIVE: FAILED with the message. */
    public void failed(int vmId, String message) {
        long t = tx.now();
        tx.report(vmId, d -> {
            if (d.state() != VmState.ACTIVE) {
                throw Transitions.NoChange.INSTANCE;
            }
            tx.fail(d, message, t);
        });
    }

    private void failIn(int vmId, String message, LcmState... expected) {
        long t = tx.now();
        tx.report(vmId, d -> {
            Transitions.require(d, expected);
            tx.fail(d, message, t);
        });
    }
}

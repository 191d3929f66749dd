package eu.stratuslab.vmmanager;

import eu.stratuslab.core.host.HostPool;
import eu.stratuslab.core.lifecycle.LifecycleEvents;
import eu.stratuslab.core.lifecycle.VmOperations;
import eu.stratuslab.core.transfer.TransferManager;
import eu.stratuslab.core.transfer.VmDirectory;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.LcmState;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.core.vm.VmLog;
import eu.stratuslab.core.vm.VmPool;
import eu.stratuslab.core.vm.VmState;
import eu.stratuslab.infra.exec.DaemonThreads;
import eu.stratuslab.vmm.DeadlineCalls;
import eu.stratuslab.vmm.DeployIds;
import eu.stratuslab.vmm.DomainStatus;
import eu.stratuslab.vmm.DriverException;
import eu.stratuslab.vmm.DriverRegistry;
import eu.stratuslab.vmm.domain.DomainSpec;
import eu.stratuslab.vmmanager.node.NodeFiles;
import eu.stratuslab.vmmanager.node.SshNode;
import eu.stratuslab.infra.exec.ProcessCommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libvirt VM manager: the {@link VmOperations} of hosts whose VM_MAD is a libvirt driver.
 * Every operation is queued on a bounded pool of workers (never run on the caller's thread),
 * every driver call has a deadline ({@link DeadlineCalls}), and every outcome is reported through
 * {@link LifecycleEvents}; a failure report carries the TEMPLATE/ERROR/MESSAGE text.
 *
 * <p>Work for one VM is serialised by a striped lock, and each work item first checks that the VM
 * is still in the state the work was ordered for: a boot that was overtaken by a finalize does
 * nothing, instead of starting a domain nobody will stop.
 *
 * <p>Remote nodes (a libvirt URI over ssh, docs/remote-nodes.md): the transfer manager prepares the
 * VM directory on the front-end, {@link NodeFiles} copies it to the node after the prolog, the domain
 * and its memory checkpoint use the node's paths, and the directory comes back (and leaves the node)
 * before the epilog, at a stop and when a cold migration leaves the node.
 */
public final class LibvirtVmOperations implements VmOperations, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtVmOperations.class);
    private static final int STRIPES = 256;

    private final VmPool vms;
    private final VmLog log;
    private final Path varDir;
    private final VmManagerSettings settings;
    private final TransferManager transfers;
    private final HostDrivers drivers;
    private final DeadlineCalls calls = new DeadlineCalls("vm-manager-driver-call-", "the hypervisor");
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService timer;
    private final ShutdownWatches shutdowns;
    private final DomainSpecFactory domains;
    private final NodeFiles nodes;
    private final Object[] stripes = new Object[STRIPES];
    private volatile Consumer<Integer> domainEventListener = id -> { };

    public LibvirtVmOperations(VmPool vms, HostPool hosts, DriverRegistry registry, VmLog log, Path varDir,
                               VmManagerSettings settings, boolean rawAllowUsers, TransferManager transfers) {
        this.vms = vms;
        this.log = log;
        this.varDir = varDir;
        this.settings = settings;
        this.transfers = transfers;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(settings.queueCapacity()), DaemonThreads.numbered("vm-manager-worker-"));
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, DaemonThreads.numbered("vm-manager-timer-"));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        this.shutdowns = new ShutdownWatches(timer, workers, settings.shutdownPoll());
        this.drivers = new HostDrivers(hosts, registry, this::onDomainEvent);
        this.domains = new DomainSpecFactory(settings.defaultDomainType(), rawAllowUsers);
        this.nodes = new NodeFiles(new ProcessCommandRunner(), settings.nodeVmDir(), settings.longTimeout());
    }

    NodeFiles nodes() {
        return nodes;
    }

    /** The node of a host reached over ssh, null when its hypervisor runs on the front-end. */
    static SshNode remote(HostDrivers.Binding b) throws IOException {
        return remote(b.hostName(), b.uri());
    }

    /** The node of the host of a history record (no libvirt connection opened); null for the front-end. */
    private SshNode remote(HistoryRecord h) throws IOException {
        return h == null ? null : remote(h.hostname(), drivers.uriOf(h));
    }

    private static SshNode remote(String hostName, String uri) throws IOException {
        try {
            return SshNode.of(uri);
        } catch (IllegalArgumentException e) {
            throw new IOException("host " + hostName + ": " + e.getMessage(), e);
        }
    }

    HostDrivers drivers() {
        return drivers;
    }

    DeadlineCalls calls() {
        return calls;
    }

    VmManagerSettings settings() {
        return settings;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    java.util.concurrent.Executor workers() {
        return workers;
    }

    /** The VM monitor hears here about domain events that are not a pending shutdown's. */
    void onDomainEvents(Consumer<Integer> listener) {
        this.domainEventListener = listener;
    }

    private void onDomainEvent(String hostName, String deployId, DomainStatus.State state) {
        if (!DeployIds.isOneDomain(deployId)) {
            return;
        }
        int vmId;
        try {
            vmId = Integer.parseInt(deployId.substring(4));
        } catch (NumberFormatException e) {
            return;
        }
        if (shutdowns.isWatched(vmId)) {
            shutdowns.onEvent(vmId, hostName, state);
            return;
        }
        VirtualMachine vm = vms.find(vmId);
        HistoryRecord h = vm == null ? null : vm.lastHistory();
        if (vm != null && vm.is(LcmState.RUNNING) && h != null && hostName.equals(h.hostname())) {
            domainEventListener.accept(vmId); // the monitor checks the domain now
        }
    }

    // =====================================================================================
    // VmOperations
    // =====================================================================================

    @Override
    public void prolog(VirtualMachine vm, LifecycleEvents events) {
        int id = vm.id();
        submit(vm, "prolog", EnumSet.of(LcmState.PROLOG, LcmState.PROLOG_RESUME, LcmState.PROLOG_MIGRATE),
                events::prologFailed, current -> {
                    VmDirectory dir = VmDirectory.of(varDir, id);
                    if (current.is(LcmState.PROLOG)) {
                        Files.deleteIfExists(dir.checkpoint()); // a fresh start (e.g. resubmit of a STOPPED VM)
                        transfers.prolog(current, dir);
                    } else if (!Files.isDirectory(dir.root())) {
                        // resume and cold migration use the directory kept by the stop / save
                        throw new java.io.IOException("prolog: the VM directory " + dir.root() + " is missing");
                    }
                    if (current.is(LcmState.PROLOG_MIGRATE)) {
                        // the memory was saved on the previous node: its directory comes back first
                        moveBack(remote(current.previousHistory()), dir, id);
                    }
                    SshNode to = remote(current.lastHistory());
                    if (to != null) {
                        if (current.is(LcmState.PROLOG)) {
                            nodes.delete(to, id); // a fresh start: nothing of an earlier run (a checkpoint) stays
                        }
                        nodes.push(to, dir);
                        Files.deleteIfExists(dir.checkpoint()); // moved: the node's copy is the one restored
                        log.info(id, "TM", "VM directory copied to " + nodes.onNode(id).root() + " on " + to);
                    }
                    log.info(id, "TM", "prolog done");
                    events.prologDone(id);
                });
    }

    @Override
    public void boot(VirtualMachine vm, LifecycleEvents events) {
        start(vm, "boot", events, (current, b, node) -> {
            int id = current.id();
            if (checkpointExists(node, id)) {
                // a restore interrupted by a restart is re-issued as a boot (Lifecycle.recover): resume the memory
                return restoreCheckpoint(b, node, id);
            }
            VmDirectory dir = VmDirectory.of(varDir, id);
            var disks = transfers.preparedDisks(current, dir);
            DomainSpec spec = node == null ? domains.build(current, dir, disks, b.uri(), b.hypervisorType())
                    : domains.build(current, nodes.onNode(id), nodes.onNode(disks, dir), b.uri(), b.hypervisorType());
            String deployId = calls.call("deploy", settings.longTimeout(), () -> b.driver().deploy(spec));
            log.info(id, "VMM", "Domain " + deployId + " started on " + b.hostName());
            return deployId;
        });
    }

    @Override
    public void restore(VirtualMachine vm, LifecycleEvents events) {
        start(vm, "restore", events, (current, b, node) -> {
            int id = current.id();
            if (!checkpointExists(node, id)) {
                throw new java.io.IOException("restore: no checkpoint " + checkpoint(node, id)
                        + (node == null ? "" : " on " + node));
            }
            String deployId = restoreCheckpoint(b, node, id);
            log.info(id, "VMM", "Domain " + deployId + " restored on " + b.hostName());
            return deployId;
        });
    }

    @Override
    public void shutdown(VirtualMachine vm, LifecycleEvents events) {
        int id = vm.id();
        onDomain(vm, "shutdown", EnumSet.of(LcmState.SHUTDOWN), events::shutdownFailed, (current, b, deployId) -> {
            if (ShutdownWatches.stopped(status(b, deployId))) {
                finishShutdown(id, b, deployId, events, ShutdownWatches.Outcome.STOPPED);
                return;
            }
            calls.run("shutdown", settings.driverTimeout(), () -> b.driver().shutdown(deployId));
            shutdowns.watch(id, b.hostName(), settings.shutdownTimeout(),
                    () -> calls.call("status", settings.driverTimeout(), () -> b.driver().status(deployId)).state(),
                    outcome -> finishShutdown(id, b, deployId, events, outcome));
        });
    }

    /** The guest is off (or would not go): the domain is destroyed (undefined) and the epilog may start. */
    private void finishShutdown(int id, HostDrivers.Binding b, String deployId, LifecycleEvents events,
                                ShutdownWatches.Outcome outcome) {
        synchronized (stripe(id)) {
            VirtualMachine current = vms.find(id);
            if (current == null || !current.is(LcmState.SHUTDOWN)) {
                return; // finalized meanwhile: the cleanup destroys the domain
            }
            try {
                calls.run("destroy", settings.driverTimeout(), () -> b.driver().destroy(deployId));
            } catch (DriverException e) {
                events.shutdownFailed(id, "shutdown: " + e.getMessage());
                return;
            }
            if (outcome == ShutdownWatches.Outcome.TIMED_OUT) {
                log.info(id, "VMM", "The guest did not stop within " + settings.shutdownTimeout().toSeconds()
                        + " s: domain destroyed");
            }
            events.shutdownDone(id);
        }
    }

    @Override
    public void cancel(VirtualMachine vm, LifecycleEvents events) {
        onDomain(vm, "cancel", EnumSet.of(LcmState.CANCEL), events::cancelFailed, (current, b, deployId) -> {
            calls.run("destroy", settings.driverTimeout(), () -> b.driver().destroy(deployId));
            events.cancelDone(current.id());
        });
    }

    @Override
    public void reboot(VirtualMachine vm, LifecycleEvents events) {
        onDomain(vm, "reboot", EnumSet.of(LcmState.RUNNING), (id, m) -> log.error(id, "VMM", m), (current, b, deployId) -> {
            calls.run("reboot", settings.driverTimeout(), () -> b.driver().reboot(deployId));
        });
    }

    @Override
    public void save(VirtualMachine vm, LifecycleEvents events) {
        int id = vm.id();
        submit(vm, "save", EnumSet.of(LcmState.SAVE_STOP, LcmState.SAVE_SUSPEND, LcmState.SAVE_MIGRATE),
                events::saveFailed, current -> {
                    // SAVE_MIGRATE: the domain still runs on the host of the previous record
                    HistoryRecord where = current.is(LcmState.SAVE_MIGRATE) ? current.previousHistory() : current.lastHistory();
                    HostDrivers.Binding b = drivers.forHistory(where);
                    String deployId = deployId(current);
                    SshNode node = remote(b);
                    Path checkpoint = checkpoint(node, id); // written by libvirt on the node
                    DomainStatus.State state = status(b, deployId);
                    if (state == DomainStatus.State.MISSING && checkpointExists(node, id)) {
                        events.saved(id); // saved before a restart of the service
                        return;
                    }
                    if (node == null) {
                        Files.createDirectories(checkpoint.getParent());
                    }
                    try {
                        calls.run("save", settings.longTimeout(), () -> b.driver().save(deployId, checkpoint));
                    } catch (DriverException e) {
                        // the save may have worked and only the clean-up after it failed (libvirt-java
                        // reports a vanished transient domain as an error): what counts is the result
                        if (status(b, deployId) != DomainStatus.State.MISSING || !checkpointExists(node, id)) {
                            throw e;
                        }
                        LOG.info("VM {}: save reported '{}' but the memory is saved and the domain gone", id, e.getMessage());
                    }
                    events.saved(id);
                });
    }

    @Override
    public void epilog(VirtualMachine vm, LifecycleEvents events) {
        int id = vm.id();
        onDomain(vm, "epilog", EnumSet.of(LcmState.EPILOG, LcmState.EPILOG_STOP), events::epilogFailed,
                (current, b, deployId) -> {
                    // a stopped domain may still be defined; the VM is leaving this host either way
                    calls.run("destroy", settings.driverTimeout(), () -> b.driver().destroy(deployId));
                    VmDirectory dir = VmDirectory.of(varDir, id);
                    moveBack(remote(b), dir, id); // disks, memory and serial log
                    if (current.is(LcmState.EPILOG)) {
                        transfers.epilog(current, dir);
                    } else {
                        transfers.epilogStop(current, dir);
                    }
                    log.info(id, "TM", "epilog done");
                    events.epilogDone(id);
                });
    }

    @Override
    public void migrate(VirtualMachine vm, LifecycleEvents events) {
        int id = vm.id();
        submit(vm, "migrate", EnumSet.of(LcmState.MIGRATE), events::migrateFailed, current -> {
            HostDrivers.Binding source = drivers.forHistory(current.previousHistory());
            HostDrivers.Binding target = drivers.forHistory(current.lastHistory());
            String deployId = deployId(current);
            if (status(target, deployId) == DomainStatus.State.RUNNING) {
                events.migrated(id); // migrated before a restart of the service
                return;
            }
            calls.run("migrate", settings.longTimeout(), () -> source.driver().migrate(deployId, target.driver(), true));
            events.migrated(id);
        });
    }

    @Override
    public void cleanup(VirtualMachine vm, LifecycleEvents events) {
        int id = vm.id();
        shutdowns.forget(id);
        Runnable work = () -> {
            synchronized (stripe(id)) {
                VirtualMachine current = vms.find(id);
                if (current == null || !current.is(LcmState.CLEANUP)) {
                    return;
                }
                destroyEverywhere(current);
                deleteFilesNow(current);
                events.cleanupDone(id); // finalize always succeeds
            }
        };
        try {
            workers.execute(work);
        } catch (RejectedExecutionException e) {
            LOG.warn("VM {}: worker queue full, cleanup reported without destroying the domain", id);
            events.cleanupDone(id);
        }
    }

    @Override
    public void deleteFiles(VirtualMachine vm) {
        int id = vm.id();
        try {
            workers.execute(() -> {
                synchronized (stripe(id)) {
                    VirtualMachine current = vms.find(id);
                    if (current != null && current.state() != VmState.ACTIVE) {
                        deleteFilesNow(current);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("VM {}: worker queue full, files not deleted", id);
        }
    }

    private void destroyEverywhere(VirtualMachine vm) {
        String deployId = deployId(vm);
        for (HistoryRecord h : new HistoryRecord[] {vm.lastHistory(), vm.previousHistory()}) {
            if (h == null) {
                continue;
            }
            try {
                HostDrivers.Binding b = drivers.forHistory(h);
                calls.run("destroy", settings.driverTimeout(), () -> b.driver().destroy(deployId));
            } catch (DriverException | RuntimeException e) {
                log.error(vm.id(), "VMM", "cleanup: cannot destroy " + deployId + " on " + h.hostname() + ": "
                        + e.getMessage());
            }
        }
    }

    private void deleteFilesNow(VirtualMachine vm) {
        VmDirectory dir = VmDirectory.of(varDir, vm.id());
        for (HistoryRecord h : new HistoryRecord[] {vm.lastHistory(), vm.previousHistory()}) {
            try {
                SshNode node = remote(h);
                if (node != null) { // what the guest wrote reaches the volumes before the hooks release them
                    nodes.pull(node, dir);
                    nodes.delete(node, vm.id());
                }
            } catch (IOException | RuntimeException e) {
                log.error(vm.id(), "TM", "cannot take the VM directory back from " + h.hostname() + ": "
                        + e.getMessage());
            }
        }
        try {
            transfers.discard(vm, VmDirectory.of(varDir, vm.id()));
        } catch (RuntimeException e) {
            log.error(vm.id(), "TM", "cannot discard the VM files: " + e.getMessage());
        }
    }

    // =====================================================================================
    // Machinery
    // =====================================================================================

    private interface Work {
        void run(VirtualMachine current) throws Exception;
    }

    /** Work on the VM's domain on the host of its last history record. */
    private interface DomainWork {
        void run(VirtualMachine current, HostDrivers.Binding b, String deployId) throws Exception;
    }

    /** A boot of the VM's domain on the host of its last history record, with its node (null: the front-end); the new deploy id. */
    private interface StartWork {
        String start(VirtualMachine current, HostDrivers.Binding b, SshNode node) throws Exception;
    }

    /** One of the {@code LifecycleEvents.*Failed} reports, e.g. {@code events::bootFailed}. */
    private interface Failure {
        void report(int vmId, String message);
    }

    /**
     * Queues {@code work} for the VM; it runs only while the VM is still in one of {@code expected}.
     * Any exception becomes {@code onFailure("<step>: <message>")}.
     */
    private void submit(VirtualMachine vm, String step, Set<LcmState> expected, Failure onFailure, Work work) {
        int id = vm.id();
        Runnable task = () -> {
            synchronized (stripe(id)) {
                VirtualMachine current = vms.find(id);
                if (current == null || current.state() != VmState.ACTIVE || !expected.contains(current.lcmState())) {
                    LOG.debug("VM {}: {} skipped, the VM is no longer in {}", id, step, expected);
                    return;
                }
                try {
                    work.run(current);
                } catch (Exception e) {
                    String message = reason(step, e);
                    LOG.info("VM {}: {}", id, message);
                    onFailure.report(id, message);
                }
            }
        };
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            onFailure.report(id, step + ": the VM manager is overloaded (" + settings.queueCapacity()
                    + " operations waiting); try again later");
        }
    }

    /** As {@link #submit}, for work on the VM's domain where its last history record places it. */
    private void onDomain(VirtualMachine vm, String step, Set<LcmState> expected, Failure onFailure, DomainWork work) {
        submit(vm, step, expected, onFailure,
                current -> work.run(current, drivers.forHistory(current.lastHistory()), deployId(current)));
    }

    /**
     * A boot or restore (BOOT state): reported booted at once when the domain runs already (it was
     * started before a restart of the service), else with the deploy id {@code work} starts.
     */
    private void start(VirtualMachine vm, String step, LifecycleEvents events, StartWork work) {
        submit(vm, step, EnumSet.of(LcmState.BOOT), events::bootFailed, current -> {
            HostDrivers.Binding b = drivers.forHistory(current.lastHistory());
            if (!alreadyRunning(b, current.id(), events)) {
                events.booted(current.id(), work.start(current, b, remote(b)));
            }
        });
    }

    /** Brings the VM directory back from the node that holds it and removes it there; nothing for the front-end. */
    private void moveBack(SshNode node, VmDirectory dir, int id) throws IOException {
        if (node != null) {
            nodes.pull(node, dir);
            nodes.delete(node, id);
            log.info(id, "TM", "VM directory moved back from " + node);
        }
    }

    static String reason(String step, Exception e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        return m.startsWith(step + ":") || m.startsWith("prolog:") || m.startsWith("epilog:") || m.startsWith("boot:") ? m : step + ": " + m;
    }

    /** Whether the VM's domain runs already (a boot or restore done before a restart of the service): then it is reported booted. */
    private boolean alreadyRunning(HostDrivers.Binding b, int id, LifecycleEvents events) throws DriverException {
        String name = DeployIds.domainName(id);
        if (status(b, name) != DomainStatus.State.RUNNING) {
            return false;
        }
        events.booted(id, name);
        return true;
    }

    /** Resumes the domain from the VM's memory checkpoint, then removes the checkpoint: the new deploy id. */
    private String restoreCheckpoint(HostDrivers.Binding b, SshNode node, int id) throws DriverException, IOException {
        Path checkpoint = checkpoint(node, id);
        if (node == null) {
            String deployId = calls.call("restore", settings.longTimeout(), () -> b.driver().restore(checkpoint));
            Files.deleteIfExists(checkpoint);
            return deployId;
        }
        String deployId = calls.call("restore", settings.longTimeout(),
                () -> b.driver().restore(checkpoint, DeployIds.domainName(id)));
        nodes.deleteFile(node, checkpoint.toString());
        return deployId;
    }

    /** The VM's memory checkpoint where libvirt writes it: on the front-end, or on the remote node. */
    private Path checkpoint(SshNode node, int id) {
        return node == null ? VmDirectory.of(varDir, id).checkpoint() : nodes.onNode(id).checkpoint();
    }

    private boolean checkpointExists(SshNode node, int id) throws IOException {
        return node == null ? Files.isRegularFile(checkpoint(node, id))
                : nodes.exists(node, checkpoint(node, id).toString());
    }

    private DomainStatus.State status(HostDrivers.Binding b, String deployId) throws DriverException {
        return calls.call("status", settings.driverTimeout(), () -> b.driver().status(deployId)).state();
    }

    static String deployId(VirtualMachine vm) {
        String d = vm.deployId();
        return d == null || d.isBlank() ? DeployIds.domainName(vm.id()) : d;
    }

    private Object stripe(int vmId) {
        return stripes[Math.floorMod(vmId, STRIPES)];
    }

    /** Operations waiting for a worker (for tests and benchmarks). */
    public int queued() {
        return workers.getQueue().size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        calls.close();
    }
}

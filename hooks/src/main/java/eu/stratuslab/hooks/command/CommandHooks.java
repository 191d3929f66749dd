package eu.stratuslab.hooks.command;

import eu.stratuslab.core.lifecycle.VmHookListener;
import eu.stratuslab.core.vm.HistoryRecord;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.infra.exec.DaemonThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured VM_HOOK commands when the lifecycle reports an event. Commands run on a
 * bounded pool, never on the lifecycle's thread, with a timeout after which they are killed; the
 * outcome goes to the service log (the hook's output is not logged: it may carry secrets).
 */
public final class CommandHooks implements VmHookListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHooks.class);

    private final List<VmHookDefinition> hooks;
    private final Function<VirtualMachine, String> document;
    private final Duration timeout;
    private final ExecutorService pool;
    private final HookOutcomes outcomes;

    /**
     * @param document renders the VM document that {@code $TEMPLATE} carries (base64)
     * @param outcomes told of every finished run (for logs and tests)
     */
    public CommandHooks(List<VmHookDefinition> hooks, Function<VirtualMachine, String> document, Duration timeout,
                        HookOutcomes outcomes) {
        this.hooks = List.copyOf(hooks);
        this.document = document;
        this.timeout = timeout;
        this.outcomes = outcomes;
        this.pool = Executors.newFixedThreadPool(2, DaemonThreads.named("vm-hooks"));
    }

    /** What became of one hook run: exit code, or -1 with a reason when it could not run or timed out. */
    public interface HookOutcomes {
        void finished(VmHookDefinition hook, int vmId, int exitCode, String problem);
    }

    @Override
    public void onCreate(VirtualMachine vm) {
        fire("CREATE", vm);
    }

    @Override
    public void onRunning(VirtualMachine vm) {
        fire("RUNNING", vm);
    }

    @Override
    public void onShutdown(VirtualMachine vm) {
        fire("SHUTDOWN", vm);
    }

    @Override
    public void onStop(VirtualMachine vm) {
        fire("STOP", vm);
    }

    @Override
    public void onDone(VirtualMachine vm) {
        fire("DONE", vm);
    }

    @Override
    public void onFailed(VirtualMachine vm) {
        fire("FAILED", vm);
    }

    private void fire(String event, VirtualMachine vm) {
        for (VmHookDefinition hook : hooks) {
            if (!hook.on().equals(event)) {
                continue;
            }
            // Render now: the VM may change before the command runs, and the hook must see this event's state.
            String xml = document.apply(vm);
            String b64 = Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
            HistoryRecord last = vm.lastHistory();
            String host = last == null ? "" : last.hostname();
            if (hook.remote() && host.isEmpty()) {
                outcomes.finished(hook, vm.id(), -1, "remote hook but the VM has no host");
                continue;
            }
            List<String> argv = hook.argv(vm.id(), b64, host);
            pool.execute(() -> run(hook, vm.id(), argv));
        }
    }

    private void run(VmHookDefinition hook, int vmId, List<String> argv) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                LOG.warn("VM hook {} for VM {} killed after {}", hook.name(), vmId, timeout);
                outcomes.finished(hook, vmId, -1, "timed out after " + timeout);
                return;
            }
            int code = p.exitValue();
            if (code != 0) {
                LOG.warn("VM hook {} for VM {} exited with {}", hook.name(), vmId, code);
            }
            outcomes.finished(hook, vmId, code, null);
        } catch (IOException e) {
            LOG.warn("VM hook {} for VM {} could not run: {}", hook.name(), vmId, e.getMessage());
            outcomes.finished(hook, vmId, -1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

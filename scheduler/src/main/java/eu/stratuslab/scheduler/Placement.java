package eu.stratuslab.scheduler;

import eu.stratuslab.core.host.Host;
import eu.stratuslab.core.host.HostState;
import eu.stratuslab.core.vm.VirtualMachine;
import eu.stratuslab.template.expr.ExpressionParseException;
import eu.stratuslab.template.expr.Rank;
import eu.stratuslab.template.expr.Requirements;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduling pass as a pure computation (xmlrpc-api.md §9): which PENDING VM goes to which
 * host. VMs are taken in id order; for each, the hosts whose REQUIREMENTS hold, on which the owner
 * has HOST:MANAGE, that are not in the VM's avoid set and where the capacity fits, ranked by the
 * VM's RANK (or the policy's); the best one that has received fewer than MAX_HOST VMs in this pass
 * wins (ties: lowest host id). Capacity placed in this pass is counted, so a pass never
 * over-commits. Ranks are not normalised: normalising by the largest absolute value never changes
 * which host is best.
 */
public final class Placement {
    private static final Logger LOG = LoggerFactory.getLogger(Placement.class);

    /** May the owner of a VM (uid, gid) deploy on this host (HOST:MANAGE)? */
    public interface HostRights {
        boolean canManage(int uid, int gid, int hostId);
    }

    public record Decision(int vmId, int hostId) {
    }

    private final SchedulerSettings settings;
    private final HostRights rights;
    private final Map<String, Requirements> requirementsCache = new HashMap<>();
    private final Map<String, Rank> rankCache = new HashMap<>();

    public Placement(SchedulerSettings settings, HostRights rights) {
        this.settings = settings;
        this.rights = rights;
    }

    /**
     * What one pass decided.
     *
     * @param considered how many of the given VMs the pass looked at (at most MAX_VM)
     * @param limited    whether the pass stopped before a VM it could have placed: MAX_VM or
     *                   MAX_DISPATCH ended it with VMs left, or a VM stayed unplaced while a host
     *                   that fits it had already received MAX_HOST VMs. A further pass may then
     *                   place more on the same capacity; otherwise every VM left fits no host.
     */
    public record Pass(List<Decision> decisions, int considered, boolean limited) {
    }

    /**
     * @param pending PENDING VMs in ascending id order
     * @param avoid   per VM id, hosts where a deploy of that VM already failed
     */
    public List<Decision> place(List<VirtualMachine> pending, List<Host> hosts, Map<Integer, Set<Integer>> avoid) {
        return pass(pending, hosts, avoid).decisions();
    }

    /** {@link #place}, also saying how many VMs were considered and whether limits cut the pass short. */
    public Pass pass(List<VirtualMachine> pending, List<Host> hosts, Map<Integer, Set<Integer>> avoid) {
        List<HostCandidate> candidates = new ArrayList<>(hosts.size());
        for (Host h : hosts) {
            if (h.state() == HostState.INIT || h.state() == HostState.MONITORING || h.state() == HostState.MONITORED) {
                candidates.add(new HostCandidate(h));
            }
        }
        List<Decision> decisions = new ArrayList<>();
        int considered = 0;
        boolean limited = false;
        Map<Long, boolean[]> rightsByOwner = new HashMap<>();
        for (VirtualMachine vm : pending) {
            if ((settings.maxVm() > 0 && considered >= settings.maxVm())
                    || (settings.maxDispatch() > 0 && decisions.size() >= settings.maxDispatch())) {
                limited = true;
                break;
            }
            considered++;
            Requirements req = requirements(vm);
            Rank rank = rank(vm);
            if (req == null || rank == null) {
                continue;
            }
            boolean[] allowed = rightsByOwner.computeIfAbsent(((long) vm.uid() << 32) | (vm.gid() & 0xffffffffL),
                    k -> ownerRights(vm.uid(), vm.gid(), candidates));
            Set<Integer> avoided = avoid.getOrDefault(vm.id(), Set.of());
            long cpu = vm.cpuDemand();
            long mem = vm.memoryDemandKb();
            HostCandidate best = null;
            double bestRank = 0;
            boolean fullHostFits = false;
            for (int i = 0; i < candidates.size(); i++) {
                HostCandidate h = candidates.get(i);
                if (!allowed[i] || avoided.contains(h.id) || !h.fits(cpu, mem)) {
                    continue;
                }
                if (h.dispatchedThisPass >= settings.maxHost()) {
                    fullHostFits = true; // REQUIREMENTS unchecked: at worst one more pass that places nothing
                    continue;
                }
                if (!req.matches(h)) {
                    continue;
                }
                double r = rank.evaluate(h);
                if (best == null || r > bestRank || (r == bestRank && h.id < best.id)) {
                    best = h;
                    bestRank = r;
                }
            }
            if (best != null) {
                best.place(cpu, mem);
                decisions.add(new Decision(vm.id(), best.id));
            } else if (fullHostFits) {
                limited = true;
            }
        }
        return new Pass(decisions, considered, limited);
    }

    private boolean[] ownerRights(int uid, int gid, List<HostCandidate> candidates) {
        boolean[] allowed = new boolean[candidates.size()];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = rights.canManage(uid, gid, candidates.get(i).id);
        }
        return allowed;
    }

    private Requirements requirements(VirtualMachine vm) {
        String text = vm.templateValue("REQUIREMENTS");
        return compiled(vm, "REQUIREMENTS", text == null ? "" : text, requirementsCache, Requirements::parse);
    }

    private Rank rank(VirtualMachine vm) {
        String text = vm.templateValue("RANK");
        return compiled(vm, "RANK", text == null || text.isBlank() ? settings.defaultRank() : text, rankCache, Rank::parse);
    }

    private interface Compiler<T> {
        T compile(String text) throws ExpressionParseException;
    }

    /** The expression {@code text}, compiled once per text; null (logged) when it does not parse. */
    private static <T> T compiled(VirtualMachine vm, String attribute, String text, Map<String, T> cache,
                                  Compiler<T> compiler) {
        T compiled = cache.get(text);
        if (compiled == null) {
            try {
                compiled = compiler.compile(text);
            } catch (ExpressionParseException e) {
                LOG.warn("VM {} cannot be placed: {}: {}", vm.id(), attribute, e.getMessage());
                return null;
            }
            cache.put(text, compiled);
        }
        return compiled;
    }
}

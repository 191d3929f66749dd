package eu.stratuslab.cli.vm;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The built-in instance types (legacy-cli.md §5) plus the user's {@code [instance_types]} lines
 * {@code name = cpu, ram, swap}; lines that are not three integers with cpu &gt; 0, ram &gt; 0 and
 * swap ≥ 0 are dropped, as the legacy client did.
 */
public final class InstanceTypes {
    public static final String DEFAULT = "m1.small";

    private final Map<String, InstanceType> types;

    private InstanceTypes(Map<String, InstanceType> types) {
        this.types = types;
    }

    public static InstanceTypes of(Map<String, String> userLines) {
        Map<String, InstanceType> all = new TreeMap<>();
        for (InstanceType t : new InstanceType[] {
                new InstanceType("t1.micro", 1, 512, 512),
                new InstanceType("m1.small", 1, 1536, 1536),
                new InstanceType("m1.medium", 1, 3072, 3072),
                new InstanceType("m1.large", 2, 6144, 6144),
                new InstanceType("m1.xlarge", 4, 8192, 8192),
                new InstanceType("c1.medium", 2, 1536, 1536),
                new InstanceType("c1.xlarge", 4, 6144, 6144)}) {
            all.put(t.name(), t);
        }
        userLines.forEach((name, line) -> parse(name, line).ifPresent(t -> all.put(t.name(), t)));
        return new InstanceTypes(all);
    }

    static Optional<InstanceType> parse(String name, String line) {
        String[] parts = line.split(",");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            int cpu = Integer.parseInt(parts[0].strip());
            int ram = Integer.parseInt(parts[1].strip());
            int swap = Integer.parseInt(parts[2].strip());
            if (cpu <= 0 || ram <= 0 || swap < 0) {
                return Optional.empty();
            }
            return Optional.of(new InstanceType(name, cpu, ram, swap));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Optional<InstanceType> get(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** The {@code -l} table, sorted by name, the current type starred (§5). */
    public String table(String current) {
        StringBuilder sb = new StringBuilder(String.format(" %-17sCPU%10s%10s%n", "Type", "RAM", "SWAP"));
        for (InstanceType t : types.values()) {
            sb.append(String.format("%s %-16s%d CPU%8d MB%8d MB%n", t.name().equals(current) ? "*" : " ",
                    t.name(), t.cpu(), t.ramMb(), t.swapMb()));
        }
        return sb.toString();
    }
}

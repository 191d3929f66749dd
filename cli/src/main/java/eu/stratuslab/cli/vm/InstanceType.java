package eu.stratuslab.cli.vm;

/** An instance type of legacy-cli.md §5: CPUs, RAM and swap in MB. */
public record InstanceType(String name, int cpu, int ramMb, int swapMb) {
}

package eu.stratuslab.probes;

/** A probe that loads one cloud with concurrent clients, each seeded from the run's seed. */
abstract class LoadProbe {
    final CloudProcess cloud;
    final int clients;

    LoadProbe(CloudProcess cloud, int clients) {
        this.cloud = cloud;
        this.clients = clients;
    }

    /** Runs the load with client {@code i} seeded by {@code seed + i}; what the probe found. */
    abstract ProbeReport run(long seed) throws Exception;

    /** Starts the {@code clients} threads of {@code client}. */
    final LoadClients startClients(LoadClients.Client client) {
        return LoadClients.start(clients, client);
    }
}

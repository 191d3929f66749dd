package eu.stratuslab.pdisk.service;

/** Where to initialise a new disk from, and what the data must match (null = not checked). */
public record ContentSource(String url, Long bytes, String sha1) {
}

package eu.stratuslab.marketplace.manifest;

/** The XML namespaces of marketplace manifests (hooks.md §6) and their customary prefixes. */
public final class ManifestNamespaces {

    public static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    public static final String DCTERMS = "http://purl.org/dc/terms/";
    public static final String SLTERMS = "http://mp.stratuslab.eu/slterms#";
    public static final String SLREQ = "http://mp.stratuslab.eu/slreq#";
    public static final String XMLDSIG = "http://www.w3.org/2000/09/xmldsig#";

    private ManifestNamespaces() {
    }

    /** The prefix used when this code creates an element of the namespace. */
    static String preferredPrefix(String namespace) {
        return switch (namespace) {
            case RDF -> "rdf";
            case DCTERMS -> "dcterms";
            case SLTERMS -> "slterms";
            case SLREQ -> "slreq";
            default -> throw new IllegalArgumentException("not a manifest namespace: " + namespace);
        };
    }
}

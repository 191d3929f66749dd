package eu.stratuslab.marketplace.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import eu.stratuslab.authn.http.UnreadBody;
import eu.stratuslab.marketplace.manifest.ImageIdentifier;
import eu.stratuslab.marketplace.manifest.Manifest;
import eu.stratuslab.marketplace.manifest.ManifestDates;
import eu.stratuslab.marketplace.manifest.ManifestEntry;

/**
 * The marketplace-compatible HTTP endpoint (hooks.md §6, docs/marketplace.md), paths relative to
 * its context:
 *
 * <ul>
 *   <li>{@code GET /metadata/<id>}: {@code <metadata>} with, per endorser, the latest current
 *       entry; 404 when none;</li>
 *   <li>{@code GET /metadata/<id>/<email>/<created>}: that entry (its signed document);</li>
 *   <li>{@code GET /metadata/}: every current entry, as {@code <metadata>} or, with
 *       {@code Accept: application/json}, a JSON array;</li>
 *   <li>{@code POST /metadata/}: a signed entry, from anyone; 201 with the entry URL;</li>
 *   <li>{@code POST /images/}: the administrator publishes an image (upload or {@code location});</li>
 *   <li>{@code GET /images/<id>[.gz]}: a stored image.</li>
 * </ul>
 *
 * Refusals are 4xx with a plain-text reason; unexpected failures are logged and answered 500
 * without details.
 */
public final class MarketplaceHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(MarketplaceHandler.class);
    static final String XML = "application/xml; charset=UTF-8";
    static final String TEXT = "text/plain; charset=UTF-8";
    static final String JSON = "application/json; charset=UTF-8";
    static final String REALM = "StratusLab marketplace";
    private static final int MAX_FORM_BYTES = 64 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final MarketplaceService service;
    private final AdministratorGate gate;
    private final Handler publishChain;

    /** Administrator check only, no authentication in front of {@code POST /images/}. */
    public MarketplaceHandler(MarketplaceService service, AdministratorGate gate) {
        this(service, gate, UnaryOperator.identity());
    }

    /**
     * @param adminAuthentication wraps the publishing handler, e.g.
     *        {@code next -> new BasicAuthHandler(authenticator, realm, null, next)}; only
     *        {@code POST /images/} passes through it, so reading stays anonymous
     */
    public MarketplaceHandler(MarketplaceService service, AdministratorGate gate,
            UnaryOperator<Handler> adminAuthentication) {
        super(InvocationType.BLOCKING);
        this.service = Objects.requireNonNull(service, "service");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.publishChain = Objects.requireNonNull(adminAuthentication.apply(new PublishHandler()),
                "adminAuthentication result");
        addBean(publishChain);
    }

    @Override
    public void setServer(Server server) {
        super.setServer(server);
        publishChain.setServer(server);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        try {
            route(request, response, callback, method, segments(path));
        } catch (MarketplaceRequestException e) {
            refuse(request, response, callback, e);
        } catch (Exception e) {
            LOG.error("marketplace request {} {} failed", method, path, e);
            if (response.isCommitted()) {
                callback.failed(e);
            } else {
                text(response, callback, 500, "internal error of the marketplace (details are in its log)");
            }
        }
        return true;
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : (path == null ? "" : path).split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private void route(Request request, Response response, Callback callback, String method, List<String> s)
            throws Exception {
        boolean read = "GET".equals(method) || "HEAD".equals(method);
        if (s.isEmpty()) {
            throw new MarketplaceRequestException(404, "no such marketplace resource; try " + "/metadata/");
        }
        switch (s.get(0)) {
            case "metadata" -> {
                if (s.size() == 1 && read) {
                    listing(request, response, callback);
                } else if (s.size() == 1 && "POST".equals(method)) {
                    post(request, response, callback);
                } else if ((s.size() == 2 || s.size() == 4) && read) {
                    if (s.size() == 2) {
                        current(request, response, callback, s.get(1));
                    } else {
                        oneEntry(request, response, callback, s.get(1), s.get(2), s.get(3));
                    }
                } else if (s.size() == 1 || s.size() == 2 || s.size() == 4) {
                    notAllowed(response, callback, s.size() == 1 ? "GET, HEAD, POST" : "GET, HEAD");
                } else {
                    throw new MarketplaceRequestException(404, "no such marketplace resource: /" + String.join("/", s));
                }
            }
            case "images" -> {
                if (s.size() == 1 && "POST".equals(method)) {
                    if (!publishChain.handle(request, response, callback)) {
                        text(response, callback, 404, "not found");
                    }
                } else if (s.size() == 2 && read) {
                    image(request, response, callback, s.get(1));
                } else if (s.size() <= 2) {
                    notAllowed(response, callback, s.size() == 1 ? "POST" : "GET, HEAD");
                } else {
                    throw new MarketplaceRequestException(404, "no such marketplace resource: /" + String.join("/", s));
                }
            }
            default -> throw new MarketplaceRequestException(404, "no such marketplace resource: /"
                    + String.join("/", s));
        }
    }

    // ---------------------------------------------------------------- reading

    private void current(Request request, Response response, Callback callback, String id)
            throws MarketplaceRequestException {
        if (!ImageIdentifier.isIdentifier(id)) {
            throw new MarketplaceRequestException(404, "'" + id + "' is not an image identifier");
        }
        List<StoredEntry> entries = service.current(id);
        if (entries.isEmpty()) {
            throw new MarketplaceRequestException(404, "no valid entry for image " + id);
        }
        send(request, response, callback, 200, XML, Manifest.of(entries.stream().map(StoredEntry::entry).toList()).toXml());
    }

    private void oneEntry(Request request, Response response, Callback callback, String id, String email,
            String created) throws MarketplaceRequestException {
        StoredEntry entry = service.entry(id, email, created).orElseThrow(() -> new MarketplaceRequestException(404,
                "no entry of image " + id + " by " + email + " created " + created));
        send(request, response, callback, 200, XML, entry.entry().toXml());
    }

    private void listing(Request request, Response response, Callback callback) {
        List<StoredEntry> entries = service.currentAll();
        if (wantsJson(request)) {
            ArrayNode array = MAPPER.createArrayNode();
            for (StoredEntry e : entries) {
                array.add(summary(e));
            }
            send(request, response, callback, 200, JSON, (array.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        } else {
            send(request, response, callback, 200, XML,
                    Manifest.of(entries.stream().map(StoredEntry::entry).toList()).toXml());
        }
    }

    /** One listing line: what a CLI shows or needs to start or check an image. */
    private ObjectNode summary(StoredEntry stored) {
        ManifestEntry e = stored.entry();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("identifier", stored.identifier());
        n.put("title", e.title().orElse(null));
        n.put("description", e.description().orElse(null));
        n.put("endorser", stored.endorser());
        n.put("created", stored.createdKey());
        n.put("valid", e.valid().map(ManifestDates::format).orElse(null));
        n.put("location", e.locations().isEmpty() ? null : e.locations().get(0));
        ArrayNode locations = n.putArray("locations");
        e.locations().forEach(locations::add);
        if (e.bytes().isPresent()) {
            n.put("bytes", e.bytes().getAsLong());
        } else {
            n.putNull("bytes");
        }
        n.put("sha1", e.sha1().orElse(null));
        n.put("os", e.os().orElse(null));
        n.put("os-arch", e.osArch().orElse(null));
        n.put("os-version", e.osVersion().orElse(null));
        n.put("version", e.version().orElse(null));
        n.put("format", e.format().orElse(null));
        n.put("compression", e.compression().orElse(null));
        n.put("url", service.entryUri(stored).toString());
        return n;
    }

    private static boolean wantsJson(Request request) {
        for (String type : request.getHeaders().getQualityCSV(HttpHeader.ACCEPT)) {
            String t = type.toLowerCase(Locale.ROOT);
            if (t.startsWith("application/json")) {
                return true;
            }
            if (t.startsWith("application/xml") || t.startsWith("text/xml") || t.startsWith("*/*")) {
                return false;
            }
        }
        return false;
    }

    private void image(Request request, Response response, Callback callback, String name) throws IOException,
            MarketplaceRequestException {
        Path file = service.imageFile(name)
                .orElseThrow(() -> new MarketplaceRequestException(404, "no stored image " + name));
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, name.endsWith(".gz") ? "application/gzip"
                : "application/octet-stream");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, Files.size(file));
        if ("HEAD".equals(request.getMethod())) {
            response.write(true, null, callback);
            return;
        }
        try (InputStream in = Files.newInputStream(file); OutputStream out = Content.Sink.asOutputStream(response)) {
            in.transferTo(out);
        }
        callback.succeeded();
    }

    // ---------------------------------------------------------------- posting

    private void post(Request request, Response response, Callback callback) throws Exception {
        int max = service.maxManifestBytes();
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declared > max) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            throw new MarketplaceRequestException(413, "manifest too large: more than " + max + " bytes");
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(max + 1);
        }
        if (body.length > max) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            throw new MarketplaceRequestException(413, "manifest too large: more than " + max + " bytes");
        }
        List<StoredEntry> stored = service.accept(body);
        StringBuilder text = new StringBuilder();
        for (StoredEntry e : stored) {
            text.append(service.entryUri(e)).append('\n');
        }
        response.getHeaders().put(HttpHeader.LOCATION, service.entryUri(stored.get(0)).toString());
        text(response, callback, 201, text.toString());
    }

    /** {@code POST /images/}, behind the optional authentication wrapper. */
    private final class PublishHandler extends Handler.Abstract {

        PublishHandler() {
            super(InvocationType.BLOCKING);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            try {
                publish(request, response, callback);
            } catch (MarketplaceRequestException e) {
                refuse(request, response, callback, e);
            } catch (Exception e) {
                LOG.error("publishing an image failed", e);
                text(response, callback, 500, "internal error of the marketplace (details are in its log)");
            }
            return true;
        }
    }

    private void publish(Request request, Response response, Callback callback) throws Exception {
        if (!gate.isAdministrator(request)) {
            if (request.getHeaders().get(HttpHeader.AUTHORIZATION) == null) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
                throw new MarketplaceRequestException(401, "only the site administrator may publish images;"
                        + " authenticate first");
            }
            throw new MarketplaceRequestException(403, "only the site administrator may publish images");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Fields query = Request.extractQueryParameters(request);
        for (Fields.Field f : query) {
            params.put(f.getName(), f.getValue());
        }
        String contentType = Optional.ofNullable(request.getHeaders().get(HttpHeader.CONTENT_TYPE)).orElse("")
                .toLowerCase(Locale.ROOT);
        long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (contentType.startsWith("multipart/")) {
            throw new MarketplaceRequestException(415, "send the image as the request body (curl --data-binary"
                    + " @image.img), not as a multipart form");
        }
        boolean form = contentType.startsWith("application/x-www-form-urlencoded");
        if (form) {
            params.putAll(readForm(request));
        }
        String location = params.get("location");
        if (form && (location == null || location.isBlank())) {
            throw MarketplaceRequestException.badRequest("a form publication needs a 'location' parameter (the image"
                    + " URL); to upload the image itself, send it as the request body with Content-Type"
                    + " application/octet-stream");
        }
        if (!form && location != null && declared > 0) {
            throw MarketplaceRequestException.badRequest("give either an image in the body or a 'location', not both");
        }
        if (!form && location == null && declared > service.maxImageBytes()) {
            // Refused before the body is read: with Expect: 100-continue the client never sends it,
            // and without it the answer does not race the client's upload against our close.
            throw new MarketplaceRequestException(413, "the image is larger than " + service.maxImageBytes()
                    + " bytes");
        }
        ImageDescription description;
        ImageSource source;
        try {
            description = ImageDescription.fromParameters(params);
            source = location != null
                    ? ImageSource.location(URI.create(location.strip()))
                    : ImageSource.upload(Streams.clientBody(Content.Source.asInputStream(request)));
        } catch (IllegalArgumentException e) {
            throw MarketplaceRequestException.badRequest(e.getMessage());
        }
        PublishResult result = service.publish(source, description);
        response.getHeaders().put(HttpHeader.LOCATION, result.manifestUri().toString());
        if (wantsJson(request)) {
            ObjectNode n = MAPPER.createObjectNode();
            n.put("identifier", result.identifier());
            n.put("image", result.imageUri().toString());
            n.put("manifest", result.manifestUri().toString());
            n.put("location", result.location());
            send(request, response, callback, 201, JSON, (n.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
        } else {
            text(response, callback, 201, "identifier " + result.identifier() + "\nimage " + result.imageUri()
                    + "\nmanifest " + result.manifestUri() + "\nlocation " + result.location() + "\n");
        }
    }

    private static Map<String, String> readForm(Request request) throws IOException, MarketplaceRequestException {
        byte[] data;
        try (InputStream in = Content.Source.asInputStream(request)) {
            data = in.readNBytes(MAX_FORM_BYTES + 1);
        }
        if (data.length > MAX_FORM_BYTES) {
            throw new MarketplaceRequestException(413, "form too large: more than " + MAX_FORM_BYTES + " bytes");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : new String(data, StandardCharsets.UTF_8).strip().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw MarketplaceRequestException.badRequest("malformed form body: " + e.getMessage());
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- answers

    private static void notAllowed(Response response, Callback callback, String allow) {
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        text(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "method not allowed; use " + allow);
    }

    private static void send(Request request, Response response, Callback callback, int status, String type,
            byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if ("HEAD".equals(request.getMethod())) {
            response.write(true, null, callback);
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
    }

    /** Answers a client error, first dropping a small unread body ({@link UnreadBody}). */
    private static void refuse(Request request, Response response, Callback callback, MarketplaceRequestException e) {
        UnreadBody.dropIfSmall(request);
        text(response, callback, e.status(), e.getMessage());
    }

    private static void text(Response response, Callback callback, int status, String message) {
        byte[] body = (message.endsWith("\n") ? message : message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, TEXT);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}

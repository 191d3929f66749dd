package eu.stratuslab.pdisk.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.stratuslab.authn.AuthenticatedUser;
import eu.stratuslab.pdisk.backend.BackendException;
import eu.stratuslab.pdisk.backend.BackendUnsupportedException;
import eu.stratuslab.pdisk.db.MountRepository;
import eu.stratuslab.pdisk.db.RepositoryException;
import eu.stratuslab.infra.exec.CommandFailedException;
import eu.stratuslab.infra.exec.CommandTimeoutException;
import eu.stratuslab.pdisk.model.Disk;
import eu.stratuslab.pdisk.model.Mount;
import eu.stratuslab.pdisk.service.Caller;
import eu.stratuslab.pdisk.service.DiskService;
import eu.stratuslab.pdisk.service.MountService;
import eu.stratuslab.pdisk.service.PdiskException;

/**
 * The REST resources of pdisk-api.md §4 below one authentication prefix ({@code /pswd} or
 * {@code /cert}). It expects an authentication wrapper in front that has set
 * {@link AuthenticatedUser#REQUEST_ATTRIBUTE}; it maps service exceptions to the spec's
 * status codes and messages in the representation the client asked for.
 */
public final class PdiskApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(PdiskApiHandler.class);

    /** Malformed requests: one line each, at most 10 a minute (issue 13 item 6). */
    private final eu.stratuslab.infra.log.RateLimitedLog badRequests = new eu.stratuslab.infra.log.RateLimitedLog(
            LOG, 10, java.time.Duration.ofMinutes(1));

    private static String printable(String text) {
        String t = text == null ? "" : text.replaceAll("\\p{Cntrl}", " ");
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    /** The largest body other than an image upload (forms, JSON). */
    public static final int MAX_FORM_BYTES = RequestBody.MAX_FORM_BYTES;

    private final DiskService disks;
    private final MountService mounts;
    private final MountRepository mountRepository;
    private final String serviceUser;
    private final Path uploadDir;

    public PdiskApiHandler(DiskService disks, MountService mounts, MountRepository mountRepository, String serviceUser,
            Path uploadDir) {
        super(InvocationType.BLOCKING);
        this.disks = disks;
        this.mounts = mounts;
        this.mountRepository = mountRepository;
        this.serviceUser = serviceUser;
        this.uploadDir = uploadDir;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String full = Request.getPathInContext(request);
        String prefix = full.startsWith("/cert") ? "/cert" : "/pswd";
        String path = full.startsWith(prefix) ? full.substring(prefix.length()) : full;
        Object user = request.getAttribute(AuthenticatedUser.REQUEST_ATTRIBUTE);
        Caller caller = user instanceof AuthenticatedUser au
                ? new Caller(au.identity(), au.accountName(), au.identity().equals(serviceUser)) : null;
        Exchange ex = new Exchange(request, response, callback, baseUrl(request, prefix), caller);
        try {
            if (caller == null) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"StratusLab Password Realm\"");
                throw new PdiskException(401, "authentication required");
            }
            route(ex, segments(path));
        } catch (PdiskException e) {
            if (e.status() == 400 || e.status() == 413) {
                badRequests.warn("bad pdisk request from {}: {} {}: {}", Request.getRemoteAddr(request),
                        request.getMethod(), request.getHttpURI().getPath(), printable(e.getMessage()));
            }
            ex.error(e.status(), e.getMessage());
        } catch (CommandFailedException | BackendException | CommandTimeoutException e) {
            ex.error(500, e.getMessage());
        } catch (BackendUnsupportedException e) {
            ex.error(501, e.getMessage());
        } catch (RepositoryException e) {
            LOG.error("database failure", e);
            ex.error(500, "database error: " + e.getMessage());
        } catch (Exception e) {
            LOG.error("unexpected failure on {} {}", request.getMethod(), full, e);
            if (!response.isCommitted()) {
                ex.error(500, "internal error: " + e);
            } else {
                callback.failed(e);
            }
        }
        return true;
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Base URL honouring {@code Host} and {@code X-Forwarded-Proto} (§3). */
    private static String baseUrl(Request request, String prefix) {
        String proto = request.getHeaders().get("X-Forwarded-Proto");
        String scheme = proto != null ? proto : request.getHttpURI().getScheme();
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null) {
            host = Request.getServerName(request) + ":" + Request.getServerPort(request);
        }
        return scheme + "://" + host + Request.getContextPath(request) + prefix + "/";
    }

    private void route(Exchange ex, List<String> seg) throws Exception {
        if (seg.isEmpty()) {
            home(ex);
            return;
        }
        switch (seg.get(0)) {
            case "disks" -> {
                if (seg.size() == 1) {
                    disksCollection(ex);
                } else if (seg.size() == 2) {
                    disk(ex, seg.get(1));
                } else if (seg.get(2).equals("mounts") && seg.size() == 3) {
                    mountsCollection(ex, seg.get(1));
                } else if (seg.get(2).equals("mounts") && seg.size() == 4) {
                    mount(ex, seg.get(1), seg.get(3));
                } else if (seg.get(2).equals("turl") && seg.size() == 3) {
                    requireMethod(ex, "GET", "HEAD");
                    String turl = disks.turl(seg.get(1));
                    respond(ex, JsonViews.turl(seg.get(1), turl), "TURL", HtmlViews.fields(Map.of("uuid", seg.get(1), "turl", turl)));
                } else {
                    throw PdiskException.notFound("resource not found");
                }
            }
            case "instances" -> instances(ex, seg);
            default -> throw PdiskException.notFound("resource not found");
        }
    }

    private void home(Exchange ex) {
        requireMethod(ex, "GET", "HEAD");
        if (ex.media == Media.JSON) {
            ex.json(200, JsonViews.MAPPER.createObjectNode().put("service", "pdisk").put("user", ex.caller.identity()));
        } else if (ex.media == Media.TEXT) {
            ex.text(200, "StratusLab Persistent Disk Service\n");
        } else {
            ex.html(200, "StratusLab Persistent Disk Service", HtmlViews.home());
        }
    }

    private void disksCollection(Exchange ex) throws Exception {
        switch (ex.method) {
            case "GET", "HEAD" -> {
                List<Disk> list = disks.list(ex.caller);
                respond(ex, JsonViews.list(list), "Disks", HtmlViews.diskList(list));
            }
            case "POST" -> {
                String ct = ex.contentType();
                Disk d;
                if (ct != null && ct.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
                    d = upload(ex, ct);
                    ex.seeOther("disks/" + d.uuid());
                    return;
                }
                Map<String, String> form = formOrEmpty(ex);
                d = disks.create(ex.caller, form);
                if (ex.media == Media.HTML) {
                    ex.seeOther("disks/" + d.uuid());
                } else {
                    ex.json(201, JsonViews.uuid(d.uuid()));
                }
            }
            default -> throw notAllowed();
        }
    }

    private Disk upload(Exchange ex, String contentType) throws Exception {
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw PdiskException.badRequest("multipart body without boundary");
        }
        MultiPartFormData.Parser parser = new MultiPartFormData.Parser(boundary);
        parser.setFilesDirectory(uploadDir);
        parser.setMaxMemoryFileSize(1 << 20);
        parser.setMaxParts(16);
        MultiPartFormData.Parts parts;
        try {
            parts = parser.parse(ex.request).get();
        } catch (ExecutionException e) {
            throw PdiskException.badRequest("malformed multipart body: " + e.getCause().getMessage());
        }
        try (parts) {
            MultiPart.Part image = null;
            for (MultiPart.Part p : parts) {
                if (p.getFileName() != null) {
                    image = p; // the last file part is the image (§5.3)
                }
            }
            if (image == null) {
                throw PdiskException.badRequest("empty file uploaded");
            }
            try (InputStream in = Content.Source.asInputStream(image.createContentSource())) {
                return disks.upload(ex.caller, in);
            }
        }
    }

    private void disk(Exchange ex, String uuid) throws Exception {
        switch (ex.method) {
            case "GET", "HEAD" -> {
                Disk d = disks.view(ex.caller, uuid);
                if (ex.media == Media.GZIP && !ex.isHead()) {
                    ex.stream(200, "application/x-gzip", "attachment; filename=\"" + uuid + ".gz\"",
                            out -> disks.download(ex.caller, uuid, out));
                    return;
                }
                respond(ex, JsonViews.disk(d), "Disk " + uuid,
                        "true".equals(ex.query.getValue("edit")) ? editForm(d) : HtmlViews.disk(d));
            }
            case "PUT" -> {
                disks.view(ex.caller, uuid);
                Map<String, String> form = RequestBody.readFields(ex.contentType(), Request.asInputStream(ex.request));
                if (form == null) {
                    throw PdiskException.badRequest("post with null entity");
                }
                Disk d = disks.update(ex.caller, uuid, form);
                boolean jsonBody = ex.contentType() != null && ex.contentType().startsWith("application/json");
                if (jsonBody && ex.media == Media.JSON) {
                    ex.json(200, JsonViews.disk(d));
                } else {
                    ex.seeOther("disks/" + uuid);
                }
            }
            case "POST" -> {
                Disk d = disks.copyOrRebase(ex.caller, uuid);
                if (ex.media == Media.HTML) {
                    ex.seeOther("disks/" + d.uuid());
                } else {
                    ex.json(200, JsonViews.disk(d));
                }
            }
            case "DELETE" -> {
                disks.delete(ex.caller, uuid);
                if (ex.media == Media.HTML) {
                    ex.seeOther("disks/");
                } else {
                    ex.json(200, JsonViews.uuid(uuid));
                }
            }
            default -> throw notAllowed();
        }
    }

    private static String editForm(Disk d) {
        return "<form method=\"post\" action=\"disks/" + d.uuid() + "?method=put\">Tag <input name=\"tag\" value=\""
                + HtmlViews.escape(d.tag()) + "\"> <select name=\"visibility\"><option>PRIVATE</option><option"
                + (d.isPublic() ? " selected" : "") + ">PUBLIC</option></select> <input type=\"submit\" value=\"Save\"></form>";
    }

    private void mountsCollection(Exchange ex, String uuid) throws Exception {
        switch (ex.method) {
            case "GET", "HEAD" -> {
                List<Mount> list = mounts.list(uuid);
                respond(ex, JsonViews.mounts(list), "Mounts of " + uuid, HtmlViews.mounts(uuid, list));
            }
            case "POST" -> {
                Map<String, String> form = formOrEmpty(ex);
                MountService.MountResult r = mounts.attach(ex.caller, uuid, form, pdiskUri(ex, uuid));
                if (ex.media == Media.HTML) {
                    ex.seeOther("disks/" + uuid + "/mounts/" + r.mount().id());
                } else {
                    ex.json(200, JsonViews.attached(r.node(), r.mount()));
                }
            }
            default -> throw notAllowed();
        }
    }

    private void mount(Exchange ex, String uuid, String mountId) {
        switch (ex.method) {
            case "GET", "HEAD" -> {
                Mount m = mounts.get(uuid, mountId);
                respond(ex, JsonViews.mount(m), "Mount " + mountId, HtmlViews.fields(Map.of("diskId", m.diskUuid(),
                        "mountId", m.id(), "vmId", m.vmId(), "target", m.device()))
                        + "<form method=\"post\" action=\"disks/" + uuid + "/mounts/" + HtmlViews.escape(mountId)
                        + "?method=delete\"><input type=\"submit\" value=\"Unmount\"></form>");
            }
            case "DELETE" -> {
                boolean metadataOnly = ex.query.get("metadata_only") != null;
                MountService.MountResult r = mounts.detach(ex.caller, uuid, mountId, metadataOnly, pdiskUri(ex, uuid));
                if (ex.media == Media.HTML) {
                    ex.seeOther("disks/" + uuid + "/mounts/");
                } else {
                    ex.json(200, JsonViews.mount(r.mount()));
                }
            }
            default -> throw notAllowed();
        }
    }

    private void instances(Exchange ex, List<String> seg) {
        requireMethod(ex, "GET", "HEAD");
        var visible = mountRepository.listInstances().stream()
                .filter(i -> ex.caller.superuser() || ex.caller.owns(i.owner()))
                .filter(i -> seg.size() < 2 || i.vmId().equals(seg.get(1))).toList();
        if (seg.size() >= 2 && visible.isEmpty()) {
            throw PdiskException.notFound("instance (" + seg.get(1) + ") does not exist");
        }
        StringBuilder html = new StringBuilder("<table><tr><th>VM ID</th><th>Node</th><th>Owner</th></tr>");
        visible.forEach(i -> html.append("<tr><td>").append(HtmlViews.escape(i.vmId())).append("</td><td>")
                .append(HtmlViews.escape(i.node())).append("</td><td>").append(HtmlViews.escape(i.owner())).append("</td></tr>"));
        respond(ex, JsonViews.instances(visible), "Instances", html.append("</table>").toString());
    }

    /** The pdisk URI the node tool registers mounts with: {@code pdisk://<host>/<context>/<uuid>}. */
    private static String pdiskUri(Exchange ex, String uuid) {
        String host = ex.request.getHeaders().get(HttpHeader.HOST);
        return "pdisk://" + (host == null ? "localhost" : host) + Request.getContextPath(ex.request) + "/" + uuid;
    }

    private static Map<String, String> formOrEmpty(Exchange ex) throws IOException {
        Map<String, String> form = RequestBody.readFields(ex.contentType(), Request.asInputStream(ex.request));
        return form == null ? Map.of() : form;
    }

    private static void respond(Exchange ex, Object json, String title, String html) {
        if (ex.media == Media.HTML) {
            ex.html(200, title, html);
        } else {
            ex.json(200, json);
        }
    }

    private static void requireMethod(Exchange ex, String... allowed) {
        if (!Arrays.asList(allowed).contains(ex.method)) {
            throw notAllowed();
        }
    }

    private static PdiskException notAllowed() {
        return new PdiskException(405, "method not allowed");
    }
}

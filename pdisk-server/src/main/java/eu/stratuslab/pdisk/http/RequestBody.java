package eu.stratuslab.pdisk.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import eu.stratuslab.pdisk.service.PdiskException;

/** Reads small form or JSON bodies into a field map; anything malformed is a 400. */
final class RequestBody {

    static final int MAX_FORM_BYTES = 1 << 20;

    private RequestBody() {
    }

    /** Returns null when there is no body at all. */
    static Map<String, String> readFields(String contentType, InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_FORM_BYTES + 1);
        if (data.length > MAX_FORM_BYTES) {
            throw new PdiskException(413, "request body too large (at most " + MAX_FORM_BYTES + " bytes)");
        }
        if (data.length == 0) {
            return null;
        }
        String text = new String(data, StandardCharsets.UTF_8);
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (ct.startsWith("application/json") || (!ct.startsWith("application/x-www-form-urlencoded")
                && text.stripLeading().startsWith("{"))) {
            return parseJson(text);
        }
        return parseForm(text);
    }

    static Map<String, String> parseForm(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.strip().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(key, value);
            } catch (IllegalArgumentException e) {
                throw PdiskException.badRequest("malformed form body: " + e.getMessage());
            }
        }
        return out;
    }

    static Map<String, String> parseJson(String text) {
        JsonNode node;
        try {
            node = JsonViews.MAPPER.readTree(text);
        } catch (IOException e) {
            throw PdiskException.badRequest("malformed JSON body");
        }
        if (node == null || !node.isObject()) {
            throw PdiskException.badRequest("malformed JSON body: an object is expected");
        }
        Map<String, String> out = new LinkedHashMap<>();
        var it = node.fields();
        while (it.hasNext()) {
            var e = it.next();
            JsonNode v = e.getValue();
            if (v.isContainerNode()) {
                throw PdiskException.badRequest("malformed JSON body: value of " + e.getKey() + " must be a string");
            }
            out.put(e.getKey(), v.isNull() ? "" : v.asText());
        }
        return out;
    }
}

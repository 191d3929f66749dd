package eu.stratuslab.hooks.save;

import eu.stratuslab.template.Template;
import eu.stratuslab.template.VectorAttribute;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a VM asks to be saved (hooks.md §4.2 trigger, template.md §2 {@code CREATE_IMAGE}): the root
 * disk (DISK_ID 0) with {@code SAVE=yes}, case-insensitive, and the {@code CREATE_IMAGE} metadata,
 * missing keys being empty. {@code SAVE=yes} on any other disk is ignored.
 *
 * @param rootSource  SOURCE of DISK_ID 0, as the template has it
 * @param createImage the {@code CREATE_IMAGE} values by upper-case key
 */
public record SaveRequest(String rootSource, Map<String, String> createImage) {

    public static final String CREATOR_EMAIL = "CREATOR_EMAIL";
    public static final String CREATOR_NAME = "CREATOR_NAME";
    public static final String NEWIMAGE_TITLE = "NEWIMAGE_TITLE";
    public static final String NEWIMAGE_COMMENT = "NEWIMAGE_COMMENT";
    public static final String NEWIMAGE_VERSION = "NEWIMAGE_VERSION";
    public static final String NEWIMAGE_MARKETPLACE = "NEWIMAGE_MARKETPLACE";
    public static final String MSG_TYPE = "MSG_TYPE";

    public SaveRequest {
        rootSource = rootSource == null ? "" : rootSource.strip();
        createImage = Map.copyOf(createImage);
    }

    /** The request of a VM template, empty when DISK_ID 0 does not say {@code SAVE=yes}. */
    public static Optional<SaveRequest> of(Template template) {
        VectorAttribute root = rootDisk(template);
        if (root == null || root.get("SAVE") == null || !"yes".equals(root.get("SAVE").strip().toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        VectorAttribute create = template.firstVector("CREATE_IMAGE");
        if (create != null) {
            create.values().forEach((k, v) -> metadata.put(k.toUpperCase(Locale.ROOT), v == null ? "" : v.strip()));
        }
        return Optional.of(new SaveRequest(root.get("SOURCE"), metadata));
    }

    /** DISK_ID 0, or the first DISK of a template whose disks have no DISK_ID yet. */
    private static VectorAttribute rootDisk(Template template) {
        VectorAttribute first = null;
        for (VectorAttribute disk : template.vectors("DISK")) {
            String id = disk.get("DISK_ID");
            if (id != null && "0".equals(id.strip())) {
                return disk;
            }
            if (first == null && id == null) {
                first = disk;
            }
        }
        return first;
    }

    /** A {@code CREATE_IMAGE} value, {@code ""} when missing. */
    public String value(String key) {
        return createImage.getOrDefault(key, "");
    }
}

package eu.stratuslab.pdisk.backend;

import java.util.regex.Pattern;

/** Volume names are lower-case UUIDs; checked again here so no caller can pass a path. */
public final class VolumeNames {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private VolumeNames() {
    }

    public static boolean isUuid(String s) {
        return s != null && UUID.matcher(s).matches();
    }

    public static String require(String uuid) {
        if (!isUuid(uuid)) {
            throw new IllegalArgumentException("not a volume uuid: " + uuid);
        }
        return uuid;
    }

    public static String iqn(String uuid) {
        return "iqn.2011-01.eu.stratuslab:" + require(uuid);
    }
}

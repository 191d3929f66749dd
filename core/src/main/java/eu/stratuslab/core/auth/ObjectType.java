package eu.stratuslab.core.auth;

/** Object types with their ACL resource bits and the names used in messages (xmlrpc-api.md §4.5). */
public enum ObjectType {
    VM(0x1000000000L, "virtual machine"),
    HOST(0x2000000000L, "host"),
    NET(0x4000000000L, "virtual network"),
    IMAGE(0x8000000000L, "image"),
    USER(0x10000000000L, "user"),
    TEMPLATE(0x20000000000L, "virtual machine template"),
    GROUP(0x40000000000L, "group"),
    ACL(0x80000000000L, "ACL");

    private final long aclBit;
    private final String objectName;

    ObjectType(long aclBit, String objectName) {
        this.aclBit = aclBit;
        this.objectName = objectName;
    }

    public long aclBit() {
        return aclBit;
    }

    /** The name used in messages such as "Error getting virtual machine [5]." */
    public String objectName() {
        return objectName;
    }
}

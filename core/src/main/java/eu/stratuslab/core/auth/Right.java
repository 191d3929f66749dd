package eu.stratuslab.core.auth;

/** Operations with their ACL rights bits. */
public enum Right {
    USE(1), MANAGE(2), ADMIN(4), CREATE(8);

    private final int bit;

    Right(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }
}

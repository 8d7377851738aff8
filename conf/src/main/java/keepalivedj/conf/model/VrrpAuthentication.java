package keepalivedj.conf.model;

import keepalivedj.conf.Position;

/**
 * {@code authentication { auth_type PASS|AH; auth_pass STR }} of a VRRPv2 IPv4 instance. {@code password} is
 * already truncated to keepalived's 8 characters. Absent (null in {@link VrrpInstance}) when no authentication is
 * in effect, including when keepalived would ignore it (strict mode, v3, IPv6 with AH, no password).
 */
public record VrrpAuthentication(Type type, String password, Position position) {

    /** {@code auth_type}: PASS is the 8-byte cleartext password, AH the IPsec AH header. */
    public enum Type {
        PASS,
        AH
    }
}

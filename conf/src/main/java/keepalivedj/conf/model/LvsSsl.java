package keepalivedj.conf.model;

import keepalivedj.conf.Position;

/**
 * The top-level {@code SSL { password; ca; certificate; key }} block: the TLS context SSL_GET checkers use. Each
 * field is null when not given; all null means keepalived's auto-generated context.
 */
public record LvsSsl(String password, String ca, String certificate, String key, Position position) {
}

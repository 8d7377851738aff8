package keepalivedj.netlink;

import java.util.HexFormat;

/** Golden vectors as hex with free spacing and '|' separators, so each field group can be read. */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String spaced) {
        return HexFormat.of().parseHex(spaced.replaceAll("[\\s|]", ""));
    }

    public static String of(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}

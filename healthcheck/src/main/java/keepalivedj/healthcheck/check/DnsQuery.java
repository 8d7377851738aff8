package keepalivedj.healthcheck.check;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;

/**
 * DNS_CHECK's wire format (keepalived.md §a.12): a query with RD set for {@code name} of {@code type}, class IN;
 * a reply is up when it is ours (same id), has QR set and RCODE 0. Pure codec; anything else is a failed probe.
 */
public final class DnsQuery {
    private DnsQuery() {
    }

    public static int typeCode(CheckerSpec.DnsType t) {
        switch (t) {
            case A:
                return 1;
            case NS:
                return 2;
            case CNAME:
                return 5;
            case SOA:
                return 6;
            case MX:
                return 15;
            case TXT:
                return 16;
            default:
                return 28;
        }
    }

    /** The query bytes; {@code name} "" or "." is the root. */
    public static byte[] encode(int id, String name, CheckerSpec.DnsType type) {
        ByteBuffer b = ByteBuffer.allocate(512);
        b.putShort((short) id).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        String n = name == null ? "" : name;
        for (String label : n.split("\\.")) {
            if (label.isEmpty()) {
                continue;
            }
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            if (l.length > 63 || b.remaining() < l.length + 6) {
                throw new IllegalArgumentException("DNS name not encodable: " + name);
            }
            b.put((byte) l.length).put(l);
        }
        b.put((byte) 0).putShort((short) typeCode(type)).putShort((short) 1);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    public static Probe judge(int id, ByteBuffer reply) {
        if (reply.remaining() < 12) {
            return Probe.failed(Failure.MALFORMED, "reply of " + reply.remaining() + " bytes is not DNS");
        }
        int gotId = reply.getShort(reply.position()) & 0xffff;
        int flags = reply.getShort(reply.position() + 2) & 0xffff;
        if (gotId != id) {
            return Probe.failed(Failure.MALFORMED, "reply id " + gotId + " (expected: " + id + ")");
        }
        if ((flags & 0x8000) == 0) {
            return Probe.failed(Failure.DNS_RCODE, "reply without QR");
        }
        int rcode = flags & 0x000f;
        if (rcode != 0) {
            return Probe.failed(Failure.DNS_RCODE, "RCODE " + rcode);
        }
        return Probe.success("RCODE 0");
    }
}

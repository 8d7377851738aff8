package keepalivedj.netlink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The replies still owed for one sent batch of requests (sequence numbers firstSeq..firstSeq+count-1), fed one
 * received message at a time. A request is complete at its ACK, its error or its NLMSG_DONE; in a batch sent without
 * per-request ACKs, everything is complete at the barrier's ACK. Messages for other sequence numbers or port ids are
 * counted as stray, ACKs that cannot be parsed as malformed. Pure: no I/O, so it is tested with byte vectors.
 */
final class PendingReplies {
    private final int firstSeq;
    private final int barrierSeq;
    private final int portId;
    private final NetlinkSocket.Reply[] done;
    private final Map<Integer, List<NlMessage>> data = new HashMap<>();
    private int pending;
    private boolean barrierSeen;
    private long stray;
    private long malformed;

    /** barrierSeq is the sequence number of the trailing NOOP+ACK of a batch, or -1 when each request is ACKed. */
    PendingReplies(int firstSeq, int count, int barrierSeq, int portId) {
        this.firstSeq = firstSeq;
        this.barrierSeq = barrierSeq;
        this.portId = portId;
        this.done = new NetlinkSocket.Reply[count];
        this.pending = count;
    }

    boolean complete() {
        return barrierSeq >= 0 ? barrierSeen : pending == 0;
    }

    /** Takes one received message. */
    void offer(NlMessage m) throws NetlinkException {
        if (m.portId() != portId && m.portId() != 0) {
            stray++;
            return;
        }
        if (barrierSeq >= 0 && m.seq() == barrierSeq && m.type() == NlMessage.NLMSG_ERROR) {
            barrierSeen = true;
            return;
        }
        int idx = m.seq() - firstSeq;
        if (idx < 0 || idx >= done.length || done[idx] != null) {
            stray++;
            return;
        }
        NetlinkSocket.Reply r = step(m, data.computeIfAbsent(idx, k -> new ArrayList<>()));
        if (r != null) {
            done[idx] = r;
            pending--;
        }
    }

    /** One reply per request, in order; requests of a finished batch without an error succeeded. */
    List<NetlinkSocket.Reply> replies() {
        NetlinkSocket.Reply[] out = done.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = new NetlinkSocket.Reply(List.copyOf(data.getOrDefault(i, List.of())), null);
            }
        }
        return List.of(out);
    }

    long stray() {
        return stray;
    }

    long malformed() {
        return malformed;
    }

    /** Advances one request with one message; returns its Reply once complete. */
    private NetlinkSocket.Reply step(NlMessage m, List<NlMessage> soFar) throws NetlinkException {
        switch (m.type()) {
            case NlMessage.NLMSG_ERROR: {
                NlMessage.Ack ack;
                try {
                    ack = m.ack();
                } catch (MalformedMessageException e) {
                    malformed++;
                    throw e;
                }
                return new NetlinkSocket.Reply(List.copyOf(soFar), ack.ok() ? null
                        : new KernelErrorException(ack.errno(), ack.extAck(), "netlink request " + m.seq()));
            }
            case NlMessage.NLMSG_DONE: {
                int errno = m.doneErrno();
                return new NetlinkSocket.Reply(List.copyOf(soFar), errno == 0 ? null
                        : new KernelErrorException(errno, "", "netlink dump " + m.seq()));
            }
            case NlMessage.NLMSG_NOOP:
                return null;
            case NlMessage.NLMSG_OVERRUN:
                throw new NetlinkException("netlink reply overrun (NLMSG_OVERRUN) for request " + m.seq());
            default:
                if ((m.flags() & NlMessage.NLM_F_DUMP_INTR) != 0) {
                    throw new NetlinkException("netlink dump " + m.seq()
                            + " was interrupted by a concurrent change (NLM_F_DUMP_INTR); retry it");
                }
                soFar.add(m);
                return null;
        }
    }
}

package keepalivedj.ipvs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import keepalivedj.netlink.Errno;
import keepalivedj.netlink.GenlFamily;
import keepalivedj.netlink.KernelErrorException;
import keepalivedj.netlink.NetlinkException;
import keepalivedj.netlink.NetlinkSocket;
import keepalivedj.netlink.NlMessage;
import keepalivedj.netlink.NlRequest;

/**
 * {@link Ipvs} over the generic netlink family "IPVS", on one {@link NetlinkSocket} that it owns. It builds
 * requests with {@link IpvsAttributes}, turns kernel errors into {@link IpvsException}s and nothing else: no
 * retries beyond keepalived's SET_DEST-as-NEW_DEST, no caching of the table.
 */
public final class NetlinkIpvs implements Ipvs {
    private final NetlinkSocket socket;
    private final int familyId;

    private NetlinkIpvs(NetlinkSocket socket, int familyId) {
        this.socket = socket;
        this.familyId = familyId;
    }

    /** Connects in the caller's network namespace. */
    public static NetlinkIpvs open() throws NetlinkException {
        return connect(NetlinkSocket.open(NetlinkSocket.NETLINK_GENERIC));
    }

    /** Connects in the namespace of this file (/run/netns/NAME), like keepalived's net_namespace_ipvs. */
    public static NetlinkIpvs openIn(Path netns) throws NetlinkException {
        return connect(NetlinkSocket.openIn(netns, NetlinkSocket.NETLINK_GENERIC));
    }

    private static NetlinkIpvs connect(NetlinkSocket s) throws NetlinkException {
        try {
            GenlFamily f = GenlFamily.resolve(s, IpvsAttributes.FAMILY);
            return new NetlinkIpvs(s, f.id());
        } catch (KernelErrorException e) {
            s.close();
            if (e.errno() == Errno.ENOENT) {
                throw new NetlinkException("IPVS is not available: the kernel has no generic netlink family "
                        + IpvsAttributes.FAMILY + " (is the ip_vs module loaded?)", e);
            }
            throw e;
        } catch (NetlinkException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** The netlink socket's count of replies it could not parse. */
    public long malformedReplies() {
        return socket.malformedReplies();
    }

    @Override
    public IpvsInfo info() throws NetlinkException {
        return IpvsAttributes.parseInfo(one(IpvsCmd.GET_INFO, request(IpvsCmd.GET_INFO, 0)).genlAttributes());
    }

    @Override
    public void addService(IpvsService s) throws NetlinkException {
        run(new IpvsOp.AddService(s));
    }

    @Override
    public void editService(IpvsService s) throws NetlinkException {
        run(new IpvsOp.EditService(s));
    }

    @Override
    public void deleteService(IpvsService s) throws NetlinkException {
        run(new IpvsOp.DeleteService(s));
    }

    @Override
    public List<IpvsService> services() throws NetlinkException {
        List<IpvsService> out = new ArrayList<>();
        for (NlMessage m : call(IpvsCmd.GET_SERVICE, "", request(IpvsCmd.GET_SERVICE, NlMessage.NLM_F_DUMP))) {
            out.add(IpvsAttributes.parseService(m.genlAttributes()));
        }
        return out;
    }

    @Override
    public List<DestinationEntry> destinations(IpvsService s) throws NetlinkException {
        NlRequest r = request(IpvsCmd.GET_DEST, NlMessage.NLM_F_DUMP);
        IpvsAttributes.service(r, s, false);
        List<DestinationEntry> out = new ArrayList<>();
        for (NlMessage m : call(IpvsCmd.GET_DEST, s.toString(), r)) {
            out.add(IpvsAttributes.parseDestination(m.genlAttributes(), s.family()));
        }
        return out;
    }

    @Override
    public List<ServiceEntry> table() throws NetlinkException {
        List<ServiceEntry> out = new ArrayList<>();
        for (IpvsService s : services()) {
            out.add(new ServiceEntry(s, destinations(s)));
        }
        return out;
    }

    @Override
    public void addDestination(IpvsService s, IpvsDestination d) throws NetlinkException {
        run(new IpvsOp.AddDestination(s, d));
    }

    @Override
    public void editDestination(IpvsService s, IpvsDestination d) throws NetlinkException {
        run(new IpvsOp.EditDestination(s, d));
    }

    @Override
    public void deleteDestination(IpvsService s, IpvsDestination d) throws NetlinkException {
        run(new IpvsOp.DeleteDestination(s, d));
    }

    @Override
    public void flush() throws NetlinkException {
        call(IpvsCmd.FLUSH, "", request(IpvsCmd.FLUSH, 0));
    }

    @Override
    public IpvsTimeouts timeouts() throws NetlinkException {
        return IpvsAttributes.parseTimeouts(one(IpvsCmd.GET_CONFIG, request(IpvsCmd.GET_CONFIG, 0))
                .genlAttributes());
    }

    @Override
    public void setTimeouts(IpvsTimeouts t) throws NetlinkException {
        NlRequest r = request(IpvsCmd.SET_CONFIG, 0);
        IpvsAttributes.timeouts(r, t);
        call(IpvsCmd.SET_CONFIG, "", r);
    }

    @Override
    public void startDaemon(SyncDaemon d) throws NetlinkException {
        NlRequest r = request(IpvsCmd.NEW_DAEMON, 0);
        IpvsAttributes.daemon(r, d, true);
        call(IpvsCmd.NEW_DAEMON, d.state() + " sync daemon", r);
    }

    @Override
    public void stopDaemon(SyncDaemon d) throws NetlinkException {
        NlRequest r = request(IpvsCmd.DEL_DAEMON, 0);
        IpvsAttributes.daemon(r, d, false);
        call(IpvsCmd.DEL_DAEMON, d.state() + " sync daemon", r);
    }

    @Override
    public List<SyncDaemon> daemons() throws NetlinkException {
        List<SyncDaemon> out = new ArrayList<>();
        for (NlMessage m : call(IpvsCmd.GET_DAEMON, "", request(IpvsCmd.GET_DAEMON, NlMessage.NLM_F_DUMP))) {
            out.add(IpvsAttributes.parseDaemon(m.genlAttributes()));
        }
        return out;
    }

    @Override
    public List<IpvsOutcome> apply(List<IpvsOp> ops) throws NetlinkException {
        List<NlRequest> reqs = new ArrayList<>(ops.size());
        for (IpvsOp op : ops) {
            reqs.add(op.request(familyId));
        }
        List<NetlinkSocket.Reply> replies = socket.requestAll(reqs);
        IpvsOutcome[] out = new IpvsOutcome[ops.size()];
        List<Integer> retry = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            IpvsOp op = ops.get(i);
            KernelErrorException e = replies.get(i).error();
            if (e != null && op.cmd() == IpvsCmd.SET_DEST && e.errno() == Errno.ENOENT) {
                retry.add(i); // keepalived: an edit of a destination that is not there becomes an add
                continue;
            }
            out[i] = outcome(op, e, IpvsOutcome.Status.DONE);
        }
        if (!retry.isEmpty()) {
            List<IpvsOp> adds = new ArrayList<>();
            List<NlRequest> addReqs = new ArrayList<>();
            for (int i : retry) {
                IpvsOp.EditDestination ed = (IpvsOp.EditDestination) ops.get(i);
                IpvsOp add = new IpvsOp.AddDestination(ed.service(), ed.destination());
                adds.add(add);
                addReqs.add(add.request(familyId));
            }
            List<NetlinkSocket.Reply> again = socket.requestAll(addReqs);
            for (int k = 0; k < retry.size(); k++) {
                IpvsOutcome o = outcome(adds.get(k), again.get(k).error(), IpvsOutcome.Status.ADDED_INSTEAD);
                out[retry.get(k)] = new IpvsOutcome(ops.get(retry.get(k)), o.status(), o.error());
            }
        }
        return List.of(out);
    }

    private static IpvsOutcome outcome(IpvsOp op, KernelErrorException e, IpvsOutcome.Status ok) {
        if (e == null) {
            return new IpvsOutcome(op, ok, null);
        }
        IpvsException ex = new IpvsException(op.cmd(), e.errno(), op.subject(), e.extAck());
        boolean add = op.cmd() == IpvsCmd.NEW_SERVICE || op.cmd() == IpvsCmd.NEW_DEST;
        boolean del = op.cmd() == IpvsCmd.DEL_SERVICE || op.cmd() == IpvsCmd.DEL_DEST;
        if ((add && e.errno() == Errno.EEXIST) || (del && e.errno() == Errno.ENOENT)) {
            return new IpvsOutcome(op, IpvsOutcome.Status.ALREADY, ex);
        }
        return new IpvsOutcome(op, IpvsOutcome.Status.FAILED, ex);
    }

    @Override
    public void close() {
        socket.close();
    }

    private NlRequest request(IpvsCmd cmd, int flags) {
        return IpvsAttributes.request(familyId, cmd, flags);
    }

    private void run(IpvsOp op) throws NetlinkException {
        call(op.cmd(), op.subject(), op.request(familyId));
    }

    private NlMessage one(IpvsCmd cmd, NlRequest r) throws NetlinkException {
        List<NlMessage> m = call(cmd, "", r);
        if (m.size() != 1) {
            throw new keepalivedj.netlink.MalformedMessageException("IPVS " + cmd + " returned " + m.size()
                    + " messages (expected: 1)");
        }
        return m.get(0);
    }

    private List<NlMessage> call(IpvsCmd cmd, String subject, NlRequest r) throws NetlinkException {
        try {
            return socket.request(r);
        } catch (KernelErrorException e) {
            throw new IpvsException(cmd, e.errno(), subject, e.extAck());
        }
    }
}

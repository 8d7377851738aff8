package keepalivedj.ipvs;

import java.util.List;

import keepalivedj.netlink.NetlinkException;

/**
 * The kernel's IPVS table as the daemon and the CLI see it: what ipvsadm can do, as calls. Single commands throw
 * {@link IpvsException} when the kernel refuses them; {@link #apply} runs a batch under keepalived's tolerance
 * rules instead. {@link NetlinkIpvs} is the implementation.
 */
public interface Ipvs extends AutoCloseable {
    IpvsInfo info() throws NetlinkException;

    void addService(IpvsService s) throws NetlinkException;

    /** Changes scheduler, flags and persistence of the service with this key. */
    void editService(IpvsService s) throws NetlinkException;

    void deleteService(IpvsService s) throws NetlinkException;

    /** The services, in the kernel's order. */
    List<IpvsService> services() throws NetlinkException;

    List<DestinationEntry> destinations(IpvsService s) throws NetlinkException;

    /** Every service with its destinations (ipvsadm -L), in the kernel's order. */
    List<ServiceEntry> table() throws NetlinkException;

    void addDestination(IpvsService s, IpvsDestination d) throws NetlinkException;

    void editDestination(IpvsService s, IpvsDestination d) throws NetlinkException;

    void deleteDestination(IpvsService s, IpvsDestination d) throws NetlinkException;

    /** Removes every service (ipvsadm -C). */
    void flush() throws NetlinkException;

    IpvsTimeouts timeouts() throws NetlinkException;

    /** ipvsadm --set; a 0 field leaves that timeout as it is. */
    void setTimeouts(IpvsTimeouts t) throws NetlinkException;

    void startDaemon(SyncDaemon d) throws NetlinkException;

    void stopDaemon(SyncDaemon d) throws NetlinkException;

    List<SyncDaemon> daemons() throws NetlinkException;

    /** Runs the ops in order, pipelined, with keepalived's rules; one outcome per op. */
    List<IpvsOutcome> apply(List<IpvsOp> ops) throws NetlinkException;

    @Override
    void close();
}

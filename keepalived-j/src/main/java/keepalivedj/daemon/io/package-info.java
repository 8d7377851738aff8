/**
 * Packet I/O of the VRRP daemon: whole frames and IP packets in and out of interfaces. Nothing here decodes VRRP,
 * keeps timers or decides anything; the daemon wires these adapters to the codec and the state machines, and owns
 * every thread (receive threads come from its {@link java.util.concurrent.ThreadFactory} and only enqueue).
 *
 * <ul>
 *   <li>{@link keepalivedj.daemon.io.PcapLink}: per interface, receive frames matching a BPF filter (the VRRP one
 *       for the daemon) on a blocking thread, and send any Ethernet frame: multicast adverts, gratuitous ARPs,
 *       unsolicited NAs. The only class that imports pcap4j.</li>
 *   <li>{@link keepalivedj.daemon.io.RawIpSender}: send a whole IPv4/IPv6 packet to a unicast peer, routed by the
 *       kernel.</li>
 *   <li>{@link keepalivedj.daemon.io.MulticastMembership}: be a member of 224.0.0.18 / ff02::12 on an
 *       interface, so IGMP/MLD snooping switches and NIC filters let adverts in.</li>
 *   <li>{@link keepalivedj.daemon.io.InterfaceFacts}: MAC, index, MTU, primary IPv4 and IPv6 link-local.</li>
 * </ul>
 *
 * <h2>Why unicast goes through a raw IP socket and not through pcap</h2>
 * A frame needs the next hop's MAC address. For a peer behind a router that is the router's MAC, which takes a
 * route lookup and a neighbour lookup, plus resolving the neighbour when it is not cached (ARP / neighbour
 * discovery, retries, queueing while unresolved) and following route and neighbour changes. Doing this from
 * pcap means re-implementing the kernel's neighbour subsystem or parsing {@code ip route get} / {@code ip neigh}
 * output, both fragile. An {@code IPPROTO_RAW} socket (IPv4 and IPv6, header included) bound to the interface
 * hands the packet to the kernel, which routes it, resolves the next hop and queues the packet meanwhile,
 * exactly as keepalived's own raw sockets do, while the header (TTL {@code unicast_ttl}, TOS 0xc0, ID) stays the
 * codec's. It costs seven libc calls through jnr-ffi, which the netlink layer loads anyway; an
 * {@code IPPROTO_RAW} socket receives nothing, so it cannot fill up unread. Receiving unicast needs nothing
 * extra: the VRRP filter on the pcap link matches protocol 112 whatever the destination, and the frame carries
 * the TTL and destination address the checks need (keepalived.md §d.6). Multicast adverts, GARPs and NAs stay
 * on pcap, as frames the daemon builds.
 *
 * <h2>Measured pitfalls this package avoids</h2>
 * Immediate mode (otherwise 5 ms to 0.5 s of latency), timeout 0 (blocks in poll, no wake-ups; never
 * non-blocking mode, which busy-waits), direction IN (otherwise our own frames come back), breakLoop before
 * close (close takes a lock a blocked reader holds). Capture timestamps come from the monotonic clock the
 * caller gives, taken when libpcap returns the frame; libpcap's own timestamps are wall-clock time.
 */
package keepalivedj.daemon.io;

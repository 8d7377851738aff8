package keepalivedj.ipvs;

/** A destination as the kernel lists it: its configuration and its connection counters. */
public record DestinationEntry(IpvsDestination destination, long activeConns, long inactConns, long persistConns) {
}

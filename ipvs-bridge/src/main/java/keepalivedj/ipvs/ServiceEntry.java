package keepalivedj.ipvs;

import java.util.List;

/** One service of a listing with its destinations, in the kernel's order (see {@link IpvsListing} for sorting). */
public record ServiceEntry(IpvsService service, List<DestinationEntry> destinations) {
    public ServiceEntry {
        destinations = List.copyOf(destinations);
    }
}

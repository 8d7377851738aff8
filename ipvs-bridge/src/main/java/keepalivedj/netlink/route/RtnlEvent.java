package keepalivedj.netlink.route;

/** Something rtnetlink told subscribers: a link or an address appeared, changed or went away. */
public sealed interface RtnlEvent {
    record LinkChanged(RtnlLink link, boolean removed) implements RtnlEvent {
    }

    record AddressChanged(RtnlAddress address, boolean removed) implements RtnlEvent {
    }
}

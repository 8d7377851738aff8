package keepalivedj.ipvs;

import keepalivedj.netlink.NlRequest;

/**
 * One change to the IPVS table, as a value: what a planner produces and {@link NetlinkIpvs#apply} executes.
 * Each op knows its command, the request that carries it and how logs name its subject.
 */
public sealed interface IpvsOp {
    IpvsCmd cmd();

    IpvsService service();

    /** The request for the family with this id. */
    NlRequest request(int familyId);

    /** "TCP 10.1.1.1:80" or "TCP 10.1.1.1:80 -> 10.2.2.2:80". */
    default String subject() {
        return service().toString();
    }

    record AddService(IpvsService service) implements IpvsOp {
        public IpvsCmd cmd() {
            return IpvsCmd.NEW_SERVICE;
        }

        public NlRequest request(int familyId) {
            NlRequest r = IpvsAttributes.request(familyId, cmd(), 0);
            IpvsAttributes.service(r, service, true);
            return r;
        }
    }

    record EditService(IpvsService service) implements IpvsOp {
        public IpvsCmd cmd() {
            return IpvsCmd.SET_SERVICE;
        }

        public NlRequest request(int familyId) {
            NlRequest r = IpvsAttributes.request(familyId, cmd(), 0);
            IpvsAttributes.service(r, service, true);
            return r;
        }
    }

    record DeleteService(IpvsService service) implements IpvsOp {
        public IpvsCmd cmd() {
            return IpvsCmd.DEL_SERVICE;
        }

        public NlRequest request(int familyId) {
            NlRequest r = IpvsAttributes.request(familyId, cmd(), 0);
            IpvsAttributes.service(r, service, false);
            return r;
        }
    }

    /** Destination ops share their shape: the service key, then the destination. */
    sealed interface DestinationOp extends IpvsOp {
        IpvsDestination destination();

        default String subject() {
            return service() + " -> " + destination();
        }

        default NlRequest request(int familyId) {
            NlRequest r = IpvsAttributes.request(familyId, cmd(), 0);
            IpvsAttributes.service(r, service(), false);
            IpvsAttributes.destination(r, destination());
            return r;
        }
    }

    record AddDestination(IpvsService service, IpvsDestination destination) implements DestinationOp {
        public IpvsCmd cmd() {
            return IpvsCmd.NEW_DEST;
        }
    }

    record EditDestination(IpvsService service, IpvsDestination destination) implements DestinationOp {
        public IpvsCmd cmd() {
            return IpvsCmd.SET_DEST;
        }
    }

    record DeleteDestination(IpvsService service, IpvsDestination destination) implements DestinationOp {
        public IpvsCmd cmd() {
            return IpvsCmd.DEL_DEST;
        }
    }
}

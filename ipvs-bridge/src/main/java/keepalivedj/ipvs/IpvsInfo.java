package keepalivedj.ipvs;

/** IPVS_CMD_GET_INFO: the IPVS version (0x010201 is 1.2.1) and the connection hash table size. */
public record IpvsInfo(int version, int connTableSize) {
    /** "1.2.1". */
    public String versionString() {
        return ((version >> 16) & 0xff) + "." + ((version >> 8) & 0xff) + "." + (version & 0xff);
    }
}

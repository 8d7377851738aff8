package keepalivedj.ipvs;

/**
 * The IPVS generic netlink commands (IPVS_CMD_*, linux/ip_vs.h), each with the setsockopt name and number that
 * keepalived's libipvs uses for the same operation in its log lines ("IPVS cmd IP_VS_SO_SET_ADD(1154) error: ...").
 */
public enum IpvsCmd {
    NEW_SERVICE(1, "IP_VS_SO_SET_ADD", 1154),
    SET_SERVICE(2, "IP_VS_SO_SET_EDIT", 1155),
    DEL_SERVICE(3, "IP_VS_SO_SET_DEL", 1156),
    GET_SERVICE(4, "IP_VS_SO_GET_SERVICES", 1154),
    NEW_DEST(5, "IP_VS_SO_SET_ADDDEST", 1159),
    SET_DEST(6, "IP_VS_SO_SET_EDITDEST", 1161),
    DEL_DEST(7, "IP_VS_SO_SET_DELDEST", 1160),
    GET_DEST(8, "IP_VS_SO_GET_DESTS", 1156),
    NEW_DAEMON(9, "IP_VS_SO_SET_STARTDAEMON", 1163),
    DEL_DAEMON(10, "IP_VS_SO_SET_STOPDAEMON", 1164),
    GET_DAEMON(11, "IP_VS_SO_GET_DAEMON", 1159),
    SET_CONFIG(12, "IP_VS_SO_SET_TIMEOUT", 1162),
    GET_CONFIG(13, "IP_VS_SO_GET_TIMEOUT", 1158),
    SET_INFO(14, "IP_VS_SO_SET_INFO", 0),
    GET_INFO(15, "IP_VS_SO_GET_INFO", 1153),
    ZERO(16, "IP_VS_SO_SET_ZERO", 1167),
    FLUSH(17, "IP_VS_SO_SET_FLUSH", 1157);

    private final int number;
    private final String sockoptName;
    private final int sockoptNumber;

    IpvsCmd(int number, String sockoptName, int sockoptNumber) {
        this.number = number;
        this.sockoptName = sockoptName;
        this.sockoptNumber = sockoptNumber;
    }

    /** The genl command number. */
    public int number() {
        return number;
    }

    /** keepalived's name for it ({@code ipvs_cmd_str}). */
    public String sockoptName() {
        return sockoptName;
    }

    public int sockoptNumber() {
        return sockoptNumber;
    }
}

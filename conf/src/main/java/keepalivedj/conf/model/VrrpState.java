package keepalivedj.conf.model;

/** The initial wanted state of a VRRP instance ({@code state MASTER|BACKUP}). */
public enum VrrpState {
    MASTER,
    BACKUP
}

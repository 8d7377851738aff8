package keepalivedj.conf.bind;

/**
 * The global_defs values the LVS side inherits from, mapped by the top-level binder from its GlobalDefs.
 *
 * @param smtpAlert             global {@code smtp_alert}, null when not written
 * @param smtpAlertChecker      global {@code smtp_alert_checker}, null when not written (it takes precedence)
 * @param checkerLogAllFailures global {@code checker_log_all_failures}: the default of each checker's
 *                              {@code log_all_failures}
 */
public record LvsDefaults(Boolean smtpAlert, Boolean smtpAlertChecker, boolean checkerLogAllFailures) {

    /** keepalived 2.2.7's values when global_defs says nothing. */
    public static final LvsDefaults KEEPALIVED = new LvsDefaults(null, null, false);

    /** The virtual server smtp_alert default: smtp_alert_checker, else smtp_alert, else off. */
    boolean virtualServerSmtpAlert() {
        return smtpAlertChecker != null ? smtpAlertChecker : smtpAlert != null ? smtpAlert : false;
    }

    /** The real server smtp_alert default: as for virtual servers, but on when neither is set (kept for compatibility). */
    boolean realServerSmtpAlert() {
        return smtpAlertChecker != null ? smtpAlertChecker : smtpAlert != null ? smtpAlert : true;
    }
}

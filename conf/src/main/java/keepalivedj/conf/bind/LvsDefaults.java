package keepalivedj.conf.bind;

import java.util.List;

/**
 * What the LVS side needs from the rest of the configuration, mapped by the top-level binder: global_defs values it
 * inherits from, and the names of top-level objects its checkers refer to.
 *
 * @param smtpAlert             global {@code smtp_alert}, null when not written
 * @param smtpAlertChecker      global {@code smtp_alert_checker}, null when not written (it takes precedence)
 * @param checkerLogAllFailures global {@code checker_log_all_failures}: the default of each checker's
 *                              {@code log_all_failures}
 * @param trackFiles            names of the top-level {@code track_file} blocks FILE_CHECK may name; null when the
 *                              caller does not know them (FILE_CHECK names are then not checked)
 * @param bfdInstances          names of the {@code bfd_instance} blocks BFD_CHECK may name; null = not checked
 */
public record LvsDefaults(Boolean smtpAlert, Boolean smtpAlertChecker, boolean checkerLogAllFailures,
                          List<String> trackFiles, List<String> bfdInstances) {

    /** keepalived 2.2.7's values when global_defs says nothing; track_file / BFD names not checked. */
    public static final LvsDefaults KEEPALIVED = new LvsDefaults(null, null, false, null, null);

    public LvsDefaults {
        trackFiles = trackFiles == null ? null : List.copyOf(trackFiles);
        bfdInstances = bfdInstances == null ? null : List.copyOf(bfdInstances);
    }

    /** Global values only; track_file / BFD names not checked. */
    public LvsDefaults(Boolean smtpAlert, Boolean smtpAlertChecker, boolean checkerLogAllFailures) {
        this(smtpAlert, smtpAlertChecker, checkerLogAllFailures, null, null);
    }

    /** The virtual server smtp_alert default: smtp_alert_checker, else smtp_alert, else off. */
    boolean virtualServerSmtpAlert() {
        return smtpAlertChecker != null ? smtpAlertChecker : smtpAlert != null ? smtpAlert : false;
    }

    /** The real server smtp_alert default: as for virtual servers, but on when neither is set (kept for compatibility). */
    boolean realServerSmtpAlert() {
        return smtpAlertChecker != null ? smtpAlertChecker : smtpAlert != null ? smtpAlert : true;
    }
}

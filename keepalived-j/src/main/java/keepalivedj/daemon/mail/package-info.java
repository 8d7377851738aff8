/**
 * SMTP alerts (keepalived.md §a.10): {@link keepalivedj.daemon.mail.AlertFormat} words them as keepalived 2.2.7,
 * {@link keepalivedj.daemon.mail.AlertGate} decides which VRRP changes get one,
 * {@link keepalivedj.daemon.mail.SmtpAlerter} (the only SMTP speaker) sends them off the caller's thread.
 *
 * <p>New global_defs keywords, beyond keepalived (its issues #161, #343), carried by
 * {@link keepalivedj.daemon.mail.MailSettings}: {@code smtp_auth_user USER}, {@code smtp_auth_password PASSWORD}
 * (SMTP AUTH; both or neither), {@code smtp_starttls} (STARTTLS required, server certificate and name checked
 * against the JVM trust store; no plain-text fall-back). They are read by conf's global_defs binder and mapped in
 * by {@code VrrpDaemon.configureMail}; README.md "Beyond keepalived" documents them.
 */
package keepalivedj.daemon.mail;

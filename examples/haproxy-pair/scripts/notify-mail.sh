#!/bin/bash
# keepalived `notify` script: keepalived appends four arguments, TYPE NAME STATE PRIORITY
# (e.g. INSTANCE VI_WEB MASTER 101). Sends one plain mail per state change over SMTP with bash's /dev/tcp,
# so nothing beyond bash is needed on the load balancer. Settings come from /etc/keepalived/notify-mail.env
# (SMTP_HOST, SMTP_PORT, MAIL_FROM, MAIL_TO), overridable through the environment.
set -u
type=$1 name=$2 state=$3 prio=$4
env_file=${NOTIFY_MAIL_ENV:-/etc/keepalived/notify-mail.env}
[ -r "$env_file" ] && . "$env_file"
SMTP_HOST=${SMTP_HOST:-127.0.0.1}
SMTP_PORT=${SMTP_PORT:-25}
MAIL_FROM=${MAIL_FROM:-keepalived@$(hostname)}
MAIL_TO=${MAIL_TO:-root@localhost}
host=$(hostname)

exec 3<>"/dev/tcp/$SMTP_HOST/$SMTP_PORT" || exit 1
expect() { # read one SMTP reply (possibly multi-line) and check its code
    local line
    while IFS= read -r -t 10 line <&3; do
        case $line in
            "$1 "*) return 0 ;;
            "$1-"*) continue ;;
            *) return 1 ;;
        esac
    done
    return 1
}
say() { printf '%s\r\n' "$1" >&3; }
expect 220 || exit 1
say "HELO $host"; expect 250 || exit 1
say "MAIL FROM:<$MAIL_FROM>"; expect 250 || exit 1
say "RCPT TO:<$MAIL_TO>"; expect 250 || exit 1
say "DATA"; expect 354 || exit 1
say "From: $MAIL_FROM"
say "To: $MAIL_TO"
say "Subject: [$host] $type $name is now $state"
say ""
say "$type $name on $host entered $state with priority $prio at $(date -u '+%Y-%m-%d %H:%M:%S UTC')."
say "."
expect 250 || exit 1
say "QUIT"
exec 3>&-

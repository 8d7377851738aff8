#!/bin/sh
# vrrp_script check: fails (exit 1) while the maintenance file exists, so an operator can drain a node
# with `touch /etc/keepalived/down` and bring it back with `rm /etc/keepalived/down`.
[ ! -e "${1:-/etc/keepalived/down}" ]

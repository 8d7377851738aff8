#!/bin/sh
# Run on each LVS-DR real server: hold the VIP on lo without answering ARP for it, so the director keeps
# receiving the clients' packets and the real server still accepts them.
set -e
VIP=${1:-10.30.0.100}
sysctl -qw net.ipv4.conf.all.arp_ignore=1
sysctl -qw net.ipv4.conf.all.arp_announce=2
ip addr replace "$VIP/32" dev lo

#!/usr/bin/env bash
# Writes a keepalived.conf shaped like the one in keepalived issue #2318 (2,284 TCP virtual servers,
# 37,298 tunnelled real servers, as `ipvsadm -Ln` counted them there) to stdout. Real servers are spread
# evenly (16 or 17 per virtual server), each with a TCP_CHECK. Arguments: [VS_COUNT [RS_COUNT]].
set -euo pipefail
vs=${1:-2284}
rs=${2:-37298}
awk -v vs="$vs" -v rs="$rs" 'BEGIN {
    print "global_defs {\n    router_id bench2318\n}\n"
    done = 0
    for (i = 0; i < vs; i++) {
        n = int(rs / vs) + (i < rs % vs ? 1 : 0)
        printf "virtual_server 10.%d.%d.%d %d {\n", 100 + int(i / 62500), int(i / 250) % 250, i % 250 + 1, (i % 2) ? 443 : 80
        print "    delay_loop 10\n    lb_algo wrr\n    lb_kind TUN\n    protocol TCP\n"
        for (j = 0; j < n; j++) {
            k = done + j
            printf "    real_server 172.%d.%d.%d %d {\n", 16 + int(k / 62500), int(k / 250) % 250, k % 250 + 1, (i % 2) ? 443 : 80
            print "        weight 10\n        TCP_CHECK {\n            connect_timeout 3\n            retry 2\n            delay_before_retry 2\n        }\n    }"
        }
        done += n
        print "}\n"
    }
}'

/** vrrp_sync_group: members' transitions forwarded to their siblings. */
package keepalivedj.vrrp.sync;

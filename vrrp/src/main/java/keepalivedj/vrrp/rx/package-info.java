/** keepalived 2.2.7's receive checks ({@link keepalivedj.vrrp.rx.ReceiveCheck}) in its order and wording, and drop counters. */
package keepalivedj.vrrp.rx;

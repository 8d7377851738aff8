/** Tracker arithmetic: effective priority and FAULT from tracked objects' states. */
package keepalivedj.vrrp.track;

/** Immutable, validated per-instance configuration the protocol core needs; the daemon maps the config model onto it. */
package keepalivedj.vrrp.spec;

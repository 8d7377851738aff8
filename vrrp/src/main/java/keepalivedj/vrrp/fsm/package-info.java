/**
 * The per-instance state machine: {@link keepalivedj.vrrp.fsm.VrrpMachine#step} takes an
 * {@link keepalivedj.vrrp.fsm.Event} and the time in µs and returns {@link keepalivedj.vrrp.fsm.Action}s.
 * No I/O, no clock; the runtime executes the actions and feeds timer expiries back as events.
 */
package keepalivedj.vrrp.fsm;

/**
 * Tracker rules, pure (events and values in, priority / FAULT / status out): {@link keepalivedj.vrrp.track.Tracking}
 * (effective priority and FAULT from tracked objects), {@link keepalivedj.vrrp.track.TrackFileValue} (what a
 * track_file's contents are worth), {@link keepalivedj.vrrp.track.ProcessPattern} and
 * {@link keepalivedj.vrrp.track.ProcessQuorum} (which processes a vrrp_track_process counts, and when it is up).
 */
package keepalivedj.vrrp.track;

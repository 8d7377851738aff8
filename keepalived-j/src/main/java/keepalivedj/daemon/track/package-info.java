/**
 * The I/O side of the trackers that are not scripts: {@link keepalivedj.daemon.track.TrackFileWatcher} reads
 * track_files when inotify (Java's WatchService) says they changed, {@link keepalivedj.daemon.track.ProcessScanner}
 * counts the processes of each vrrp_track_process from /proc. Both only report; what a value or a quorum does to
 * an instance is decided by the pure rules in {@code keepalivedj.vrrp.track}.
 */
package keepalivedj.daemon.track;

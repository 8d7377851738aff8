/**
 * Non-blocking socket I/O for checks: one {@link keepalivedj.healthcheck.io.CheckLoop} (an epoll thread that is
 * also the health-check runtime's only thread), {@link keepalivedj.healthcheck.io.TcpExchange} (connect, bindto,
 * TLS over SSLEngine, per-wait connect_timeout) and the {@link keepalivedj.healthcheck.io.Dialogue} a checker
 * plugs into it. {@link keepalivedj.healthcheck.io.LinuxSockets} is the one class making their system calls, through
 * the module's own small JNI library (src/main/c). No protocol knowledge lives here.
 */
package keepalivedj.healthcheck.io;

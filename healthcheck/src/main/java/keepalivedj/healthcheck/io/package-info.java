/**
 * Non-blocking socket I/O for checks: one {@link keepalivedj.healthcheck.io.CheckLoop} (an epoll thread that is
 * also the health-check runtime's only thread), {@link keepalivedj.healthcheck.io.TcpExchange} (connect, bindto,
 * TLS over SSLEngine, per-wait connect_timeout) and the {@link keepalivedj.healthcheck.io.Dialogue} a checker
 * plugs into it. No protocol knowledge lives here.
 */
package keepalivedj.healthcheck.io;

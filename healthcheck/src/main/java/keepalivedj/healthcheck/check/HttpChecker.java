package keepalivedj.healthcheck.check;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.HttpUrl;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.Probe;
import keepalivedj.healthcheck.io.Dialogue;
import keepalivedj.healthcheck.io.CheckLoop;
import keepalivedj.healthcheck.io.Target;
import keepalivedj.healthcheck.io.TcpExchange;

/**
 * HTTP_GET, and SSL_GET when given a TLS context: each attempt fetches one url on a new connection, in turn as
 * {@link UrlRotation} says, so every url must pass (keepalived.md §a.12) and a failing one is retried. A url that
 * passes while others have not yet passed since the last failure gives {@link Probe#partialSuccess}. Host is the
 * url's virtualhost, else the checker's, else ip:port; with enable_sni that name is also sent as SNI. Attempts
 * must not overlap (the scheduler runs one at a time).
 */
public final class HttpChecker implements Checker {
    private final CheckLoop loop;
    private final Target target;
    private final CheckerSpec.HttpOptions http;
    private final SSLContext tls;
    private final UrlRotation rotation;

    /** @param tls null for HTTP_GET */
    public HttpChecker(CheckLoop loop, Target target, CheckerSpec.HttpOptions http, SSLContext tls) {
        this.loop = loop;
        this.target = target;
        this.http = http;
        this.tls = tls;
        this.rotation = http.urls().isEmpty() ? null : new UrlRotation(http.urls().size());
    }

    @Override
    public void attempt(Consumer<Probe> done) {
        if (rotation == null) {
            done.accept(Probe.failed(Failure.LOCAL_ERROR, "no url configured"));
            return;
        }
        HttpUrl url = http.urls().get(rotation.current());
        String vhost = url.virtualhost() != null ? url.virtualhost() : http.virtualhost();
        byte[] request = HttpRequest.of(url.path(), http.httpProtocol(), vhost, target.remote());
        SSLEngine engine = tls == null ? null : engine(vhost);
        TcpExchange.start(loop, target, engine, new UrlDialogue(request, new HttpResponseCheck(url)), probe -> {
            if (!probe.up()) {
                rotation.failed();
                done.accept(Probe.failed(probe.failure(), url.path() + ": " + probe.detail()));
            } else if (rotation.passed()) {
                done.accept(Probe.success(url.path() + ": " + probe.detail()));
            } else {
                done.accept(Probe.partialSuccess(url.path() + ": " + probe.detail()));
            }
        });
    }

    private SSLEngine engine(String vhost) {
        SSLEngine e = tls.createSSLEngine();
        e.setUseClientMode(true);
        if (http.enableSni() && vhost != null) {
            SSLParameters p = e.getSSLParameters();
            p.setServerNames(List.of(new SNIHostName(vhost)));
            e.setSSLParameters(p);
        }
        return e;
    }

    private static final class UrlDialogue implements Dialogue {
        private final byte[] request;
        private final HttpResponseCheck response;

        UrlDialogue(byte[] request, HttpResponseCheck response) {
            this.request = request;
            this.response = response;
        }

        @Override
        public Probe opened(Output out) {
            out.write(ByteBuffer.wrap(request));
            return null;
        }

        @Override
        public Probe received(ByteBuffer data, Output out) {
            return response.feed(data);
        }

        @Override
        public Probe closed() {
            return response.closed();
        }
    }
}

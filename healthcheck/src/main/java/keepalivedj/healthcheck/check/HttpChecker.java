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
import keepalivedj.healthcheck.io.NioLoop;
import keepalivedj.healthcheck.io.Target;
import keepalivedj.healthcheck.io.TcpExchange;

/**
 * HTTP_GET, and SSL_GET when given a TLS context: one attempt fetches every url in order, each on its own
 * connection, and passes only if every one passes (keepalived.md §a.12). The first failing url ends the attempt
 * with its reason. Host is the url's virtualhost, else the checker's, else ip:port; with enable_sni that name is
 * also sent as SNI.
 */
public final class HttpChecker implements Checker {
    private final NioLoop loop;
    private final Target target;
    private final CheckerSpec.HttpOptions http;
    private final SSLContext tls;

    /** @param tls null for HTTP_GET */
    public HttpChecker(NioLoop loop, Target target, CheckerSpec.HttpOptions http, SSLContext tls) {
        this.loop = loop;
        this.target = target;
        this.http = http;
        this.tls = tls;
    }

    @Override
    public void attempt(Consumer<Probe> done) {
        fetch(0, done);
    }

    private void fetch(int index, Consumer<Probe> done) {
        List<HttpUrl> urls = http.urls();
        if (index >= urls.size()) {
            done.accept(urls.isEmpty() ? Probe.failed(Failure.LOCAL_ERROR, "no url configured")
                    : Probe.success("all " + urls.size() + " url(s) passed"));
            return;
        }
        HttpUrl url = urls.get(index);
        String vhost = url.virtualhost() != null ? url.virtualhost() : http.virtualhost();
        byte[] request = HttpRequest.of(url.path(), http.httpProtocol(), vhost, target.remote());
        SSLEngine engine = tls == null ? null : engine(vhost);
        TcpExchange.start(loop, target, engine, new UrlDialogue(request, new HttpResponseCheck(url)), probe -> {
            if (probe.up()) {
                fetch(index + 1, done);
            } else {
                done.accept(Probe.failed(probe.failure(), url.path() + ": " + probe.detail()));
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

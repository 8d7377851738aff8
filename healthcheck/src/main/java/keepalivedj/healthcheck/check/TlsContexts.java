package keepalivedj.healthcheck.check;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS context SSL_GET uses when the top-level SSL block gives no certificates: like keepalived's auto-generated
 * context it authenticates nobody, so any server certificate (self-signed, expired, other name) is accepted. A
 * health check asks "does it answer correctly", not "is it who it claims".
 */
public final class TlsContexts {
    private TlsContexts() {
    }

    public static SSLContext trustingEveryone() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TrustEveryone()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK: " + e, e);
        }
    }

    private static final class TrustEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // client side only
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // every server is trusted, as keepalived's SSL_GET does without ca
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

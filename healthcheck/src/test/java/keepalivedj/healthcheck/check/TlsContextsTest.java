package keepalivedj.healthcheck.check;

import static keepalivedj.healthcheck.check.CheckerHarness.attempt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import keepalivedj.conf.model.CheckerSpec;
import keepalivedj.conf.model.HttpUrl;
import keepalivedj.conf.model.LvsSsl;
import keepalivedj.healthcheck.Failure;
import keepalivedj.healthcheck.SystemTicker;
import keepalivedj.healthcheck.io.CheckLoop;
import keepalivedj.healthcheck.io.Target;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextsTest {
    private final CheckLoop loop = new CheckLoop(new SystemTicker(), "hc-test");
    @TempDir
    Path dir;

    @AfterEach
    void close() {
        loop.close();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private LvsSsl writeSslBlock(boolean pkcs1) throws Exception {
        KeyStore ks = LoopbackServer.selfSigned();
        PrivateKey key = (PrivateKey) ks.getKey("server", "changeit".toCharArray());
        Path cert = dir.resolve("client.pem");
        Path keyFile = dir.resolve("client.key");
        Files.writeString(cert, pem("CERTIFICATE", ks.getCertificate("server").getEncoded()));
        byte[] pkcs8 = key.getEncoded();
        Files.writeString(keyFile, pkcs1 ? pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length))
                : pem("PRIVATE KEY", pkcs8), StandardCharsets.US_ASCII);
        return new LvsSsl(null, null, cert.toString(), keyFile.toString(), null);
    }

    private HttpChecker sslGet(LoopbackServer srv, SSLContext ctx) {
        return new HttpChecker(loop, new Target(srv.address(), null, 5_000_000_000L, 0),
                new CheckerSpec.HttpOptions(null, "1.0", false, false,
                        List.of(new HttpUrl("/", null, List.of(), null, null, false, List.of(), 0, 0, null))), ctx);
    }

    @Test
    @DisplayName("the SSL block's certificate and key are presented to a server that demands a client certificate")
    void clientCertificate() throws Exception {
        try (LoopbackServer srv = LoopbackServer.tls(LoopbackServer.respond("HTTP/1.0 200 OK\r\n\r\n"), true)) {
            assertEquals(Failure.TLS, attempt(sslGet(srv, TlsContexts.trustingEveryone())).failure(),
                    "without a client certificate the handshake fails");
            assertTrue(attempt(sslGet(srv, TlsContexts.forConfig(writeSslBlock(false)))).up());
            assertTrue(attempt(sslGet(srv, TlsContexts.forConfig(writeSslBlock(true)))).up(), "PKCS#1 RSA key");
        }
    }

    @Test
    @DisplayName("PKCS#1 RSA keys are wrapped into the PKCS#8 the JDK reads, byte for byte")
    void pkcs1Wrapping() throws Exception {
        byte[] pkcs8 = LoopbackServer.selfSigned().getKey("server", "changeit".toCharArray()).getEncoded();
        assertArrayEquals(pkcs8, TlsContexts.rsaPkcs1ToPkcs8(Arrays.copyOfRange(pkcs8, 26, pkcs8.length)));
    }
}

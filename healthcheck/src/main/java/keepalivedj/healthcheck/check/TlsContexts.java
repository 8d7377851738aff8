package keepalivedj.healthcheck.check;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import keepalivedj.conf.model.LvsSsl;

/**
 * The TLS contexts SSL_GET uses. Like keepalived's auto-generated context they authenticate no server, so any
 * server certificate (self-signed, expired, other name) is accepted: a health check asks "does it answer
 * correctly", not "is it who it claims". The SSL block can add a client certificate.
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

    /**
     * The context of the top-level {@code SSL} block: with {@code certificate} and {@code key} (PEM; the key
     * PKCS#8, encrypted PKCS#8 with {@code password}, or PKCS#1 RSA) SSL_GET presents that client certificate.
     * Server certificates are still not verified, {@code ca} included: keepalived loads the CA file but, as far as
     * we know, does not make OpenSSL fail the handshake on it. Null or an empty block gives
     * {@link #trustingEveryone()}.
     *
     * @throws IOException when a file cannot be read or parsed; the message names the file
     */
    public static SSLContext forConfig(LvsSsl ssl) throws IOException {
        if (ssl == null || ssl.certificate() == null || ssl.key() == null) {
            return trustingEveryone();
        }
        try {
            Certificate[] chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(Path.of(ssl.certificate()))))
                    .toArray(new Certificate[0]);
            if (chain.length == 0) {
                throw new IOException(ssl.certificate() + ": no certificate");
            }
            PrivateKey key = readKey(Path.of(ssl.key()), ssl.password());
            char[] pass = new char[0];
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("client", key, pass, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), new TrustManager[] {new TrustEveryone()}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("SSL block: " + e.getMessage(), e);
        }
    }

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    static PrivateKey readKey(Path file, String password) throws IOException, GeneralSecurityException {
        Matcher m = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        while (m.find()) {
            String type = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            if (type.equals("PRIVATE KEY")) {
                return pkcs8(der);
            } else if (type.equals("ENCRYPTED PRIVATE KEY")) {
                if (password == null) {
                    throw new IOException(file + ": encrypted key and no password in the SSL block");
                }
                EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
                SecretKeyFactory f = SecretKeyFactory.getInstance(info.getAlgName());
                Cipher c = Cipher.getInstance(info.getAlgName());
                c.init(Cipher.DECRYPT_MODE, f.generateSecret(new PBEKeySpec(password.toCharArray())),
                        info.getAlgParameters());
                return pkcs8(info.getKeySpec(c).getEncoded());
            } else if (type.equals("RSA PRIVATE KEY")) {
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(rsaPkcs1ToPkcs8(der)));
            }
        }
        throw new IOException(file + ": no PRIVATE KEY, ENCRYPTED PRIVATE KEY or RSA PRIVATE KEY block");
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey: version 0, rsaEncryption with NULL params. */
    static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algId = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
            0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octet = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algId.length + octet.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algId, 0, body, version.length, algId.length);
        System.arraycopy(octet, 0, body, version.length + algId.length, octet.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int n = content.length;
        byte[] len = n < 0x80 ? new byte[] {(byte) n}
                : n < 0x100 ? new byte[] {(byte) 0x81, (byte) n}
                : n < 0x10000 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
                : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
        byte[] out = new byte[1 + len.length + n];
        out[0] = (byte) tag;
        System.arraycopy(len, 0, out, 1, len.length);
        System.arraycopy(content, 0, out, 1 + len.length, n);
        return out;
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

package dev.telemetry.connect.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway test CA made with openssl in a test's directory, and what it signs: a server certificate for
 * {@code localhost} and 127.0.0.1, one for another host name, and a client certificate. Each comes as PEM files (for
 * the real peers' {@code --web.config.file}) and as a PKCS12 key store; the CA also as a PKCS12 trust store.
 */
public final class TestPki {

    public static final String PASSWORD = "changeit";

    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** Makes the CA, the two server certificates and the client certificate in {@code dir}. */
    public static TestPki create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        TestPki pki = new TestPki(dir);
        pki.openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=Telemetry test CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        pki.issue("server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1", "serverAuth");
        pki.issue("other", "/CN=other.example", "subjectAltName=DNS:other.example", "serverAuth");
        pki.issue("client", "/CN=telemetry-client", null, "clientAuth");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pki.caCert())) {
            trust.setCertificateEntry(
                    "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (OutputStream out = Files.newOutputStream(pki.truststore())) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return pki;
    }

    public Path caCert() {
        return dir.resolve("ca.crt");
    }

    /** The CA in a PKCS12 trust store, password {@link #PASSWORD}. */
    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /** The PEM certificate of {@code name}: "server", "other" or "client". */
    public Path cert(String name) {
        return dir.resolve(name + ".crt");
    }

    /** The PEM private key of {@code name}. */
    public Path key(String name) {
        return dir.resolve(name + ".key");
    }

    /** The PKCS12 key store with {@code name}'s key and certificate, password {@link #PASSWORD}. */
    public Path keystore(String name) {
        return dir.resolve(name + ".p12");
    }

    /** A server-side context showing {@code name}'s certificate and trusting the CA for client certificates. */
    public SSLContext serverContext(String name) throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keystore(name)), PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(truststore()));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private void issue(String name, String subject, String altNames, String usage)
            throws IOException, InterruptedException {
        openssl(
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                subject,
                "-keyout",
                name + ".key",
                "-out",
                name + ".csr");
        List<String> extensions = new ArrayList<>(List.of("extendedKeyUsage=" + usage));
        if (altNames != null) {
            extensions.add(altNames);
        }
        Files.writeString(dir.resolve(name + ".ext"), String.join("\n", extensions) + "\n");
        openssl(
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                name + ".ext",
                "-out",
                name + ".crt");
        openssl(
                "pkcs12",
                "-export",
                "-in",
                name + ".crt",
                "-inkey",
                name + ".key",
                "-certfile",
                "ca.crt",
                "-name",
                name,
                "-passout",
                "pass:" + PASSWORD,
                "-out",
                name + ".p12");
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + output);
        }
    }
}

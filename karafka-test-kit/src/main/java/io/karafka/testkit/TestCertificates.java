package io.karafka.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private certificate authority for TLS tests against real servers (Kafka, Redis): PEM files
 * made by the {@code openssl} command in a temporary directory, valid for two days.
 *
 * <pre>{@code
 * TestCertificates tls = TestCertificates.create();
 * TestCertificates.Issued server = tls.issue("server", "IP:127.0.0.1", "DNS:localhost");
 * TestCertificates.Issued client = tls.issue("client");
 * // server.cert(), server.key(), tls.caCert(): PEM files (the keys unencrypted, PKCS#8)
 * }</pre>
 */
public final class TestCertificates {
  private final Path dir;

  private TestCertificates(Path dir) {
    this.dir = dir;
  }

  /**
   * @return a new CA in a temporary directory
   * @throws IllegalStateException when openssl is missing or fails (its output included)
   */
  public static TestCertificates create() {
    try {
      TestCertificates tls = new TestCertificates(Files.createTempDirectory("karafka-tls"));
      tls.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
          "/CN=karafka-test-ca", "-keyout", "ca.key", "-out", "ca.crt");
      return tls;
    } catch (IOException e) {
      throw new IllegalStateException("could not make test certificates: " + e, e);
    }
  }

  /** @return the CA's certificate (PEM file), what clients and servers trust */
  public Path caCert() {
    return dir.resolve("ca.crt");
  }

  /**
   * @param name file names and common name ({@code CN=name})
   * @param subjectAltNames e.g. {@code IP:127.0.0.1}, {@code DNS:localhost}; none for a client
   * @return a certificate signed by this CA and its private key
   */
  public Issued issue(String name, String... subjectAltNames) {
    try {
      Path ext = dir.resolve(name + ".ext");
      Files.writeString(ext, subjectAltNames.length == 0
          ? "extendedKeyUsage=clientAuth\n"
          : "subjectAltName=" + String.join(",", subjectAltNames) + "\n");
      openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + name, "-keyout",
          name + ".key", "-out", name + ".csr");
      openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key",
          "-CAcreateserial", "-days", "2", "-extfile", ext.getFileName().toString(), "-out",
          name + ".crt");
      return new Issued(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
    } catch (IOException e) {
      throw new IllegalStateException("could not issue the test certificate " + name + ": " + e,
          e);
    }
  }

  private void openssl(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("the openssl command is needed for TLS tests (install it,"
          + " e.g. 'apt-get install openssl'): " + e, e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running openssl", e);
    }
  }

  /**
   * A certificate and its key.
   *
   * @param cert the certificate (PEM file)
   * @param key its private key (PEM file, unencrypted PKCS#8)
   */
  public record Issued(Path cert, Path key) {}
}

package io.karafka.queue.redis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** TLS for {@code rediss://}: a trust store from PEM, and hostname verification. */
final class RedisTls {
  private RedisTls() {}

  /**
   * @param pemOrPath PEM text or the path of a PEM file
   * @return the certificates in it
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static List<Certificate> trustedCertificates(String pemOrPath) {
    String pem;
    if (pemOrPath.strip().startsWith("-----BEGIN")) {
      pem = pemOrPath;
    } else {
      try {
        pem = Files.readString(Path.of(pemOrPath.strip()), StandardCharsets.US_ASCII);
      } catch (IOException | InvalidPathException e) {
        throw new IllegalArgumentException("is neither PEM text (-----BEGIN ...) nor a readable"
            + " file (" + e + ")");
      }
    }
    try {
      Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("holds no certificate");
      }
      return List.copyOf(certificates);
    } catch (CertificateException e) {
      throw new IllegalArgumentException("holds no readable X.509 certificate (" + e.getMessage()
          + ")");
    }
  }

  /** @return a socket factory that trusts only the given CA certificates */
  static SSLSocketFactory socketFactory(String pemOrPath) {
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate certificate : trustedCertificates(pemOrPath)) {
        trusted.setCertificateEntry("ca-" + i++, certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(
          TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("could not build a TLS context for Redis: " + e, e);
    }
  }

  /** @return parameters that make the handshake check the server's name against the URL */
  static SSLParameters verifyHostname() {
    SSLParameters parameters = new SSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    return parameters;
  }

  /** @return how a setting value shows in an error: a path as is, PEM text abbreviated */
  static String describe(String pemOrPath) {
    return pemOrPath.strip().startsWith("-----BEGIN") ? "(PEM text)" : pemOrPath;
  }
}

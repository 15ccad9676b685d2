package io.karafka.app;

import java.util.Optional;

/**
 * TLS material for Kafka connections, each a PEM string or a path to a PEM file.
 *
 * @param caCert the CA certificate(s) to trust
 * @param clientCert the client certificate (with {@code clientCertKey}, for mutual TLS)
 * @param clientCertKey the client certificate's private key
 */
public record SslSettings(Optional<String> caCert, Optional<String> clientCert,
                          Optional<String> clientCertKey) {
  /** @return no TLS material */
  public static SslSettings none() {
    return new SslSettings(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** @return whether any TLS material is set */
  public boolean enabled() {
    return caCert.isPresent() || clientCert.isPresent();
  }

  @Override
  public String toString() {
    return "SslSettings[caCert=" + caCert.map(v -> "set").orElse("none") + ", clientCert="
        + clientCert.map(v -> "set").orElse("none") + ", clientCertKey="
        + clientCertKey.map(v -> "****").orElse("none") + "]";
  }
}

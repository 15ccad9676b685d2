package io.karafka.queue.redis;

import io.karafka.job.JobStoreUnavailableException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The connections of one Redis job store: a Jedis pool on the settings (TLS, user, password,
 * database, timeouts), the store's Lua scripts loaded once by their SHA, and every Jedis failure
 * turned into a {@link JobStoreUnavailableException} that names the masked URL and the root
 * cause. Remembers when Redis last failed. Thread-safe.
 */
final class RedisConnection implements AutoCloseable {
  private final RedisSettings settings;
  private final JedisPool pool;
  private final Map<String, String> shas = new ConcurrentHashMap<>();
  /** When (nanoTime) Redis last failed; a day ago at first. */
  private volatile long lastFailure = System.nanoTime() - java.time.Duration.ofDays(1).toNanos();
  private volatile boolean closed;

  RedisConnection(RedisSettings settings) {
    this.settings = settings;
    GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(settings.poolSize());
    config.setMaxIdle(settings.poolSize());
    config.setJmxEnabled(false);
    int timeout = (int) settings.timeout().toMillis();
    var client = DefaultJedisClientConfig.builder()
        .user(JedisURIHelper.getUser(settings.url()))
        .password(JedisURIHelper.getPassword(settings.url()))
        .database(JedisURIHelper.getDBIndex(settings.url()))
        .connectionTimeoutMillis(timeout)
        .socketTimeoutMillis(timeout);
    if (settings.tls()) {
      client.ssl(true).sslParameters(RedisTls.verifyHostname());
      settings.caCert().ifPresent(ca -> client.sslSocketFactory(RedisTls.socketFactory(ca)));
    }
    this.pool = new JedisPool(config, JedisURIHelper.getHostAndPort(settings.url()),
        client.build());
  }

  /**
   * Runs the action on a pooled connection.
   *
   * @throws JobStoreUnavailableException when Redis cannot be reached or refuses, or the store
   *     is closed
   */
  <T> T call(Function<Jedis, T> action) {
    if (closed) {
      throw new JobStoreUnavailableException("the Redis job store at " + settings.maskedUrl()
          + " is closed");
    }
    try (Jedis jedis = pool.getResource()) {
      return action.apply(jedis);
    } catch (JedisConnectionException e) {
      lastFailure = System.nanoTime();
      if (tlsFailure(e)) {
        throw new JobStoreUnavailableException("Redis at " + settings.maskedUrl()
            + " is unreachable: the TLS handshake failed (" + rootMessage(e) + "); when a"
            + " private CA signed the server's certificate, set RedisSettings.caCert(...) to"
            + " it, and the certificate must name the URL's host", e);
      }
      throw new JobStoreUnavailableException("Redis at " + settings.maskedUrl()
          + " is unreachable: " + rootMessage(e), e);
    } catch (JedisException e) {
      lastFailure = System.nanoTime();
      throw new JobStoreUnavailableException("Redis at " + settings.maskedUrl()
          + " refused the operation: " + rootMessage(e), e);
    }
  }

  /** Runs one of the store's scripts ({@link Scripts}) on the connection, loading it once. */
  Object script(Jedis jedis, String script, List<String> args) {
    String sha = shas.computeIfAbsent(script, jedis::scriptLoad);
    try {
      return jedis.evalsha(sha, List.of(), args);
    } catch (JedisNoScriptException e) {
      shas.clear(); // Redis restarted without persistence, or SCRIPT FLUSH
      return jedis.evalsha(shas.computeIfAbsent(script, jedis::scriptLoad), List.of(), args);
    }
  }

  /** Runs a script on a pooled connection. */
  Object script(String script, List<String> args) {
    return call(jedis -> script(jedis, script, args));
  }

  /** @return nanoseconds since Redis last failed */
  long sinceLastFailure() {
    return System.nanoTime() - lastFailure;
  }

  @Override
  public void close() {
    closed = true;
    pool.close();
  }

  private static boolean tlsFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof javax.net.ssl.SSLException
          || t instanceof java.security.cert.CertificateException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }
}

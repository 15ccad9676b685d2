/** Karafka for Java, Redis job store: Sidekiq-compatible jobs on Redis, via Jedis. */
module io.karafka.queue.redis {
  requires transitive io.karafka.core;
  requires redis.clients.jedis;
  requires org.apache.commons.pool2;
  requires com.fasterxml.jackson.core;

  exports io.karafka.queue.redis;
}

/**
 * A Sidekiq-compatible job store on Redis, through Jedis: {@link io.karafka.queue.redis.RedisJobStore}
 * with {@link io.karafka.queue.redis.RedisSettings}; Sidekiq's API and Web UI read its jobs.
 */
package io.karafka.queue.redis;

package io.karafka.queue.redis;

import io.karafka.app.KarafkaApp;
import io.karafka.testkit.InMemoryProducer;
import io.karafka.worker.KarafkaWorker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

/** A worker process for the kill -9 test: args are the Redis URL and the namespace. */
public final class RedisWorkerMain {
  private RedisWorkerMain() {}

  /** Runs until killed. */
  public static void main(String[] args) throws Exception {
    KarafkaApp app = RedisApps.app(0, new CopyOnWriteArrayList<>());
    RedisJobStore store = new RedisJobStore(RedisSettings.builder(args[0]).namespace(args[1])
        .heartbeatTtl(Duration.ofSeconds(2)).build(), app.config().jobs(), Clock.systemUTC());
    KarafkaWorker worker = KarafkaWorker.builder(app, store, new InMemoryProducer()).build();
    worker.start();
    System.out.println("worker " + store.identity());
    worker.awaitShutdown();
  }
}

package io.karafka.examples.users;

import io.karafka.app.KarafkaApp;
import io.karafka.job.Job;
import io.karafka.job.JobError;
import io.karafka.job.Lease;
import io.karafka.job.Worker;
import io.karafka.queue.redis.RedisJobStore;
import io.karafka.queue.redis.RedisSettings;
import io.karafka.testkit.LocalRedis;
import io.karafka.web.JobsWeb;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The job queue's web UI over a local redis-server holding sample jobs (waiting, scheduled,
 * retrying, dead): {@code ./mvnw -q -B -pl karafka-examples exec:exec@web}, then open the URL it
 * prints and log in as {@code admin} with the password it prints (or JOBS_WEB_PASSWORD).
 * A real deployment wires the UI as {@code io.karafka.examples.wiring.WebWiring} shows.
 */
public final class WebDemo implements AutoCloseable {
  private final LocalRedis redis;
  private final RedisJobStore store;
  private final JobsWeb web;

  private WebDemo(LocalRedis redis, RedisJobStore store, JobsWeb web) {
    this.redis = redis;
    this.store = store;
    this.web = web;
  }

  /** Runs until Ctrl-C. */
  public static void main(String[] args) throws Exception {
    // started by a tool (Maven's exec:exec) that dies without telling its children: stop with it,
    // so that neither this JVM nor its redis-server is left behind
    ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
      System.err.println("web demo: the process that started it (pid " + parent.pid()
          + ") ended; stopping");
      // not on this thread: it is the JDK's process reaper, which the shutdown hook's wait for
      // redis-server needs
      Thread.ofPlatform().name("web-demo-stop").start(() -> System.exit(0));
    }));
    if (!LocalRedis.available()) {
      System.err.println("web demo: redis-server is not installed; run"
          + " scripts/install-services.sh redis (or apt-get install redis-server)");
      System.exit(1);
    }
    String password = System.getenv().getOrDefault("JOBS_WEB_PASSWORD",
        java.util.UUID.randomUUID().toString().substring(0, 12));
    if (password.length() < 8) {
      System.err.println("web demo: JOBS_WEB_PASSWORD must have at least 8 characters (it has "
          + password.length() + "); unset it to get a generated one");
      System.exit(2);
    }
    WebDemo demo = start(Integer.getInteger("web.port", 9292), password);
    // the JVM does not wait for main once the hooks ran: the hook itself stops redis-server
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        demo.close();
      } catch (Exception e) {
        System.err.println("web demo: could not stop cleanly: " + e);
      }
    }));
    System.out.println("job queue UI at " + demo.url() + " (user admin, password " + password
        + "); stop with Ctrl-C");
    new CountDownLatch(1).await();
  }

  /**
   * @param port where the UI listens on 127.0.0.1 (0: any free port)
   * @return a local Redis with sample jobs and the UI over it, started
   */
  public static WebDemo start(int port, String password) throws Exception {
    LocalRedis redis = LocalRedis.start();
    try {
      return start(redis, port, password);
    } catch (Exception e) {
      redis.close(); // never leave a redis-server behind
      throw e;
    }
  }

  private static WebDemo start(LocalRedis redis, int port, String password) throws Exception {
    KarafkaApp app = ExampleApp.build();
    RedisJobStore store = new RedisJobStore(RedisSettings.builder(redis.url()).build(),
        app.config().jobs(), Clock.systemUTC());
    try {
      addSamples(store);
      JobsWeb web = JobsWeb.builder(store).title(app.name()).bind("127.0.0.1", port)
          .credentials("admin", password).dependencies(app.dependencies()).build().start();
      return new WebDemo(redis, store, web);
    } catch (Exception e) {
      store.close();
      throw e;
    }
  }

  /** Jobs waiting, scheduled, retrying and dead. */
  private static void addSamples(RedisJobStore store) throws InterruptedException {
    Instant now = Instant.now();
    store.enqueue(List.of(
        sample("demo-retry", "UsersCreateWorker", now),
        Job.create("demo-dead", Worker.named("ImportsWorker").retry(0), "users_create",
            "{\"name\":\"Ada\",\"age\":\"ten\"}", now),
        sample("demo-waiting", "UsersCreateWorker", now),
        sample("demo-later", "UsersCreateWorker", now).scheduledAt(now.plusSeconds(3_600))));
    for (Lease lease : store.fetch(List.of("default"), 2, Duration.ZERO)) {
      if (lease.job().id().equals("demo-retry")) {
        store.retry(lease, lease.job().failed(JobError.of(new IllegalStateException(
            "users service timed out"), now, null), true), now.plusSeconds(90));
      } else {
        store.kill(lease, lease.job().failed(JobError.of(new IllegalArgumentException(
            "age must be a number: \"ten\""), now, null), false));
      }
    }
  }

  private static Job sample(String id, String worker, Instant now) {
    return Job.create(id, Worker.named(worker), "users_create",
        "{\"name\":\"Ada\",\"age\":36}", now);
  }

  /** @return where the UI is */
  public String url() {
    return web.url();
  }

  @Override
  public void close() throws Exception {
    web.close();
    store.close();
    redis.close();
  }

}

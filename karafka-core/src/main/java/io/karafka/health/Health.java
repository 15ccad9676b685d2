package io.karafka.health;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.GroupStatus;
import io.karafka.monitor.Dependencies;
import io.karafka.monitor.Dependency;
import io.karafka.server.KarafkaServer;
import io.karafka.worker.KarafkaWorker;
import io.karafka.worker.WorkerStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The health of one process, read from its server, its worker and its app's dependencies each
 * time it is asked (nothing is cached, nothing is sampled in the background).
 *
 * <ul>
 *   <li>{@link #live()}: the process's loops run. The server was started and neither stopped
 *       nor failed; each consumer group's poll loop came back within {@code max.poll.interval.ms}
 *       (a loop stuck longer has lost its partitions anyway); the worker's threads are alive and
 *       not all stuck past their job's timeout. A process that is not live should be
 *       restarted.</li>
 *   <li>{@link #ready()}: live, each consumer group has joined and holds partitions, and every
 *       dependency (Kafka, the job store, the producer) is up. A process that is not ready should
 *       get no traffic and page no one yet: it heals when its dependencies return.</li>
 * </ul>
 *
 * <pre>{@code
 * Health health = Health.of(app).server(server).worker(worker);
 * HealthServer http = HealthServer.start(health, 8081);
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #server} and {@link #worker} return new instances.
 */
public final class Health {
  private final Dependencies dependencies;
  private final Clock clock;
  private final List<KarafkaServer> servers;
  private final List<KarafkaWorker> workers;
  private final Optional<MetricsScrape> metrics;

  private Health(Dependencies dependencies, Clock clock, List<KarafkaServer> servers,
                 List<KarafkaWorker> workers, Optional<MetricsScrape> metrics) {
    this.dependencies = dependencies;
    this.clock = clock;
    this.servers = List.copyOf(servers);
    this.workers = List.copyOf(workers);
    this.metrics = metrics;
  }

  /**
   * @return the health of the app's dependencies, and of the metrics its monitor can scrape;
   *     add the process's server and worker
   */
  public static Health of(KarafkaApp app) {
    Objects.requireNonNull(app, "app");
    return new Health(app.dependencies(), app.config().clock(), List.of(), List.of(),
        app.monitor().find(MetricsScrape.class));
  }

  /** @return this health, also reading the server's state */
  public Health server(KarafkaServer server) {
    List<KarafkaServer> more = new ArrayList<>(servers);
    more.add(Objects.requireNonNull(server, "server"));
    return new Health(dependencies, clock, more, workers, metrics);
  }

  /** @return this health, also reading the worker's state */
  public Health worker(KarafkaWorker worker) {
    List<KarafkaWorker> more = new ArrayList<>(workers);
    more.add(Objects.requireNonNull(worker, "worker"));
    return new Health(dependencies, clock, servers, more, metrics);
  }

  /** @return this health, serving these metrics on {@code /metrics} */
  public Health metrics(MetricsScrape scrape) {
    return new Health(dependencies, clock, servers, workers,
        Optional.of(Objects.requireNonNull(scrape, "scrape")));
  }

  /** @return what {@code /metrics} serves; empty when the app's monitor cannot scrape */
  public Optional<MetricsScrape> metrics() {
    return metrics;
  }

  /** @return whether the process's loops run; see the class comment */
  public HealthReport live() {
    return report(false);
  }

  /** @return whether the process should get work; see the class comment */
  public HealthReport ready() {
    return report(true);
  }

  /** Reads each server's groups once: the live checks, then (when ready) the rest. */
  private HealthReport report(boolean ready) {
    List<HealthCheck> checks = new ArrayList<>();
    List<HealthCheck> readiness = new ArrayList<>();
    Instant now = clock.instant();
    for (KarafkaServer server : servers) {
      boolean running = server.running();
      List<GroupStatus> groups = server.groups();
      checks.add(new HealthCheck("server", running, running ? "running"
          : server.failure().map(e -> "failed: " + Dependency.reason(e)).orElse("not running")));
      for (GroupStatus group : groups) {
        checks.add(pollLoop(group, now));
      }
      if (ready) {
        // every group of the source, not only those it has set up yet
        boolean consuming = server.consuming();
        readiness.add(new HealthCheck("consuming", consuming, consuming
            ? "every consumer group holds partitions" : "waiting for the consumer groups to"
                + " start and be assigned partitions"));
        for (GroupStatus group : groups) {
          readiness.add(new HealthCheck("partitions of consumer group " + group.group(),
              group.joined(), group.joined() ? group.partitions() + " partitions held"
                  : "waiting for the group to assign partitions"));
        }
      }
    }
    for (KarafkaWorker worker : workers) {
      WorkerStatus s = worker.status();
      checks.add(new HealthCheck("worker", s.healthy(), !s.running() ? "not running"
          : s.alive() + " of " + s.concurrency() + " threads alive, " + s.busy() + " busy, "
              + s.stuck() + " stuck past their job's timeout"));
    }
    if (ready) {
      checks.addAll(readiness);
      for (Dependency d : dependencies.all()) {
        checks.add(new HealthCheck(d.name(), d.isUp(), d.isUp() ? "up (" + d.address() + ")"
            : "down since " + d.downSince().map(Instant::toString).orElse("?") + " ("
                + d.address() + "): " + d.reason().orElse("?") + "; " + d.consequence()));
      }
    }
    return new HealthReport(checks);
  }

  private static HealthCheck pollLoop(GroupStatus group, Instant now) {
    String name = "consumer group " + group.group();
    if (group.lastPoll().isEmpty()) {
      return new HealthCheck(name, true, "starting: no poll yet");
    }
    Duration since = Duration.between(group.lastPoll().get(), now);
    boolean up = since.compareTo(group.maxPollInterval()) <= 0;
    return new HealthCheck(name, up, "poll loop came back " + since.toMillis() + " ms ago"
        + (up ? "" : ", longer than max.poll.interval.ms (" + group.maxPollInterval().toMillis()
            + " ms): stuck"));
  }
}

package io.karafka.cli;

/** The README.md {@link Installer} writes: what the app does, needs, and how to run and ship it. */
final class ReadmeTemplate {
  private ReadmeTemplate() {}

  /**
   * @param name the application's name (its launcher, its Redis namespace, its systemd units)
   * @param pkg the application's Java package
   * @return the README of the generated application
   */
  static String readme(String name, String pkg) {
    return """
        # @name

        A Karafka for Java application: it consumes a Kafka topic, hands each message to a
        background job in Redis, and a worker process answers on another topic.

        ## What it reads and writes

        | | |
        |---|---|
        | reads | Kafka topic `orders_create`, JSON: `{"customer":"c1","items":2}` |
        | skips | orders without `items` or with `items` < 1 (`OrdersCreateController`'s `beforeEnqueue`): committed, not enqueued |
        | enqueues | one job per order in Redis (Sidekiq-compatible, keys under `@appName:`), queue `default` |
        | writes | the worker performs the job and sends the order, as JSON, to Kafka topic `orders_created`, keyed by `customer` (`OrdersCreateResponder`) |

        Routes are in `App.java` (`@pkg.App`), the command line and the wiring in `Main.java`.
        `routes` and `flow` print them. Create the two topics unless your brokers create topics
        on first use.

        ## What it needs

        - **Java 21 or newer.** `./mvnw` and `bin/@name` find one by themselves (`JAVA_HOME`, the
          default `java`, then `/usr/lib/jvm`, `/usr/java`, `/opt/java`, SDKMAN), or say what to
          install: Debian 12 has no OpenJDK 21 package, take Temurin from https://adoptium.net.
        - **Kafka** for `server` and `worker`: `kafka.hosts` in `config/karafka-<env>.properties`
          (`KARAFKA_ENV`, default `development`: `127.0.0.1:9092`), or
          `KARAFKA_KAFKA_HOSTS=kafka-1:9092,kafka-2:9092`, which wins over the file. Any setting
          can be given so: `KARAFKA_JOBS_CONCURRENCY=20`.
        - **Redis** for `server` (it enqueues) and `worker` (it performs): `REDIS_URL`, default
          `redis://127.0.0.1:6379/0` (`rediss://user:password@host:6380/0` for TLS). To keep the
          jobs in PostgreSQL instead, add `karafka-queue-jdbc` and build a `JdbcJobStore` in
          `Main.store` (see that module's README).

        ## Build, test, run

        ```bash
        ./mvnw verify                   # compiles, tests (no broker needed), builds target/@name
        target/@name/bin/@name help     # the commands; also routes, flow, info
        ```

        `./mvnw package` builds the distribution `target/@name/`: `bin/@name` (the launcher),
        `lib/` (the app's jar and every runtime dependency) and `config/`. The launcher passes
        arguments and the exit code through: 0 done, 1 failed, 2 wrong usage (one line, then the
        usage), 78 invalid settings or routes. `JAVA_OPTS` adds JVM options. Settings files are
        read from `config/` under the working directory: run it from this folder.

        Locally, with Kafka on 127.0.0.1:9092 and a Redis (`redis-server --daemonize yes`), each in
        its own terminal (Ctrl-C stops it gracefully):

        ```bash
        target/@name/bin/@name server   # consumes orders_create, enqueues jobs
        target/@name/bin/@name worker   # performs them, answers on orders_created
        ```

        Against other servers, name them (the same for `worker`):

        ```bash
        KARAFKA_KAFKA_HOSTS=kafka:9092 REDIS_URL=redis://redis:6379/0 target/@name/bin/@name server
        ```

        Then send an order and read the answer, with Kafka's console tools:

        ```bash
        echo '{"customer":"c1","items":2}' | kafka-console-producer.sh --bootstrap-server 127.0.0.1:9092 --topic orders_create
        kafka-console-consumer.sh --bootstrap-server 127.0.0.1:9092 --topic orders_created --from-beginning --property print.key=true
        ```

        Also: `bin/@name console` (JShell with the app's classes and the booted app as `app`),
        `bin/@name server --daemon` (a background server with `karafka.pid` and `karafka.log`;
        prefer systemd in production), `server --health-port 8081` (`/health/live`,
        `/health/ready` for probes), `worker --concurrency 20`.

        ## Deploy

        **Distribution and systemd** (units in `deploy/`): copy the distribution to `/opt/@name`
        (`--delete` removes the jars of the previous version: the class path is `lib/*`), put the
        addresses in `/etc/@name/environment`, and start both units:

        ```bash
        ./mvnw -q package
        sudo useradd --system --home-dir /opt/@name @name    # once
        sudo rsync -a --delete target/@name/ /opt/@name/
        sudo mkdir -p /etc/@name && printf 'KARAFKA_KAFKA_HOSTS=kafka-1:9092\\nREDIS_URL=redis://redis:6379/0\\n' | sudo tee /etc/@name/environment
        sudo cp deploy/@name-server.service deploy/@name-worker.service /etc/systemd/system/
        sudo systemctl daemon-reload && sudo systemctl enable --now @name-server @name-worker
        ```

        The units run `/opt/@name/bin/@name server` and `... worker` with `KARAFKA_ENV=production`
        (so `config/karafka-production.properties`), stop with SIGTERM (a graceful stop within
        `TimeoutStopSec=60`), restart on failure, and not on exit 78 (invalid settings). Another
        host needs only Java 21+ and the copied folder.

        **Container image** (no Docker daemon needed): `./mvnw compile jib:build -Dimage=registry.example.com/@name`
        builds and pushes an image on `eclipse-temurin:21-jre` running `server`; run workers from
        the same image with the argument `worker`, and give both `KARAFKA_KAFKA_HOSTS` and
        `REDIS_URL`.
        """.replace("@appName", name.replace('-', '_')).replace("@name", name)
        .replace("@pkg", pkg);
  }
}

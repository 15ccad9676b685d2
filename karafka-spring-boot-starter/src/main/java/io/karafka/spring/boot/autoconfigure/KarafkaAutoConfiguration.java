package io.karafka.spring.boot.autoconfigure;

import io.karafka.app.KarafkaApp;
import io.karafka.app.KarafkaConfig;
import io.karafka.controller.ControllerFactory;
import io.karafka.job.JobQueue;
import io.karafka.kafka.KafkaMessageSource;
import io.karafka.kafka.KafkaProducerPool;
import io.karafka.micrometer.KafkaClientsMetrics;
import io.karafka.micrometer.KarafkaMetrics;
import io.karafka.monitor.Monitor;
import io.karafka.routing.RoutingException;
import io.karafka.spring.boot.KarafkaConfigCustomizer;
import io.karafka.spring.boot.KarafkaJobs;
import io.karafka.spring.boot.KarafkaProcess;
import io.karafka.spring.boot.KarafkaProperties;
import io.karafka.spring.boot.KarafkaRoutes;
import io.karafka.spring.boot.internal.JobQueues;
import io.karafka.spring.boot.internal.KarafkaSetup;
import io.karafka.spring.boot.internal.ProcessWiring;
import io.karafka.spring.boot.internal.SpringControllerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Karafka in a Spring Boot application: the app from {@code karafka.*} and the
 * {@link KarafkaRoutes} bean, controllers and responders from the context, the producers, the
 * job queue, {@link KarafkaJobs}, the metrics on the context's {@code MeterRegistry}, and the
 * {@link KarafkaProcess} that runs the server and the worker with the context. Every bean backs
 * off when the application declares its own of the same type.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure"
        + ".CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration"})
@EnableConfigurationProperties(KarafkaProperties.class)
public final class KarafkaAutoConfiguration {

  /** @return controllers and responders from the context: prototype beans, or new instances */
  @Bean
  @ConditionalOnMissingBean
  ControllerFactory karafkaControllerFactory(ConfigurableListableBeanFactory beans) {
    return new SpringControllerFactory(beans);
  }

  /** @return Karafka's meters on the context's registry (a {@code Monitor} of the app) */
  @Bean
  @ConditionalOnBean(MeterRegistry.class)
  @ConditionalOnMissingBean
  KarafkaMetrics karafkaMetrics(MeterRegistry registry) {
    return new KarafkaMetrics(registry);
  }

  /**
   * @return the app: {@code karafka.*} applied to the config builder, then the customizers, then
   *     validated with the framework's messages; every {@code Monitor} bean added to its monitor
   */
  @Bean
  @ConditionalOnMissingBean
  KarafkaApp karafkaApp(KarafkaProperties properties, Environment environment,
                        ObjectProvider<KarafkaRoutes> routes,
                        ObjectProvider<KarafkaConfigCustomizer> customizers,
                        ControllerFactory controllers, ObjectProvider<Monitor> monitors) {
    KarafkaConfig.Builder builder = KarafkaConfig.builder();
    KarafkaSetup.apply(properties, environment.getProperty("spring.application.name"),
        builder);
    builder.controllerFactory(controllers);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    KarafkaConfig config = builder.build();
    List<Monitor> all = new ArrayList<>(List.of(config.monitor()));
    monitors.orderedStream().forEach(all::add);
    if (all.size() > 1) {
      config = config.withMonitor(Monitor.combine(all.toArray(Monitor[]::new)));
    }
    KarafkaRoutes drawn = routes.getIfUnique();
    if (drawn == null) {
      throw new RoutingException("no routes: declare one KarafkaRoutes bean, e.g. @Bean"
          + " KarafkaRoutes routes() { return r -> r.topic(\"orders\")"
          + ".controller(OrdersController.class); }");
    }
    return KarafkaApp.builder().config(config).routes(drawn::draw).build();
  }

  /** @return the producers of responses (Kafka's own metrics on the registry, when there is one) */
  @Bean
  @ConditionalOnMissingBean(io.karafka.producer.Producer.class)
  KafkaProducerPool karafkaProducer(KarafkaApp app, ObjectProvider<MeterRegistry> registry) {
    MeterRegistry meters = registry.getIfUnique();
    return meters == null ? new KafkaProducerPool(app)
        : new KafkaProducerPool(app, KafkaClientsMetrics.producers(meters));
  }

  /**
   * @return the job queue of {@code karafka.store}: PostgreSQL on the application's
   *     {@code DataSource}, Redis, or the inline queue when every route is inline
   */
  @Bean
  @ConditionalOnMissingBean
  JobQueue karafkaJobQueue(KarafkaApp app, KarafkaProperties properties,
                           io.karafka.producer.Producer producer,
                           ObjectProvider<DataSource> dataSource, Environment environment) {
    return JobQueues.create(app, properties, producer, dataSource::getIfUnique,
        environment.getProperty("spring.datasource.url"));
  }

  /** @return background jobs from application code, inside the current transaction */
  @Bean
  @ConditionalOnMissingBean
  KarafkaJobs karafkaJobs(ObjectProvider<KarafkaApp> app, ObjectProvider<JobQueue> queue,
                          ObjectProvider<DataSource> dataSource) {
    return new KarafkaJobs(app::getObject, queue::getObject, dataSource::getIfUnique);
  }

  /** @return the server and the worker of this process, run with the context */
  @Bean
  @ConditionalOnMissingBean
  KarafkaProcess karafkaProcess(KarafkaApp app, KarafkaProperties properties,
                                io.karafka.producer.Producer producer, JobQueue queue,
                                ObjectProvider<KarafkaMetrics> metrics,
                                ObjectProvider<MeterRegistry> registry) {
    MeterRegistry meters = registry.getIfUnique();
    return ProcessWiring.process(app, properties, producer, queue,
        () -> meters == null ? new KafkaMessageSource(app)
            : new KafkaMessageSource(app, KafkaClientsMetrics.consumers(meters)),
        metrics.getIfAvailable());
  }
}

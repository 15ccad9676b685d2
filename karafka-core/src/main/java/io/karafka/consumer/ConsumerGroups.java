package io.karafka.consumer;

import io.karafka.app.KarafkaApp;
import io.karafka.routing.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A port onto the consumer groups as Kafka's brokers know them: for each partition of a group's
 * topics, the offset the group committed, the log end and the lag, and which member holds it.
 * It asks the cluster, not the consumers, so it stays true while the app is down (the lag grows)
 * and sees every process of a group, not only this one. The Kafka adapter implements it with an
 * admin client ({@code KafkaConsumerGroups}); the web UI shows it.
 *
 * <pre>{@code
 * try (ConsumerGroups groups = new KafkaConsumerGroups(app)) {
 *   for (ConsumerGroup group : groups.describe(ConsumerGroups.topicsOf(app))) {
 *     System.out.println(group.group() + " lag " + group.lag());
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safe in every implementation.
 */
public interface ConsumerGroups extends AutoCloseable {
  /**
   * @param topics each consumer group and Kafka's names of the topics it consumes (after the
   *     topic mapper), e.g. {@link #topicsOf(KarafkaApp)}
   * @return one entry per group, in the order given, each partition of its topics in topic and
   *     partition order
   * @throws ConsumerGroupsUnavailableException when the cluster does not answer in time
   */
  List<ConsumerGroup> describe(Map<String, List<String>> topics);

  /** @return where the cluster is, e.g. its bootstrap servers, secrets masked */
  String address();

  /** Closes the connection to the cluster. */
  @Override
  void close();

  /**
   * @param app the app whose routes name the groups and topics
   * @return each consumer group of the app's routes and Kafka's names of its topics (the topic
   *     mapper's {@code outgoing}, as the server subscribes), in route order
   */
  static Map<String, List<String>> topicsOf(KarafkaApp app) {
    Map<String, List<String>> topics = new LinkedHashMap<>();
    for (Route route : app.routes()) {
      List<String> names = topics.computeIfAbsent(route.group(), g -> new ArrayList<>());
      String name = app.config().topicMapper().outgoing(route.topic());
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    topics.replaceAll((group, names) -> List.copyOf(names));
    return topics;
  }
}

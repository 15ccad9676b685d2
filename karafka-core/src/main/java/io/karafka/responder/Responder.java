package io.karafka.responder;

import io.karafka.message.Header;
import io.karafka.parse.Parser;
import io.karafka.producer.OutgoingMessage;
import io.karafka.producer.Partitioning;
import io.karafka.routing.TopicNames;
import io.karafka.topic.TopicMapper;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides what a controller's result sends to which topics, and checks that the flow is the one
 * intended. Register the topics in the constructor; implement {@link #respond}; send with
 * {@link #respondTo}.
 *
 * <pre>{@code
 * public class UsersCreateResponder extends Responder<User> {
 *   public UsersCreateResponder() {
 *     topic("users_created");
 *     topic("premium_users_created", TopicOptions.optional());
 *   }
 *
 *   protected void respond(User user) {
 *     respondTo("users_created", user, Partitioning.key(user.login()));
 *     if (user.premium()) {
 *       respondTo("premium_users_created", user);
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>After {@code respond} returns, the response is validated: only registered topics used, at
 * most one message to a topic without {@code multipleUsage}, every required topic used. An
 * invalid response raises {@link ResponderValidationException} and sends nothing. Data is turned
 * into bytes by the route's parser ({@code String} and {@code byte[]} are sent as they are), and
 * topic names go through the topic mapper.
 *
 * <p>Karafka creates a new instance per response, with the route's factory
 * ({@code responder(() -> new UsersCreateResponder(...))}) or the app's {@code ControllerFactory}.
 * Not thread-safe.
 *
 * @param <T> what the controller passes to {@code respondWith}
 */
public abstract class Responder<T> {
  private final Map<String, TopicOptions> topics = new LinkedHashMap<>();
  private List<Pending> pending;

  /** For subclasses. Register topics in the constructor. */
  protected Responder() {}

  /**
   * Builds the response for one {@code respondWith(data)}.
   *
   * @param data what the controller passed
   */
  protected abstract void respond(T data);

  /** Registers a topic: required, exactly once. */
  protected final void topic(String name) {
    topic(name, TopicOptions.defaults());
  }

  /**
   * Registers a topic with options.
   *
   * @throws IllegalArgumentException when the name is not a legal Kafka topic name or is
   *     registered twice
   */
  protected final void topic(String name, TopicOptions options) {
    Objects.requireNonNull(options, "options");
    TopicNames.problem(name).ifPresent(p -> {
      throw new IllegalArgumentException(getClass().getSimpleName() + ": " + p);
    });
    if (topics.putIfAbsent(name, options) != null) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " registers topic '" + name
          + "' twice");
    }
  }

  /** Sends data to a registered topic; the producer picks the partition. */
  protected final void respondTo(String topic, Object data) {
    respondTo(topic, data, Partitioning.any(), List.of());
  }

  /** Sends data to a registered topic with a partition or a partition key. */
  protected final void respondTo(String topic, Object data, Partitioning partitioning) {
    respondTo(topic, data, partitioning, List.of());
  }

  /** Sends data to a registered topic with a partitioning and headers. */
  protected final void respondTo(String topic, Object data, Partitioning partitioning,
                                 List<Header> headers) {
    if (pending == null) {
      throw new IllegalStateException(getClass().getSimpleName()
          + ".respondTo may only be called from respond(...)");
    }
    pending.add(new Pending(Objects.requireNonNull(topic, "topic"), data,
        Objects.requireNonNull(partitioning, "partitioning"), List.copyOf(headers)));
  }

  /** @return the registered topics and their options, in registration order */
  public final Map<String, TopicOptions> registeredTopics() {
    return Collections.unmodifiableMap(topics);
  }

  /**
   * Runs {@link #respond} for one {@code respondWith(data)} and validates the result; sends
   * nothing. Karafka's runtime sends what it returns after the controller's {@code perform}
   * returns; a unit test of a responder can assert on it directly.
   *
   * @param data what the controller passed to {@code respondWith}
   * @param parser turns data into bytes ({@code String} and {@code byte[]} go as they are)
   * @param mapper turns the registered topic names into Kafka topic names
   * @return the messages to send, in order
   * @throws ResponderValidationException when data is not a {@code T} or the response breaks
   *     the registered topics' rules
   */
  public final List<OutgoingMessage> responses(Object data, Parser parser, TopicMapper mapper) {
    String name = getClass().getSimpleName();
    Class<?> accepted = acceptedType();
    if (accepted != null && data != null && !accepted.isInstance(data)) {
      throw new ResponderValidationException(name + ".respond takes " + accepted.getName()
          + ", but respondWith passed " + data.getClass().getName());
    }
    pending = new ArrayList<>();
    List<Pending> sent;
    try {
      @SuppressWarnings("unchecked")
      T typed = (T) data;
      respond(typed);
      sent = pending;
    } finally {
      pending = null;
    }
    validate(name, sent);
    List<OutgoingMessage> messages = new ArrayList<>(sent.size());
    for (Pending p : sent) {
      messages.add(new OutgoingMessage(mapper.outgoing(p.topic()), bytes(p.data(), parser),
          p.partitioning(), p.headers()));
    }
    return messages;
  }

  private void validate(String name, List<Pending> sent) {
    Map<String, Integer> uses = new LinkedHashMap<>();
    for (Pending p : sent) {
      if (!topics.containsKey(p.topic())) {
        throw new ResponderValidationException(name + " responded to topic '" + p.topic()
            + "', which it did not register (" + (topics.isEmpty() ? "no topics registered"
            : "registered: " + String.join(", ", topics.keySet())) + "). Register it with topic(\"" + p.topic() + "\") in the constructor.");
      }
      uses.merge(p.topic(), 1, Integer::sum);
    }
    uses.forEach((topic, count) -> {
      if (count > 1 && !topics.get(topic).multipleUsage()) {
        throw new ResponderValidationException(name + " responded " + count + " times to topic '"
            + topic + "', registered without multipleUsage. Register it with topic(\"" + topic
            + "\", TopicOptions.multiple()) to allow that.");
      }
    });
    topics.forEach((topic, options) -> {
      if (options.required() && !uses.containsKey(topic)) {
        throw new ResponderValidationException(name + " did not respond to required topic '"
            + topic + "'. Respond to it, or register it with topic(\"" + topic
            + "\", TopicOptions.optional()).");
      }
    });
  }

  private static byte[] bytes(Object data, Parser parser) {
    if (data instanceof byte[] raw) {
      return raw;
    }
    if (data instanceof String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    return parser.generate(data);
  }

  /** @return the class {@code T} stands for in this responder's hierarchy, or null if unknown */
  private Class<?> acceptedType() {
    Map<java.lang.reflect.TypeVariable<?>, Type> bindings = new java.util.HashMap<>();
    Class<?> type = getClass();
    while (type != null && type != Responder.class) {
      Type generic = type.getGenericSuperclass();
      Class<?> parent = type.getSuperclass();
      if (generic instanceof ParameterizedType p && parent != null) {
        java.lang.reflect.TypeVariable<?>[] variables = parent.getTypeParameters();
        Type[] arguments = p.getActualTypeArguments();
        for (int i = 0; i < variables.length; i++) {
          Type argument = arguments[i];
          while (argument instanceof java.lang.reflect.TypeVariable<?> v
              && bindings.containsKey(v)) {
            argument = bindings.get(v);
          }
          bindings.put(variables[i], argument);
        }
      }
      type = parent;
    }
    Type resolved = bindings.get(Responder.class.getTypeParameters()[0]);
    if (resolved instanceof Class<?> c) {
      return c;
    }
    if (resolved instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return null;
  }

  private record Pending(String topic, Object data, Partitioning partitioning,
                         List<Header> headers) {}
}

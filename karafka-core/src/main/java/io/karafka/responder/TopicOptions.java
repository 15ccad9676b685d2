package io.karafka.responder;

/**
 * How a responder may use a registered topic.
 *
 * @param required raise an error when a response did not use the topic (default true)
 * @param multipleUsage allow more than one message to the topic in one response (default false)
 */
public record TopicOptions(boolean required, boolean multipleUsage) {
  /** @return required, exactly once */
  public static TopicOptions defaults() {
    return new TopicOptions(true, false);
  }

  /** @return not required, at most once */
  public static TopicOptions optional() {
    return new TopicOptions(false, false);
  }

  /** @return required, one or more times */
  public static TopicOptions multiple() {
    return new TopicOptions(true, true);
  }

  /** @return these options with {@code required} set */
  public TopicOptions withRequired(boolean value) {
    return new TopicOptions(value, multipleUsage);
  }

  /** @return these options with {@code multipleUsage} set */
  public TopicOptions withMultipleUsage(boolean value) {
    return new TopicOptions(required, value);
  }
}

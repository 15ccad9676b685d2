package io.karafka.responder;

import io.karafka.message.Header;
import io.karafka.producer.Partitioning;
import java.util.List;
import java.util.function.Consumer;

/**
 * A responder for tests: registers the topics it is given (each name optionally followed by its
 * {@link TopicOptions}) and runs a script as its {@code respond}. Its simple name,
 * {@code ScriptedResponder}, is what the validation messages name.
 */
final class ScriptedResponder extends Responder<Object> {
  private final Consumer<ScriptedResponder> script;

  ScriptedResponder(Consumer<ScriptedResponder> script, Object... registrations) {
    this.script = script;
    for (int i = 0; i < registrations.length; i++) {
      if (i + 1 < registrations.length && registrations[i + 1] instanceof TopicOptions o) {
        topic((String) registrations[i], o);
        i++;
      } else {
        topic((String) registrations[i]);
      }
    }
  }

  @Override
  protected void respond(Object data) {
    script.accept(this);
  }

  void send(String topic, Object data) {
    respondTo(topic, data);
  }

  void send(String topic, Object data, Partitioning partitioning, List<Header> headers) {
    respondTo(topic, data, partitioning, headers);
  }
}

package io.karafka.examples.wiring;

import io.karafka.app.KarafkaApp;
import io.karafka.consumer.MessageSource;
import io.karafka.producer.Producer;
import io.karafka.queue.inline.InlineJobQueue;
import io.karafka.server.KarafkaServer;

/** Background routes performed at once, in the consumer: no job store to run. */
public final class InlineQueueWiring {
  private InlineQueueWiring() {}

  /** @return a server whose jobs are performed by {@link InlineJobQueue} */
  public static KarafkaServer server(KarafkaApp app, MessageSource source, Producer producer) {
    return KarafkaServer.builder(app)
        .source(source)
        .producer(producer)
        .jobQueue(new InlineJobQueue(app, producer))
        .build();
  }
}

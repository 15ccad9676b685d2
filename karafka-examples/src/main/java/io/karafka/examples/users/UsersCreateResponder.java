package io.karafka.examples.users;

import io.karafka.producer.Partitioning;
import io.karafka.responder.Responder;
import io.karafka.responder.TopicOptions;

/** Announces created users; found by name from {@link UsersCreateController}. */
public class UsersCreateResponder extends Responder<User> {
  /** Registers the topics this responder may use. */
  public UsersCreateResponder() {
    topic("users_created");
    topic("seniors_created", TopicOptions.optional());
  }

  @Override
  protected void respond(User user) {
    // users with the same initial land on the same partition, in order
    respondTo("users_created", user, Partitioning.key(user.name().substring(0, 1)));
    if (user.age() >= 65) {
      respondTo("seniors_created", user);
    }
  }
}

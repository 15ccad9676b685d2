package io.karafka.examples.users;

import io.karafka.controller.Controller;
import java.util.List;

/** Creates users from {@code users_create} messages, adults only. */
public class UsersCreateController extends Controller {
  /** Registers the callbacks. */
  public UsersCreateController() {
    // a lambda callback: enrich the params before the job is enqueued
    beforeEnqueue(() -> {
      params().put("source", "kafka:" + params().topic() + "/" + params().partition());
      return true;
    });
    // a method callback: returning false aborts (the message is neither enqueued nor performed)
    beforeEnqueue(this::adultsOnly);
  }

  @Override
  protected void perform() {
    Long age = params().getLong("age");
    User user = new User(params().getString("name"), age.intValue());
    UserDirectory.add(user, params().getString("source"));
    respondWith(user);
  }

  @Override
  protected void afterFailure(Throwable error) {
    UserDirectory.remove(params().getString("name"));
  }

  private boolean adultsOnly() {
    Long age = params().getLong("age");
    return age != null && age >= 18;
  }

  /** For the demo: the users created so far. */
  static List<String> created() {
    return UserDirectory.names();
  }
}

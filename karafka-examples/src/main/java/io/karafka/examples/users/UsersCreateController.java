package io.karafka.examples.users;

import io.karafka.controller.Controller;

/** Creates users from {@code users_create} messages, adults only. */
public class UsersCreateController extends Controller {
  private final UserDirectory users;

  /**
   * Registers the callbacks.
   *
   * @param users where users are created (the route's factory passes it)
   */
  public UsersCreateController(UserDirectory users) {
    this.users = users;
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
    users.add(user, params().getString("source"));
    respondWith(user);
  }

  @Override
  protected void afterFailure(Throwable error) {
    users.remove(params().getString("name"));
  }

  private boolean adultsOnly() {
    Long age = params().getLong("age");
    return age != null && age >= 18;
  }

}

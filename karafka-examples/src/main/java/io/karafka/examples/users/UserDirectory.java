package io.karafka.examples.users;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the example's database: the app creates one and hands it to its controllers
 * through their factories. Thread-safe.
 */
public final class UserDirectory {
  private final Map<String, String> users = new ConcurrentHashMap<>();

  /** Records a user and where it came from. */
  public void add(User user, String source) {
    users.put(user.name(), source);
  }

  /** Forgets a user. */
  public void remove(String name) {
    users.remove(name);
  }

  /** @return whether a user of that name was created */
  public boolean contains(String name) {
    return users.containsKey(name);
  }

  /** @return the users created so far, sorted */
  public List<String> names() {
    return users.keySet().stream().sorted().toList();
  }
}

package io.karafka.examples.users;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Stands in for the example's database. */
final class UserDirectory {
  private static final Map<String, String> USERS = new ConcurrentHashMap<>();

  private UserDirectory() {}

  static void add(User user, String source) {
    USERS.put(user.name(), source);
  }

  static void remove(String name) {
    USERS.remove(name);
  }

  static boolean contains(String name) {
    return USERS.containsKey(name);
  }

  static List<String> names() {
    return USERS.keySet().stream().sorted().toList();
  }

  static void clear() {
    USERS.clear();
  }
}

package io.karafka.examples.users;

/**
 * A user, as the example app creates it.
 *
 * @param name the user's name
 * @param age the user's age in years
 */
public record User(String name, int age) {}

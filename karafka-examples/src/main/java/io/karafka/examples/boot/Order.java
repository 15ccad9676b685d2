package io.karafka.examples.boot;

/**
 * An order, as it comes in on {@code orders} (JSON).
 *
 * @param id the order's id
 * @param item what was ordered
 * @param quantity how many; an order of less than one is refused
 */
public record Order(long id, String item, int quantity) {}

package io.karafka.examples.boot;

/**
 * The invoice of an order, as it goes out on {@code invoices_issued}.
 *
 * @param orderId the order
 * @param item what was ordered
 * @param quantity how many
 */
public record Invoice(long orderId, String item, int quantity) {}

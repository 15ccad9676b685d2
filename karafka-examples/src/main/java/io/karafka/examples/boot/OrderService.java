package io.karafka.examples.boot;

import io.karafka.spring.boot.KarafkaJobs;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Places orders: the order's row and its invoice job commit together, or neither does. */
@Service
public class OrderService {
  private final JdbcTemplate sql;
  private final KarafkaJobs jobs;

  /**
   * @param sql the application's database
   * @param jobs enqueues background jobs inside the current transaction
   */
  public OrderService(JdbcTemplate sql, KarafkaJobs jobs) {
    this.sql = sql;
    this.jobs = jobs;
  }

  /**
   * @return the invoice job's id
   * @throws IllegalArgumentException for a quantity below one: after the insert and the
   *     enqueue, so the rollback takes both back
   */
  @Transactional
  public String place(Order order) {
    sql.update("INSERT INTO shop_orders (id, item, quantity) VALUES (?, ?, ?)"
        + " ON CONFLICT (id) DO NOTHING", order.id(), order.item(), order.quantity());
    String job = jobs.enqueue("invoices", Map.of("orderId", order.id()));
    if (order.quantity() < 1) {
      throw new IllegalArgumentException("order " + order.id() + ": quantity must be at least"
          + " 1, was " + order.quantity());
    }
    return job;
  }

  /** @return the invoice of a placed order, marking the order invoiced */
  @Transactional
  public Invoice invoice(long orderId) {
    sql.update("UPDATE shop_orders SET invoiced = true WHERE id = ?", orderId);
    return sql.queryForObject("SELECT id, item, quantity FROM shop_orders WHERE id = ?",
        (row, n) -> new Invoice(row.getLong("id"), row.getString("item"),
            row.getInt("quantity")), orderId);
  }

  /** @return how many orders are stored */
  public long count() {
    return sql.queryForObject("SELECT count(*) FROM shop_orders", Long.class);
  }
}

package io.karafka.examples.boot;

import io.karafka.spring.boot.KarafkaRoutes;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application on karafka-spring-boot-starter: settings in {@code application.yml}
 * under {@code karafka.*}, routes as a bean, controllers as prototype beans. An order message
 * on {@code orders} is enqueued to PostgreSQL; a worker performs it: the order and its invoice
 * job are written in one transaction ({@link OrderService}), the order is confirmed on
 * {@code orders_confirmed}, and the invoice job answers on {@code invoices_issued}.
 */
@SpringBootApplication
public class ShopApplication {

  /** @return the routes: both background, performed by the worker */
  @Bean
  KarafkaRoutes routes() {
    return r -> {
      r.topic("orders").controller(OrdersController.class);
      r.topic("invoices").controller(InvoicesController.class);
    };
  }

  /** Runs the server, the worker and the web endpoints until SIGTERM. */
  public static void main(String[] args) {
    SpringApplication.run(ShopApplication.class, args);
  }
}

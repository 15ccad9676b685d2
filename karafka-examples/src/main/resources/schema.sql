CREATE TABLE IF NOT EXISTS shop_orders (
  id bigint PRIMARY KEY,
  item text NOT NULL,
  quantity int NOT NULL,
  invoiced boolean NOT NULL DEFAULT false
);

-- args: --echo
-- Create a table, fill it, read it back, change it.
.tables
CREATE TABLE docs (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  price REAL,
  in_stock BOOLEAN,
  embedding VECTOR(8)
);
.tables
.schema
INSERT INTO docs (id, title, price, in_stock, embedding) VALUES
  (1, 'Trail shoe', 49.5, true, [1, 0, 0, 0, 0, 0, 0, 0]),
  (2, 'Rain; jacket', 120, false, [0, 1, 0, 0, 0, 0, 0, 0.5]),
  (3, 'It''s a "tent"', NULL, NULL, [0.25, 0.25, 1, 0, 0, 0, 0, 0]),
  (4, 'No vector yet', 9.99, true, NULL);
SELECT * FROM docs;
SELECT id, title FROM docs WHERE title = 'Rain; jacket';
SELECT count(*) FROM docs; SELECT count(*) AS priced FROM docs WHERE price IS NOT NULL;
UPDATE docs SET price = 45, in_stock = false WHERE id = 1;
DELETE FROM docs WHERE embedding IS NULL;
/* What is left: */
SELECT id, title, price, in_stock
FROM docs
ORDER BY price DESC;
SELECT id FROM docs WHERE price > 1000;

-- args: --echo
-- Range searches: a distance compared with a number in WHERE.
CREATE TABLE items (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, price REAL, embedding VECTOR(3) METRIC l2);
INSERT INTO items VALUES
  (1, 'shoe', 40, [1, 0, 0]),
  (2, 'shoe', 60, [0.75, 0.25, 0]),
  (3, 'shoe', 30, [0.5, 0.5, 0]),
  (4, 'tent', 200, [0, 1, 0]),
  (5, 'tent', 35, [0, 0.75, 0.25]),
  (6, 'lamp', 20, [0, 0, 1]),
  (7, 'lamp', 25, NULL);
-- Every row within 0.8 of the query; the row without a vector never is.
SELECT id, kind, distance(embedding, [1, 0, 0]) AS dist FROM items WHERE distance(embedding, [1, 0, 0]) < 0.8 ORDER BY id;
-- Either side of the comparison, BETWEEN, and a filter beside it.
SELECT id, price FROM items WHERE 1.3 > embedding <-> [1, 0, 0] AND price < 50 ORDER BY price;
SELECT count(*) AS mid FROM items WHERE distance(embedding, [1, 0, 0]) BETWEEN 0.3 AND 1.3;
-- The nearest rows cut at a radius.
SELECT id, distance(embedding, [1, 0, 0]) AS dist FROM items WHERE distance(embedding, [1, 0, 0]) <= 0.75 ORDER BY dist LIMIT 5;
EXPLAIN SELECT id FROM items WHERE distance(embedding, [1, 0, 0]) < 1.3 ORDER BY distance(embedding, [1, 0, 0]) LIMIT 3;
EXPLAIN SELECT id FROM items WHERE price < 50 AND distance(embedding, [1, 0, 0]) > 0.3 ORDER BY price;
-- A distance under OR is not a range search: it is computed for every row (a row without a vector passes by the other side).
SELECT id FROM items WHERE distance(embedding, [1, 0, 0]) < 0.5 OR price < 30;

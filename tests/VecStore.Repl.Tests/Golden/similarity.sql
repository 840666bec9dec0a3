-- args: --echo
CREATE TABLE items (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, price REAL, embedding VECTOR(3) METRIC l2);
INSERT INTO items VALUES
  (1, 'shoe', 40, [1, 0, 0]),
  (2, 'shoe', 60, [0.75, 0.25, 0]),
  (3, 'shoe', 30, [0.5, 0.5, 0]),
  (4, 'tent', 200, [0, 1, 0]),
  (5, 'tent', 35, [0, 0.75, 0.25]),
  (6, 'lamp', 20, [0, 0, 1]);
-- Nearest first, by the column's metric (l2).
SELECT id, kind, distance(embedding, [1, 0, 0]) AS dist FROM items ORDER BY dist LIMIT 3;
-- Filtered: only what passes the WHERE clause is ranked.
SELECT id, kind, price, distance(embedding, [1, 0, 0]) AS dist
FROM items
WHERE kind = 'tent' OR price < 35
ORDER BY dist
LIMIT 3;
-- Other distance functions and pgvector's operators.
SELECT id,
       l2_distance(embedding, [1, 0, 0]) AS l2,
       cosine_distance(embedding, [1, 0, 0]) AS cosine,
       inner_product(embedding, [1, 0, 0]) AS ip,
       embedding <-> [1, 0, 0] AS op_l2,
       embedding <=> [1, 0, 0] AS op_cosine,
       embedding <#> [1, 0, 0] AS op_neg_ip
FROM items
ORDER BY l2
LIMIT 4;
SELECT count(*) AS cheap_shoes FROM items WHERE kind = 'shoe' AND price < 50;
EXPLAIN SELECT id FROM items WHERE price < 50 ORDER BY distance(embedding, [1, 0, 0]) LIMIT 2;

-- args: --echo
-- .param binds @names for the statements that follow: a stored vector can become the query vector.
CREATE TABLE items (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, price REAL, embedding VECTOR(3));
INSERT INTO items VALUES (1, 'shoe', 40, [1, 0, 0]), (2, 'shoe', 60, [1, 0.5, 0]), (3, 'tent', 35, [0, 1, 0]), (4, 'shoe', 45, [0.5, 0.5, 0.5]);
.param set q (SELECT embedding FROM items WHERE id = 1)
.param set @kind 'shoe'
.param set max_price 50
.param list
SELECT id, price, distance(embedding, @q) AS dist FROM items WHERE kind = @kind AND price < @max_price ORDER BY dist LIMIT 5;
.param set q [0, 1, 0]
SELECT id, distance(embedding, @q) AS dist FROM items ORDER BY dist LIMIT 1;
.param unset max_price
SELECT id FROM items WHERE price < @max_price;
.param set q (SELECT embedding FROM items WHERE id = 99)
.param set q [1, two]
.param clear
.param list

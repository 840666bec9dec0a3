-- args: --echo
-- Every type the engine returns, in every mode: big integers, extreme and infinite reals, text
-- (empty, wide characters), blobs, booleans, float and HALF vectors, BIT strings, and NULL.
CREATE TABLE t (id INTEGER PRIMARY KEY, r REAL, s TEXT, b BLOB, f BOOLEAN, v VECTOR(3), h VECTOR(2) HALF, bits BIT(3));
.param set inf Infinity
.param set minus_inf -Infinity
INSERT INTO t VALUES (9223372036854775807, 1.7976931348623157e308, 'a"b', x'00ff', true, [1.5, -0.0, 3.4028235e38], [65504, 0.1], '101');
INSERT INTO t VALUES (-9223372036854775808, @inf, '', x'', false, [0, 0, 1e-45], [1, -2], '000');
INSERT INTO t VALUES (3, @minus_inf, '中文 😀', NULL, NULL, NULL, NULL, '111');
INSERT INTO t (id) VALUES (4);
CREATE TABLE wide (id INTEGER PRIMARY KEY, bits BIT(80));
INSERT INTO wide VALUES (1, '10101010101010101010101010101010101010101010101010101010101010101010101010101010');
SELECT * FROM t ORDER BY id;
SELECT * FROM wide;
.mode csv
SELECT * FROM t ORDER BY id;
SELECT * FROM wide;
.mode json
SELECT * FROM t ORDER BY id;
SELECT * FROM wide;
-- .headers and .nullvalue apply to tables and CSV; JSON keeps null.
.headers off
.nullvalue (null)
.mode table
SELECT id, s, b FROM t ORDER BY id;
.mode csv
SELECT id, s, b FROM t ORDER BY id;
.mode json
SELECT id, s FROM t WHERE id = 4;
.headers on
.nullvalue
.mode csv
SELECT id, s FROM t WHERE id = 4;
.show

-- args: --echo
CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, ok BOOLEAN, v VECTOR(6));
INSERT INTO t VALUES
  (1, 'plain', 0.1, true, [0.5, -0.25, 1, 2, 3, 4]),
  (2, 'comma, "quoted"', 1.0e-7, false, NULL),
  (3, ' padded ', NULL, NULL, [1, 1, 1, 1, 1, 1]);
.mode
.mode csv
SELECT * FROM t;
UPDATE t SET score = 2 WHERE id = 3;
.mode json
SELECT * FROM t;
SELECT * FROM t WHERE id > 100;
.mode table
.mode
SELECT id, name, score FROM t;

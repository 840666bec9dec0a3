-- args: --echo --bail
CREATE TABLE t (id INTEGER PRIMARY KEY);
INSERT INTO t VALUES (1), (2);
SELECT id FROM t WHERE;
SELECT 'never printed' FROM t;

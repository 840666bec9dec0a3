-- Without --echo a script prints only results and errors, as sqlite3 does.
CREATE TABLE t (id INTEGER PRIMARY KEY, label TEXT);
INSERT INTO t VALUES (1, 'one'), (2, 'two');
SELECT * FROM t ORDER BY id DESC;
SELECT label FROM t WHERE id = ;
-- The last statement may go without its semicolon.
SELECT count(*) FROM t

-- args: --echo
-- An error skips the statements after it on its line, as in sqlite3; the next line runs.
CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT);
INSERT INTO docs VALUES (1, 'a'), (2, 'b'), (3, 'c');
SELECT count(*) FROM nowhere; DELETE FROM docs;
DELETE FROM docs WHERE id = 1; INSERT INTO docs VALUES (2, 'dup'); DELETE FROM docs;
SELECT id FROM docs
WHERE nope = 1; DELETE FROM docs; DELETE FROM
docs;
SELECT id FROM docs ORDER BY id;

-- args: --echo
-- Each error is printed with its position and a caret; the script goes on.
CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, embedding VECTOR(3));
INSERT INTO docs VALUES (1, 'first', [1, 0, 0]);
SELECT id FROM docs WHERE (id < 10 LIMIT 5;
SELEC 1;
SELECT nope, title, nada FROM docs;
  SELECT id FROM docs; SELECT id FROM nowhere;
INSERT INTO docs VALUES (2, 'short', [1, 0]);
INSERT INTO docs VALUES (1, 'again', [0, 1, 0]);
INSERT INTO docs (id, embedding) VALUES (3, [0, 0, 1]);
SELECT id FROM docs
WHERE title = 'first'
  AND bogus = 1;
.frobnicate now
.mode yaml
.schema nowhere
.timer maybe
.read missing.sql
SELECT count(*) AS still_running FROM docs;
-- A string left open runs to the end of the input.
SELECT 'unterminated;

-- args: --echo
-- Session settings in the shell: SET, SET LOCAL, RESET, SHOW, and what EXPLAIN says of them.
CREATE TABLE docs (id INTEGER PRIMARY KEY, category TEXT, embedding VECTOR(3) METRIC cosine);
INSERT INTO docs VALUES (1, 'a', [1, 0, 0]), (2, 'b', [0, 1, 0]), (3, 'a', [0.9, 0.1, 0]), (4, 'b', [0, 0, 1]);
CREATE INDEX docs_emb ON docs USING HNSW (embedding);
SHOW ALL;
SET hnsw.ef_search = 100;
SET ivfflat.probes TO 4;
EXPLAIN SELECT id FROM docs ORDER BY embedding <=> [1, 0, 0] LIMIT 2;
SET strategy = flat;
EXPLAIN SELECT id FROM docs WHERE category = 'a' ORDER BY embedding <=> [1, 0, 0] LIMIT 2;
EXPLAIN SELECT id FROM docs ORDER BY embedding <=> [1, 0, 0] LIMIT 2 WITH (strategy = 'index', ef_search = 20);
BEGIN;
SET LOCAL ef_search = 30;
RESET strategy;
SHOW ALL;
ROLLBACK;
SHOW ALL;
SET ef_serch = 5;
SET nprobe = 0;
SET strategy = 'fastest';
RESET ALL;
SHOW strategy;

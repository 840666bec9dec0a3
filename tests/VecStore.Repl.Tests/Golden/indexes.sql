-- Vector and scalar indexes in the shell: create, list, plan, drop.
CREATE TABLE docs (id INTEGER PRIMARY KEY, category TEXT, embedding VECTOR(3) METRIC cosine);
INSERT INTO docs VALUES (1, 'a', [1, 0, 0]), (2, 'b', [0, 1, 0]), (3, 'a', [0.9, 0.1, 0]), (4, 'b', [0, 0, 1]);
CREATE INDEX docs_emb ON docs USING HNSW (embedding) WITH (m = 8, ef_construction = 64);
CREATE INDEX docs_category ON docs (category);
.indexes
.indexes docs
.schema docs
EXPLAIN SELECT id FROM docs WHERE category = 'a' ORDER BY embedding <=> [1, 0, 0] LIMIT 2 WITH (ef_search = 20);
SELECT id, embedding <=> [1, 0, 0] AS d FROM docs ORDER BY embedding <=> [1, 0, 0] LIMIT 2;
SELECT id FROM docs WHERE category = 'b' ORDER BY embedding <=> [0, 1, 0] LIMIT 1 WITH (ef_search = 20);
CREATE INDEX docs_emb ON docs USING HNSW (embedding);
DROP INDEX docs_emb;
.indexes
DROP INDEX docs_emb;

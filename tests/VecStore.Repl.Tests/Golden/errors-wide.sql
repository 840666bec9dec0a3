-- args: --echo
-- The caret stands under the culprit however wide the characters before it: Chinese and
-- fullwidth letters take two cells, emoji two, combining accents none; tabs become spaces.
CREATE TABLE t (id INTEGER PRIMARY KEY, title TEXT);
SELECT '中文标题', nope FROM t;
SELECT '한국어', 'Ａｂｃ', 'ｱｲ', nope FROM t;
SELECT '👍🏽', '👨‍👩‍👧', '🇫🇷', '❤️', nope FROM t;
SELECT 'é́', 'a​b', nope FROM t;
SELECT	'a',		nope FROM t;
SELECT "列名", title FROM t;
SELECT id FROM t
WHERE title = '标题' AND 列 = 1;
SELECT 'x[31m', nope FROM t;

INSERT INTO pets VALUES (1, 'Rex', [1, 0]), (2, 'Tom', [0, 1]);
-- An error in a script that is read: positions are lines of this file.
INSERT INTO pets VALUES (3, 'Kit', [0, 1]), (4);

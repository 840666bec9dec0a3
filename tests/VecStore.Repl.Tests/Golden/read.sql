-- args: --echo
.read Included/schema.sql
.read "Included/rows.sql"
SELECT id, name FROM pets ORDER BY id;
.echo off
SELECT count(*) AS pets FROM pets;

-- PostgreSQL gets covering indexes for the heatmap and KPIs here (db/vendor/postgresql). H2 is the
-- demo's database, whose history is small: extra indexes would only slow the demo clinic's writing.
-- This file keeps the version numbers of both databases in step.
SELECT 1;

-- PostgreSQL gets an index for Camunda's look-up of a task's subtasks here (db/vendor/postgresql).
-- The demo's H2 holds a few hundred tasks, which it reads in no time. This file keeps the version
-- numbers of both databases in step.
SELECT 1;

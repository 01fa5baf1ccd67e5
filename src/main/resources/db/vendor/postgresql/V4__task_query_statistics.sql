-- Statistics for the authorization check of Camunda's task queries (Tasklist's filters and their
-- counts), so that PostgreSQL plans them by how many rows match. The check keeps the authorization
-- rows whose PERMS_ bit mask holds READ (2) on a task or READ_TASK (64) on a process definition.
-- Without statistics on those two expressions PostgreSQL guesses that 0.5 % of the rows match, and
-- then compares every task of a queue with every authorization row the user has: a time that grows
-- with the square of the queue. With them it looks up each task's authorizations in the index on
-- RESOURCE_ID_. Figures: bench/CoordinatorQueue (docs/performance.md).
CREATE STATISTICS kapcare_authorization_perms ON (PERMS_ & 2), (PERMS_ & 64) FROM ACT_RU_AUTHORIZATION;

-- Gathered now rather than at the next autovacuum, for a database that already holds a clinic's tasks.
ANALYZE ACT_RU_AUTHORIZATION;

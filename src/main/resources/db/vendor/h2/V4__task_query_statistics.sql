-- PostgreSQL gets statistics for the authorization check of Tasklist's queries here
-- (db/vendor/postgresql). H2 keeps no statistics on expressions, and the demo's queues are small.
-- This file keeps the version numbers of both databases in step.
SELECT 1;

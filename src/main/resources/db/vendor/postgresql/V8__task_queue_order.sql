-- The order of a group's queue as Tasklist first opens it: the filter's own order (urgent first,
-- then due soonest, undated last), Tasklist's default "created, newest first", then the task id
-- (tasklist/StablePages). With it PostgreSQL reads a queue's first page by walking the index and
-- stopping after 15 tasks of the group that the caller may read, instead of sorting the whole queue
-- (40,000 tasks at 100,000 journeys) on every reload. The defaults of each direction (NULLS LAST
-- ascending, NULLS FIRST descending) are those of the ORDER BY that tasklist/GroupQueueQuery writes.
-- Figures: bench/CoordinatorQueue (docs/performance.md).
CREATE INDEX kapcare_task_queue_order ON ACT_RU_TASK (PRIORITY_ DESC, DUE_DATE_, CREATE_TIME_ DESC, ID_);

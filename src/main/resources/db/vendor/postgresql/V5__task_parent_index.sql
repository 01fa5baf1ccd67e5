-- An index for the look-up Camunda runs whenever a task ends (completed, or cancelled by its
-- process): SELECT * FROM ACT_RU_TASK WHERE PARENT_TASK_ID_ = ?, the task's subtasks. Camunda's
-- PostgreSQL schema has no index on that column (its SQL Server schema got one, camunda-bpm-platform
-- pull request 4030), so every completion read the whole table, a cost that grows with the running
-- journeys. KAP Care makes no subtasks: the index holds only the tasks that have a parent, so it is
-- empty, costs writes nothing, and still answers the look-up (= ? implies IS NOT NULL).
-- Figures: bench/CoordinatorQueue (docs/performance.md).
CREATE INDEX kapcare_task_parent ON ACT_RU_TASK (PARENT_TASK_ID_) WHERE PARENT_TASK_ID_ IS NOT NULL;

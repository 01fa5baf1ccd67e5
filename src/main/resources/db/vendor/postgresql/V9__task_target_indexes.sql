-- Covering index for the heatmap's steps against the clinic's targets (insight/TaskTimesQuery):
-- the task history of one process in a range of start times, with the due and follow-up dates the
-- targets need, read from the index alone. Only fixed-width columns and the step id are included
-- (see V3).
CREATE INDEX kapcare_hi_taskinst_targets ON ACT_HI_TASKINST (PROC_DEF_KEY_, START_TIME_)
  INCLUDE (TASK_DEF_KEY_, END_TIME_, DUE_DATE_, FOLLOW_UP_DATE_);

-- The load per therapist and prescriber (insight/ClinicianLoad): the tasks completed in a range with
-- who completed them, grouped by person in one pass; only completed, assigned tasks are indexed.
CREATE INDEX kapcare_hi_taskinst_done ON ACT_HI_TASKINST (END_TIME_)
  INCLUDE (ASSIGNEE_, TASK_DEF_KEY_, DUE_DATE_)
  WHERE DELETE_REASON_ = 'completed' AND ASSIGNEE_ IS NOT NULL;

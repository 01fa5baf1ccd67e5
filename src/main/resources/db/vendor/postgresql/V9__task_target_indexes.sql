-- Covering index for the heatmap's steps against the clinic's targets (insight/TaskTimesQuery):
-- the task history of one process in a range of start times, with the due and follow-up dates the
-- targets need, read from the index alone. Only fixed-width columns and the step id are included
-- (see V3).
CREATE INDEX kapcare_hi_taskinst_targets ON ACT_HI_TASKINST (PROC_DEF_KEY_, START_TIME_)
  INCLUDE (TASK_DEF_KEY_, END_TIME_, DUE_DATE_, FOLLOW_UP_DATE_);

-- Covering indexes for the Cockpit heatmap and KPIs (insight/), so that each reads one index and
-- never the history tables themselves: at a million activity instances the dosing-session heatmap
-- went from 1.1 s to 0.3 s and the integration-window KPIs from 0.7-1.2 s to under 0.1 s
-- (bench/InsightQueries). PostgreSQL only (INCLUDE); only fixed-width or id columns are included,
-- so that no index row can outgrow PostgreSQL's limit whatever a variable holds.

-- Heatmap (ActivityHeatmap) and referral-to-first-dose (ClinicKpis): rows come in activity order,
-- so the aggregate needs no sort of its own.
CREATE INDEX kapcare_hi_actinst_insight ON ACT_HI_ACTINST (PROC_DEF_KEY_, ACT_ID_)
  INCLUDE (START_TIME_, END_TIME_, DURATION_, ACT_TYPE_, ACT_INST_STATE_, ROOT_PROC_INST_ID_);

-- Integration windows (ClinicKpis): the four dose variables that tell whether a window was kept.
CREATE INDEX kapcare_hi_varinst_insight ON ACT_HI_VARINST (PROC_DEF_KEY_, NAME_)
  INCLUDE (PROC_INST_ID_, LONG_);

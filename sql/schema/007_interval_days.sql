-- 007_interval_days: the dose interval as a number, so "every 3 weeks" and "21 days" compare.

alter table intervention_doses add column interval_days double;
comment on column intervention_doses.interval_days is 'interval in days (hours / 24, weeks x 7, months x 30.4375, years x 365.25): "3 weeks" and "21 days" are both 21; NULL when interval is NULL';

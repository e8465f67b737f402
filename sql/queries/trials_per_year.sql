-- Trials started per year by phase: one row per (start year, phase) with the number of
-- trials, how many of those starts are ACTUAL (the others are ESTIMATED, i.e. planned, or
-- untyped), and their summed enrollment. Phase joins multi-phase trials with '/'
-- (PHASE1/PHASE2); 'none' is a trial without phases (observational studies). Trials without
-- a start date are counted under start_year NULL, last.
-- Parameters: none
with

studies as (
    select * from main.studies
),

trial_starts as (
    select
        nct_id,
        year(start_date) as start_year,
        coalesce(nullif(array_to_string(phases, '/'), ''), 'none') as phase,
        start_date_type,
        enrollment
    from studies
),

final as (
    select
        start_year,
        phase,
        count(*) as trials,
        count(*) filter (where start_date_type = 'ACTUAL') as actual_starts,
        sum(enrollment) as enrollment
    from trial_starts
    group by start_year, phase
    order by start_year nulls last, phase
)

select * from final

-- What changed since a date: one row per change of a watched field (overall status,
-- enrollment and its type, phases, start/primary completion/completion dates and their
-- types, number of sites and arms, minimum/maximum age, criteria text) detected by a load on
-- or after $since, newest first, with the trial's title. Values are shown as text, before
-- and after (NULL when absent). `pipeline changes --since DATE` prints the same rows.
-- Parameters: $since (a date, YYYY-MM-DD, or a timestamp YYYY-MM-DD HH:MM:SS, UTC)
with

study_changes as (
    select * from main.study_changes
),

studies as (
    select * from main.studies
),

recent_changes as (
    select *
    from study_changes
    where detected_at >= cast(cast($since as varchar) as timestamp)
),

final as (
    select
        recent_changes.detected_at,
        recent_changes.nct_id,
        studies.brief_title,
        recent_changes.field,
        recent_changes.old_value,
        recent_changes.new_value,
        recent_changes.run_id
    from recent_changes
    left join studies on studies.nct_id = recent_changes.nct_id
    order by recent_changes.detected_at desc, recent_changes.nct_id, recent_changes.field
)

select * from final

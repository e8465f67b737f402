-- Trials with posted results and their serious adverse events: one row per serious adverse
-- event term of each trial that has a results section, with the participants affected and
-- at risk summed over the trial's adverse-event groups (arms as reported), and the trial's
-- totals: participants with any serious adverse event, at risk, and deaths (all causes)
-- where reported. A trial with results but no serious event gives one row with term NULL.
-- Most affected terms first within a trial.
-- Parameters: none
with

studies as (
    select * from main.studies
),

study_results as (
    select * from main.study_results
),

adverse_events as (
    select * from main.adverse_events
),

event_counts as (
    select * from main.adverse_event_counts
),

event_groups as (
    select * from main.adverse_event_groups
),

trials_with_results as (
    select studies.*
    from studies
    where studies.has_results
        or studies.nct_id in (select nct_id from study_results)
),

trial_totals as (
    select
        nct_id,
        count(*) as ae_groups,
        sum(serious_num_affected) as sae_participants,
        sum(serious_num_at_risk) as sae_at_risk,
        sum(deaths_num_affected) as deaths
    from event_groups
    group by nct_id
),

serious_terms as (
    select
        adverse_events.nct_id,
        adverse_events.ordinal,
        adverse_events.term,
        adverse_events.organ_system,
        sum(event_counts.num_affected) as num_affected,
        sum(event_counts.num_at_risk) as num_at_risk,
        sum(event_counts.num_events) as num_events
    from adverse_events
    left join event_counts
        on event_counts.nct_id = adverse_events.nct_id
        and event_counts.kind = adverse_events.kind
        and event_counts.event_ordinal = adverse_events.ordinal
    where adverse_events.kind = 'serious'
    group by adverse_events.nct_id, adverse_events.ordinal, adverse_events.term, adverse_events.organ_system
),

final as (
    select
        trials_with_results.nct_id,
        trials_with_results.brief_title,
        array_to_string(trials_with_results.phases, '/') as phase,
        trials_with_results.overall_status,
        trials_with_results.results_first_posted_date,
        trial_totals.ae_groups,
        trial_totals.sae_participants,
        trial_totals.sae_at_risk,
        trial_totals.deaths,
        serious_terms.term,
        serious_terms.organ_system,
        serious_terms.num_affected,
        serious_terms.num_at_risk,
        serious_terms.num_events
    from trials_with_results
    left join trial_totals on trial_totals.nct_id = trials_with_results.nct_id
    left join serious_terms on serious_terms.nct_id = trials_with_results.nct_id
    order by
        trials_with_results.nct_id,
        serious_terms.num_affected desc nulls last,
        serious_terms.ordinal
)

select * from final

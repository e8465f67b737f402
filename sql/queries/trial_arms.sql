-- Arms of one trial with the interventions linked to each (two interventions with the
-- same name stay apart: they are listed with their own description).
-- Parameters: $nct_id (e.g. NCT07118319)
with

trial_arms as (
    select * from arms where nct_id = $nct_id
),

trial_links as (
    select * from arm_interventions where nct_id = $nct_id
),

trial_interventions as (
    select * from interventions where nct_id = $nct_id
),

final as (
    select
        trial_arms.ordinal as arm,
        trial_arms.label as arm_label,
        trial_arms.type as arm_type,
        trial_arms.description as arm_description,
        trial_interventions.ordinal as intervention,
        trial_interventions.type as intervention_type,
        trial_interventions.name as intervention_name,
        trial_interventions.description as intervention_description
    from trial_arms
    left join trial_links on trial_links.arm_ordinal = trial_arms.ordinal
    left join trial_interventions on trial_interventions.ordinal = trial_links.intervention_ordinal
    order by trial_arms.ordinal, trial_interventions.ordinal
)

select * from final

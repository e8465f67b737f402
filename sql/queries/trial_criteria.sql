-- Eligibility criteria of one trial, numbered as on the registry page, with its age
-- limits, sex and healthy-volunteer flag.
-- Parameters: $nct_id (e.g. NCT07118319)
with

trial_criteria as (
    select * from eligibility_criteria where nct_id = $nct_id
),

trial_eligibility as (
    select * from eligibility where nct_id = $nct_id
),

final as (
    select
        trial_criteria.section,
        trial_criteria.ordinal,
        trial_criteria.level,
        trial_criteria.text,
        trial_eligibility.minimum_age,
        trial_eligibility.maximum_age,
        trial_eligibility.sex,
        trial_eligibility.healthy_volunteers
    from trial_criteria
    cross join trial_eligibility
    order by
        case trial_criteria.section when 'inclusion' then 1 when 'exclusion' then 2 else 3 end,
        trial_criteria.ordinal
)

select * from final

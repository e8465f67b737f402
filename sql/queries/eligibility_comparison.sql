-- Eligibility side by side, one row per trial: the age limits the registry states
-- (eligibility), and the ranges a patient must fall in for FVC (% predicted), ALSFRS-R
-- (total score) and disease duration (since symptom onset or diagnosis), read from the
-- criteria (eligible_ranges over criterion_thresholds). A range reads like "≥ 70 %" or
-- "≥ 18 and ≤ 75 years"; a measure stated in two units gives both, separated by "; ".
-- NULL means the criteria state no readable limit (not "no limit"). The _lower/_upper
-- columns hold the numbers for filtering, in the unit given alongside.
-- Parameters: none
with

studies as (
    select * from main.studies
),

eligibility as (
    select * from main.eligibility
),

ranges as (
    select * from main.eligible_ranges
    where measure in ('age', 'fvc', 'alsfrs_r', 'disease_duration')
),

range_texts as (
    select
        nct_id,
        measure,
        unit,
        lower_value,
        upper_value,
        concat_ws(
            ' and ',
            case when lower_value is not null
                then case when is_lower_inclusive then '≥ ' else '> ' end || printf('%g', lower_value) end,
            case when upper_value is not null
                then case when is_upper_inclusive then '≤ ' else '< ' end || printf('%g', upper_value) end
        ) || coalesce(' ' || unit, '') as range_text
    from ranges
),

per_measure as (
    select
        nct_id,
        measure,
        string_agg(range_text, '; ' order by unit) as range_text,
        -- numbers only when the measure has one unit, so they can be compared
        case when count(*) = 1 then min(lower_value) end as lower_value,
        case when count(*) = 1 then min(upper_value) end as upper_value,
        case when count(*) = 1 then min(unit) end as unit
    from range_texts
    group by nct_id, measure
),

final as (
    select
        studies.nct_id,
        studies.brief_title,
        studies.overall_status,
        eligibility.minimum_age,
        eligibility.maximum_age,
        eligibility.minimum_age_years,
        eligibility.maximum_age_years,
        age.range_text as age_in_criteria,
        fvc.range_text as fvc_percent_predicted,
        fvc.lower_value as fvc_lower,
        fvc.upper_value as fvc_upper,
        alsfrs_r.range_text as alsfrs_r,
        alsfrs_r.lower_value as alsfrs_r_lower,
        alsfrs_r.upper_value as alsfrs_r_upper,
        disease_duration.range_text as disease_duration,
        disease_duration.lower_value as disease_duration_lower,
        disease_duration.upper_value as disease_duration_upper,
        disease_duration.unit as disease_duration_unit,
        eligibility.sex,
        eligibility.healthy_volunteers
    from studies
    left join eligibility on eligibility.nct_id = studies.nct_id
    left join per_measure as age on age.nct_id = studies.nct_id and age.measure = 'age'
    left join per_measure as fvc on fvc.nct_id = studies.nct_id and fvc.measure = 'fvc'
    left join per_measure as alsfrs_r on alsfrs_r.nct_id = studies.nct_id and alsfrs_r.measure = 'alsfrs_r'
    left join per_measure as disease_duration
        on disease_duration.nct_id = studies.nct_id and disease_duration.measure = 'disease_duration'
    order by studies.nct_id
)

select * from final

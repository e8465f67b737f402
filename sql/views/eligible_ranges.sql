-- eligible_ranges: for each study, measure and unit, the range a patient's value must fall in
-- to be eligible, from the numeric thresholds of its criteria (criterion_thresholds).
-- Answers "which trials admit FVC below 70% predicted?":
--   select nct_id from eligible_ranges where measure = 'fvc' and coalesce(lower_value, 0) < 70
--
-- Inclusion rows are taken as stated; exclusion rows are inverted: an exclusion "BMI < 18.5"
-- means the patient must have BMI >= 18.5, an exclusion "ALT > 3 x ULN" means ALT <= 3 x ULN.
-- An inclusion "between 18 and 75" is inclusive at both ends; an inclusion "= v" is [v, v].
-- An exclusion "between" or "=" leaves a range with a hole, so it is left out, and so are
-- criteria in section 'other' (text under no inclusion or exclusion heading).
-- All criteria of a study are read as a conjunction (a patient must meet every one), and
-- several rows per measure combine into the tightest bounds: the greatest lower bound and the
-- least upper bound; at a tie the exclusive bound wins (> 5 and >= 5 give > 5).
-- Units: rows combine only within one unit and nothing is converted. A measure stated in two
-- units in one study (creatinine in mg/dL and umol/L, age in years and months) gives one row
-- per unit, each with has_other_units = true: read those rows together. is_empty_range flags
-- bounds that no value satisfies (a misread criterion or an "either ... or" the rows flatten).
-- threshold_count is the number of criterion_thresholds rows combined into the row.
with

thresholds as (
    select * from main.criterion_thresholds
),

lower_bounds as (
    select
        nct_id,
        measure,
        unit,
        value,
        (section = 'inclusion' and operator in ('>=', '=', 'between'))
            or (section = 'exclusion' and operator = '<') as is_inclusive
    from thresholds
    where (section = 'inclusion' and operator in ('>', '>=', '=', 'between'))
        or (section = 'exclusion' and operator in ('<', '<='))
),

upper_bounds as (
    select
        nct_id,
        measure,
        unit,
        case when operator = 'between' then value_max else value end as value,
        (section = 'inclusion' and operator in ('<=', '=', 'between'))
            or (section = 'exclusion' and operator = '>') as is_inclusive
    from thresholds
    where (section = 'inclusion' and operator in ('<', '<=', '=', 'between'))
        or (section = 'exclusion' and operator in ('>', '>='))
),

tightest_lower as (
    select * exclude (rank)
    from (
        select
            *,
            row_number() over (partition by nct_id, measure, unit order by value desc, is_inclusive asc) as rank
        from lower_bounds
    )
    where rank = 1
),

tightest_upper as (
    select * exclude (rank)
    from (
        select
            *,
            row_number() over (partition by nct_id, measure, unit order by value asc, is_inclusive asc) as rank
        from upper_bounds
    )
    where rank = 1
),

measure_units as (
    select nct_id, measure, unit, count(*) as threshold_count
    from thresholds
    where section = 'inclusion'
        or (section = 'exclusion' and operator in ('<', '<=', '>', '>='))
    group by nct_id, measure, unit
),

final as (
    select
        measure_units.nct_id,
        measure_units.measure,
        measure_units.unit,
        tightest_lower.value as lower_value,
        tightest_lower.is_inclusive as is_lower_inclusive,
        tightest_upper.value as upper_value,
        tightest_upper.is_inclusive as is_upper_inclusive,
        count(*) over (partition by measure_units.nct_id, measure_units.measure) > 1 as has_other_units,
        coalesce(
            tightest_lower.value > tightest_upper.value
            or (tightest_lower.value = tightest_upper.value
                and not (tightest_lower.is_inclusive and tightest_upper.is_inclusive)),
            false
        ) as is_empty_range,
        measure_units.threshold_count
    from measure_units
    left join tightest_lower
        on tightest_lower.nct_id = measure_units.nct_id
        and tightest_lower.measure = measure_units.measure
        and tightest_lower.unit is not distinct from measure_units.unit
    left join tightest_upper
        on tightest_upper.nct_id = measure_units.nct_id
        and tightest_upper.measure = measure_units.measure
        and tightest_upper.unit is not distinct from measure_units.unit
    order by measure_units.nct_id, measure_units.measure, measure_units.unit
)

select * from final

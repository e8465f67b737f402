-- arm_cell_doses: the total number of cells a participant of each arm receives, one row per
-- regimen, where both the cells per administration and the number of administrations are
-- known (or the text states the total itself). Answers "what total cell dose does each arm
-- deliver?". NCT07118319: arm 1 gives 5.0e7 cells once (5.0e7) or every 2 weeks x 4 (2.0e8).
--
-- Where the numbers come from (intervention_doses, unit 'cells'):
-- - Cells per administration: rows with per 'dose' or no per ("Low dose 1.5 x 10e6 cells" is
--   read as one administration). Per kg, m2 or day is left out (it needs the body weight, the
--   body surface or the number of days).
-- - An arm's own amount (label or description) wins over an amount in the description of an
--   intervention linked to it; an intervention's amount counts for a linked arm only when the
--   arm states no cell amount of its own.
-- - The number of administrations: the amount's own text (the arm's label and description
--   are read together, see intervention_doses) gives one regimen. Otherwise every linked
--   intervention that is a cell product (cell_therapies) and whose description states a
--   schedule without an amount gives one regimen: NCT07118319's arm label says
--   "5.0×10^7 cells/person/dose", its two interventions "Injection, once" and "Injection,
--   every two weeks for four doses", so arm 1 has two rows (5.0e7 x 1, 5.0e7 x 4). Schedules
--   of interventions that are not cells (a conditioning drug) never multiply a cell amount.
-- - A stated course total ("a total of 24 million cells") is a regimen of its own, with
--   cells_per_dose NULL.
-- total_cells_max is set when the amount is a range ("1-2 x 10^6 cells").
-- dose_from / schedule_from say which text gave each part: 'arm' | 'intervention' | 'total'.
with

doses as (
    select * from main.intervention_doses
),

arms as (
    select * from main.arms
),

links as (
    select * from main.arm_interventions
),

cell_products as (
    select * from main.cell_therapies
),

arm_amounts as (
    select distinct
        nct_id, arm_ordinal, intervention_ordinal, value, value_max, number_of_doses, interval, route
    from doses
    where arm_ordinal is not null and unit = 'cells' and value is not null
        and (per = 'dose' or per is null)
),

arms_with_amounts as (
    select distinct nct_id, arm_ordinal from arm_amounts
),

intervention_amounts as (
    select distinct
        links.nct_id, links.arm_ordinal, doses.intervention_ordinal,
        doses.value, doses.value_max, doses.number_of_doses, doses.interval, doses.route
    from doses
    inner join links
        on links.nct_id = doses.nct_id and links.intervention_ordinal = doses.intervention_ordinal
    anti join arms_with_amounts
        on arms_with_amounts.nct_id = links.nct_id and arms_with_amounts.arm_ordinal = links.arm_ordinal
    where doses.arm_ordinal is null and doses.unit = 'cells' and doses.value is not null
        and (doses.per = 'dose' or doses.per is null)
        and doses.number_of_doses is not null
),

cell_schedules as (
    select doses.nct_id, doses.intervention_ordinal, doses.number_of_doses, doses.interval, doses.route
    from doses
    semi join cell_products
        on cell_products.nct_id = doses.nct_id and cell_products.intervention_ordinal = doses.intervention_ordinal
    where doses.arm_ordinal is null and doses.value is null and doses.number_of_doses is not null
),

arm_dose_arm_schedule as (
    select
        nct_id, arm_ordinal, intervention_ordinal, value, value_max, number_of_doses, interval, route,
        'arm' as dose_from,
        'arm' as schedule_from
    from arm_amounts
    where number_of_doses is not null
),

arm_dose_intervention_schedule as (
    select
        arm_amounts.nct_id,
        arm_amounts.arm_ordinal,
        cell_schedules.intervention_ordinal,
        arm_amounts.value,
        arm_amounts.value_max,
        cell_schedules.number_of_doses,
        cell_schedules.interval,
        coalesce(arm_amounts.route, cell_schedules.route) as route,
        'arm' as dose_from,
        'intervention' as schedule_from
    from arm_amounts
    inner join links
        on links.nct_id = arm_amounts.nct_id and links.arm_ordinal = arm_amounts.arm_ordinal
    inner join cell_schedules
        on cell_schedules.nct_id = links.nct_id and cell_schedules.intervention_ordinal = links.intervention_ordinal
    where arm_amounts.number_of_doses is null
),

intervention_dose_schedule as (
    select
        nct_id, arm_ordinal, intervention_ordinal, value, value_max, number_of_doses, interval, route,
        'intervention' as dose_from,
        'intervention' as schedule_from
    from intervention_amounts
),

regimens as (
    select * from arm_dose_arm_schedule
    union all
    select * from arm_dose_intervention_schedule
    union all
    select * from intervention_dose_schedule
),

stated_totals as (
    select distinct
        doses.nct_id,
        coalesce(doses.arm_ordinal, links.arm_ordinal) as arm_ordinal,
        doses.intervention_ordinal,
        doses.value,
        doses.value_max,
        doses.number_of_doses,
        doses.interval,
        doses.route,
        case when doses.arm_ordinal is null then 'intervention' else 'arm' end as dose_from
    from doses
    left join links
        on doses.arm_ordinal is null
        and links.nct_id = doses.nct_id
        and links.intervention_ordinal = doses.intervention_ordinal
    where doses.unit = 'cells' and doses.per = 'total' and doses.value is not null
        and coalesce(doses.arm_ordinal, links.arm_ordinal) is not null
),

final as (
    select
        regimens.nct_id,
        regimens.arm_ordinal,
        arms.label as arm_label,
        regimens.intervention_ordinal,
        regimens.value as cells_per_dose,
        regimens.value_max as cells_per_dose_max,
        regimens.number_of_doses,
        regimens.interval,
        regimens.route,
        regimens.value * regimens.number_of_doses as total_cells,
        regimens.value_max * regimens.number_of_doses as total_cells_max,
        regimens.dose_from,
        regimens.schedule_from
    from regimens
    inner join arms on arms.nct_id = regimens.nct_id and arms.ordinal = regimens.arm_ordinal

    union all

    select
        stated_totals.nct_id,
        stated_totals.arm_ordinal,
        arms.label as arm_label,
        stated_totals.intervention_ordinal,
        null as cells_per_dose,
        null as cells_per_dose_max,
        stated_totals.number_of_doses,
        stated_totals.interval,
        stated_totals.route,
        stated_totals.value as total_cells,
        stated_totals.value_max as total_cells_max,
        stated_totals.dose_from,
        'total' as schedule_from
    from stated_totals
    inner join arms on arms.nct_id = stated_totals.nct_id and arms.ordinal = stated_totals.arm_ordinal

    order by nct_id, arm_ordinal, intervention_ordinal nulls first, total_cells
)

select * from final

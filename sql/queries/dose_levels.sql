-- Dose levels and cumulative cells per arm, across trials: one row per arm regimen whose cell
-- amount is known (from arm_cell_doses, which multiplies the cells per administration by the
-- number of administrations, or takes a stated course total), plus one row per arm that states
-- a cell amount whose total cannot be computed (per kg, per m2, per day, or no schedule), with
-- total_cells NULL; an amount stated only in the description of an intervention counts for
-- each arm linked to it that states none of its own. Each row carries the trial's phase,
-- status and cell product (cell_therapies) so levels can be compared across trials; largest
-- totals first within a cell type.
-- Parameters: none
with

studies as (
    select * from main.studies
),

arms as (
    select * from main.arms
),

regimens as (
    select * from main.arm_cell_doses
),

doses as (
    select * from main.intervention_doses
),

links as (
    select * from main.arm_interventions
),

cell_therapies as (
    select * from main.cell_therapies
),

cell_products as (
    select
        nct_id,
        string_agg(distinct cell_type, ' | ' order by cell_type) as cell_types,
        string_agg(distinct source, ' | ' order by source) as sources
    from cell_therapies
    group by nct_id
),

computed_totals as (
    select
        nct_id,
        arm_ordinal,
        arm_label,
        cells_per_dose,
        cells_per_dose_max,
        'dose' as per,
        number_of_doses,
        interval,
        route,
        total_cells,
        total_cells_max,
        dose_from,
        schedule_from
    from regimens
),

arm_amounts_without_total as (
    select distinct
        doses.nct_id,
        doses.arm_ordinal,
        doses.value,
        doses.value_max,
        coalesce(doses.per, 'dose') as per,
        doses.number_of_doses,
        doses.interval,
        doses.route
    from doses
    anti join regimens on regimens.nct_id = doses.nct_id and regimens.arm_ordinal = doses.arm_ordinal
    where doses.arm_ordinal is not null
        and doses.unit = 'cells' and doses.value is not null and coalesce(doses.per, 'dose') <> 'total'
),

intervention_amounts_without_total as (
    select distinct
        links.nct_id,
        links.arm_ordinal,
        doses.value,
        doses.value_max,
        coalesce(doses.per, 'dose') as per,
        doses.number_of_doses,
        doses.interval,
        doses.route
    from doses
    inner join links
        on links.nct_id = doses.nct_id and links.intervention_ordinal = doses.intervention_ordinal
    anti join regimens on regimens.nct_id = links.nct_id and regimens.arm_ordinal = links.arm_ordinal
    anti join arm_amounts_without_total
        on arm_amounts_without_total.nct_id = links.nct_id
        and arm_amounts_without_total.arm_ordinal = links.arm_ordinal
    where doses.arm_ordinal is null
        and doses.unit = 'cells' and doses.value is not null and coalesce(doses.per, 'dose') <> 'total'
),

amounts_without_total as (
    select
        amounts.nct_id,
        amounts.arm_ordinal,
        arms.label as arm_label,
        amounts.value as cells_per_dose,
        amounts.value_max as cells_per_dose_max,
        amounts.per,
        amounts.number_of_doses,
        amounts.interval,
        amounts.route,
        cast(null as double) as total_cells,
        cast(null as double) as total_cells_max,
        amounts.dose_from,
        cast(null as varchar) as schedule_from
    from (
        select *, 'arm' as dose_from from arm_amounts_without_total
        union all
        select *, 'intervention' as dose_from from intervention_amounts_without_total
    ) as amounts
    inner join arms on arms.nct_id = amounts.nct_id and arms.ordinal = amounts.arm_ordinal
),

arm_levels as (
    select * from computed_totals
    union all
    select * from amounts_without_total
),

final as (
    select
        arm_levels.nct_id,
        studies.brief_title,
        array_to_string(studies.phases, '/') as phase,
        studies.overall_status,
        cell_products.cell_types,
        cell_products.sources,
        arm_levels.arm_ordinal,
        arm_levels.arm_label,
        arm_levels.cells_per_dose,
        arm_levels.cells_per_dose_max,
        arm_levels.per,
        arm_levels.number_of_doses,
        arm_levels.interval,
        arm_levels.route,
        arm_levels.total_cells,
        arm_levels.total_cells_max,
        arm_levels.dose_from,
        arm_levels.schedule_from
    from arm_levels
    inner join studies on studies.nct_id = arm_levels.nct_id
    left join cell_products on cell_products.nct_id = arm_levels.nct_id
    order by
        cell_products.cell_types nulls last,
        arm_levels.total_cells desc nulls last,
        arm_levels.cells_per_dose desc nulls last,
        arm_levels.nct_id,
        arm_levels.arm_ordinal,
        arm_levels.number_of_doses
)

select * from final

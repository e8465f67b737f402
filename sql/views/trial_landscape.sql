-- trial_landscape: one row per trial with the landscape's columns: phase, status, cell types,
-- sources and tissues (from cell_therapies), routes, cell dose levels (cells per
-- administration, per kg when so stated), enrollment, start and completion dates with their
-- precision, lead sponsor and countries; is_als when a condition names amyotrophic lateral
-- sclerosis, ALS, Lou Gehrig's or motor neuron disease or the ALS MeSH descriptor D000690 is
-- attached, is_cell_therapy when an intervention is classified as a cell product. The named
-- query als_cell_therapy_landscape and `pipeline report` read it.
with

studies as (
    select * from main.studies
),

conditions as (
    select * from main.conditions
),

mesh_terms as (
    select * from main.mesh_terms
),

cell_therapies as (
    select * from main.cell_therapies
),

doses as (
    select * from main.intervention_doses
),

features as (
    select * from main.study_features
),

als_by_condition as (
    select distinct nct_id
    from conditions
    where regexp_matches(name, '(?i)amyotrophic|lou gehrig|motor neuron disease|motor neurone disease')
        or regexp_matches(name, '\bALS\b')
),

als_by_mesh as (
    select distinct nct_id
    from mesh_terms
    where domain = 'condition' and mesh_id = 'D000690'
),

als_trials as (
    select nct_id from als_by_condition
    union
    select nct_id from als_by_mesh
),

cell_products as (
    select
        nct_id,
        string_agg(distinct cell_type, ' | ' order by cell_type) as cell_types,
        string_agg(distinct source, ' | ' order by source) as sources,
        string_agg(distinct tissue_origin, ' | ' order by tissue_origin) as tissue_origins,
        bool_or(genetically_modified) as is_genetically_modified
    from cell_therapies
    group by nct_id
),

routes as (
    select nct_id, string_agg(distinct route, ' | ' order by route) as routes
    from doses
    where route is not null
    group by nct_id
),

cell_amounts as (
    select distinct
        nct_id,
        value,
        value_max,
        coalesce(per, 'dose') as per
    from doses
    where unit = 'cells' and value > 0 and coalesce(per, 'dose') <> 'total'
),

dose_levels as (
    select
        nct_id,
        string_agg(
            printf('%g×10^%d', round(value / 10 ^ floor(log10(value)), 2), floor(log10(value))::integer)
                || case
                    when value_max is not null then printf(
                        '-%g×10^%d',
                        round(value_max / 10 ^ floor(log10(value_max)), 2),
                        floor(log10(value_max))::integer
                    )
                    else ''
                end
                || ' cells/' || per,
            ' | ' order by per, value, value_max
        ) as dose_levels,
        min(value) filter (where per = 'dose') as min_cells_per_dose,
        max(coalesce(value_max, value)) filter (where per = 'dose') as max_cells_per_dose
    from cell_amounts
    group by nct_id
),

final as (
    select
        studies.nct_id,
        als_trials.nct_id is not null as is_als,
        cell_products.nct_id is not null as is_cell_therapy,
        studies.brief_title,
        studies.acronym,
        array_to_string(studies.phases, '/') as phase,
        studies.overall_status,
        cell_products.cell_types,
        cell_products.sources,
        cell_products.tissue_origins,
        cell_products.is_genetically_modified,
        routes.routes,
        dose_levels.dose_levels,
        dose_levels.min_cells_per_dose,
        dose_levels.max_cells_per_dose,
        studies.enrollment,
        studies.enrollment_type,
        studies.start_date,
        studies.start_date_precision,
        studies.start_date_type,
        studies.primary_completion_date,
        studies.primary_completion_date_precision,
        studies.completion_date,
        studies.completion_date_precision,
        studies.completion_date_type,
        studies.lead_sponsor_name,
        studies.lead_sponsor_class,
        array_to_string(features.countries, ' | ') as countries
    from studies
    left join als_trials on als_trials.nct_id = studies.nct_id
    left join cell_products on cell_products.nct_id = studies.nct_id
    left join routes on routes.nct_id = studies.nct_id
    left join dose_levels on dose_levels.nct_id = studies.nct_id
    left join features on features.nct_id = studies.nct_id
)

select * from final

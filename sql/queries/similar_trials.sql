-- Trials ranked by similarity to one trial ($nct_id), one row per other trial, best first,
-- with every component of the score so the ranking can be read (0 = nothing shared, 1 = same):
--   conditions   Jaccard of the condition names (lowercase, parentheses and punctuation dropped:
--                "Amyotrophic Lateral Sclerosis (ALS)" = "amyotrophic lateral sclerosis")
--   mesh         Jaccard of the MeSH descriptors the registry matched (conditions and
--                interventions, with their tree ancestors, so related diseases share some)
--   cell_type    Jaccard of the cell types (cell_therapies) plus their families (neural:
--                motor neuron and neural progenitors; pluripotent: iPSC- and ESC-derived;
--                immune: CAR-T, Treg, NK, dendritic)
--   cell_source  Jaccard of autologous/allogeneic and tissue of origin (unknown left out)
--   route        Jaccard of the routes (intervention_doses) plus their families (cns:
--                intrathecal, intraspinal, intracerebroventricular, intracerebral, epidural;
--                systemic: intravenous, intra-arterial)
--   phase        1 - (smallest distance between the two trials' phases) / 3, on the scale
--                early phase 1 = 0.5, phase 1 = 1 ... phase 4 = 4
--   dose         overlap / union of the ranges of cells per administration on a log10 scale,
--                each widened by half a log either side (5e7 and 1e8 overlap 1e7 to 1e8)
--   eligibility  mean over age (eligibility, 0-100 years when unstated) and each of FVC,
--                SVC, ALSFRS-R, BMI and disease duration the trial limits (eligible_ranges) of
--                overlap / union of the two ranges; an unstated limit is the measure's whole
--                plausible range (a trial without an FVC limit admits every FVC)
--   text         cosine of TF-IDF vectors of titles and brief summaries (words of 2+ letters,
--                common English words dropped, sublinear term frequency, IDF over the warehouse)
-- A component is NULL for every row when $nct_id itself has nothing to compare on it (no
-- cell product, no dose, no MeSH terms); otherwise a trial without the data scores 0.
-- score is the weighted mean of the non-NULL components (weights in the weights CTE:
-- conditions .20, mesh .10, cell_type .15, cell_source .05, route .10, phase .10, dose .10,
-- eligibility .05, text .15); shared names what the two trials have in common.
-- Parameters: $nct_id (e.g. NCT07118319)
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

eligibility as (
    select * from main.eligibility
),

ranges as (
    select * from main.eligible_ranges
),

weights as (
    select * from (values
        ('conditions', 0.20),
        ('mesh', 0.10),
        ('cell_type', 0.15),
        ('cell_source', 0.05),
        ('route', 0.10),
        ('phase', 0.10),
        ('dose', 0.10),
        ('eligibility', 0.05),
        ('text', 0.15)
    ) as weights (component, weight)
),

-- per-trial features ---------------------------------------------------------------------

condition_sets as (
    select
        nct_id,
        list_distinct(list(trim(regexp_replace(
            regexp_replace(lower(name), '\([^)]*\)', ' ', 'g'), '[^a-z0-9]+', ' ', 'g'
        )))) as names
    from conditions
    group by nct_id
),

mesh_sets as (
    select nct_id, list_distinct(list(mesh_id)) as mesh_ids
    from mesh_terms
    group by nct_id
),

cell_type_tags as (
    select nct_id, cell_type as tag from cell_therapies
    union
    select
        nct_id,
        case
            when cell_type in ('motor_neuron_progenitor', 'neural_progenitor') then 'neural'
            when cell_type in ('ipsc_derived', 'esc_derived') then 'pluripotent'
            when cell_type in ('car_t', 'treg', 'nk', 'dendritic') then 'immune'
        end as tag
    from cell_therapies
),

cell_type_sets as (
    select nct_id, list(distinct tag) as cell_types
    from cell_type_tags
    where tag is not null
    group by nct_id
),

cell_source_tags as (
    select nct_id, source as tag from cell_therapies where source <> 'unknown'
    union
    select nct_id, tissue_origin as tag from cell_therapies where tissue_origin <> 'unknown'
),

cell_source_sets as (
    select nct_id, list(distinct tag) as cell_sources
    from cell_source_tags
    group by nct_id
),

route_tags as (
    select nct_id, route as tag from doses where route is not null
    union
    select
        nct_id,
        case
            when route in ('intrathecal', 'intraspinal', 'intracerebroventricular', 'intracerebral', 'epidural')
                then 'cns'
            when route in ('intravenous', 'intra-arterial') then 'systemic'
        end as tag
    from doses
    where route is not null
),

route_sets as (
    select nct_id, list(distinct tag) as routes
    from route_tags
    where tag is not null
    group by nct_id
),

phase_numbers as (
    select
        nct_id,
        list_transform(
            list_filter(phases, lambda phase: phase <> 'NA'),
            lambda phase: case phase when 'EARLY_PHASE1' then 0.5 else cast(right(phase, 1) as double) end
        ) as phases
    from studies
),

dose_ranges as (
    select
        nct_id,
        log10(min(value)) - 0.5 as low,
        log10(max(coalesce(value_max, value))) + 0.5 as high
    from doses
    where unit = 'cells' and value > 0 and coalesce(per, 'dose') = 'dose'
    group by nct_id
),

-- plausible whole range of each measure, used where a trial states no limit
measure_bounds as (
    select * from (values
        ('age', 'years', 0.0, 100.0),
        ('fvc', '%', 0.0, 150.0),
        ('svc', '%', 0.0, 150.0),
        ('alsfrs_r', 'points', 0.0, 48.0),
        ('alsfrs_r', null, 0.0, 48.0),
        ('bmi', 'kg/m2', 10.0, 60.0),
        ('disease_duration', 'months', 0.0, 240.0)
    ) as bounds (measure, unit, low, high)
),

stated_ranges as (
    select
        eligibility.nct_id,
        'age' as measure,
        coalesce(eligibility.minimum_age_years, 0.0) as low,
        least(coalesce(eligibility.maximum_age_years, 100.0), 100.0) as high
    from eligibility
    union all
    select
        nct_id,
        measure,
        case unit when 'years' then lower_value * 12 when 'weeks' then lower_value / 4.345
            when 'days' then lower_value / 30.44 else lower_value end as low,
        case unit when 'years' then upper_value * 12 when 'weeks' then upper_value / 4.345
            when 'days' then upper_value / 30.44 else upper_value end as high
    from ranges
    where measure = 'disease_duration' and unit in ('years', 'months', 'weeks', 'days') and not is_empty_range
    union all
    select ranges.nct_id, ranges.measure, ranges.lower_value as low, ranges.upper_value as high
    from ranges
    semi join measure_bounds
        on measure_bounds.measure = ranges.measure and measure_bounds.unit is not distinct from ranges.unit
    where ranges.measure in ('fvc', 'svc', 'alsfrs_r', 'bmi') and not ranges.is_empty_range
),

measure_limits as (
    select distinct measure, low, high from measure_bounds
),

bounded_ranges as (
    select
        stated_ranges.nct_id,
        stated_ranges.measure,
        greatest(coalesce(min(stated_ranges.low), any_value(measure_limits.low)), any_value(measure_limits.low))
            as low,
        least(coalesce(max(stated_ranges.high), any_value(measure_limits.high)), any_value(measure_limits.high))
            as high
    from stated_ranges
    inner join measure_limits on measure_limits.measure = stated_ranges.measure
    group by stated_ranges.nct_id, stated_ranges.measure
),

-- TF-IDF of titles and summaries ---------------------------------------------------------

documents as (
    select nct_id, lower(concat_ws(' ', brief_title, official_title, brief_summary)) as body
    from studies
),

words as (
    select nct_id, unnest(regexp_extract_all(body, '[a-z][a-z0-9]+')) as term
    from documents
),

term_counts as (
    select nct_id, term, count(*) as tf
    from words
    where term not in (
        'a', 'an', 'and', 'are', 'as', 'at', 'be', 'been', 'by', 'can', 'for', 'from', 'has', 'have', 'in',
        'into', 'is', 'it', 'its', 'of', 'on', 'or', 'that', 'the', 'their', 'these', 'this', 'those', 'to',
        'was', 'were', 'which', 'will', 'with', 'who', 'whom', 'than', 'then', 'there', 'they', 'we', 'our',
        'not', 'no', 'all', 'any', 'also', 'may', 'such', 'after', 'before', 'during', 'between', 'both',
        'each', 'other', 'more', 'most', 'study', 'trial', 'patients', 'subjects', 'participants'
    )
    group by nct_id, term
),

document_count as (
    select count(*) as documents from studies
),

document_frequencies as (
    select term, count(*) as df from term_counts group by term
),

term_weights as (
    select
        term_counts.nct_id,
        term_counts.term,
        (1 + ln(term_counts.tf))
            * (ln((1 + document_count.documents) / (1 + document_frequencies.df)) + 1) as weight
    from term_counts
    inner join document_frequencies on document_frequencies.term = term_counts.term
    cross join document_count
),

vector_norms as (
    select nct_id, sqrt(sum(weight * weight)) as norm from term_weights group by nct_id
),

target_terms as (
    select term, weight from term_weights where nct_id = $nct_id
),

dot_products as (
    select term_weights.nct_id, sum(term_weights.weight * target_terms.weight) as dot
    from term_weights
    inner join target_terms on target_terms.term = term_weights.term
    group by term_weights.nct_id
),

text_scores as (
    select dot_products.nct_id, dot_products.dot / (vector_norms.norm * target_norm.norm) as text
    from dot_products
    inner join vector_norms on vector_norms.nct_id = dot_products.nct_id
    cross join (select norm from vector_norms where nct_id = $nct_id) as target_norm
),

-- comparing every trial with the target --------------------------------------------------

features as (
    select
        studies.nct_id,
        studies.brief_title,
        coalesce(condition_sets.names, []) as names,
        coalesce(mesh_sets.mesh_ids, []) as mesh_ids,
        coalesce(cell_type_sets.cell_types, []) as cell_types,
        coalesce(cell_source_sets.cell_sources, []) as cell_sources,
        coalesce(route_sets.routes, []) as routes,
        coalesce(phase_numbers.phases, []) as phases,
        dose_ranges.low as dose_low,
        dose_ranges.high as dose_high
    from studies
    left join condition_sets on condition_sets.nct_id = studies.nct_id
    left join mesh_sets on mesh_sets.nct_id = studies.nct_id
    left join cell_type_sets on cell_type_sets.nct_id = studies.nct_id
    left join cell_source_sets on cell_source_sets.nct_id = studies.nct_id
    left join route_sets on route_sets.nct_id = studies.nct_id
    left join phase_numbers on phase_numbers.nct_id = studies.nct_id
    left join dose_ranges on dose_ranges.nct_id = studies.nct_id
),

target as (
    select * from features where nct_id = $nct_id
),

candidates as (
    select * from features where nct_id <> $nct_id
),

eligibility_scores as (
    select
        candidates.nct_id,
        avg(
            case
                when greatest(target_range.high, candidate_range.high)
                    = least(target_range.low, candidate_range.low) then 1.0
                else greatest(0.0, least(target_range.high, candidate_range.high)
                                   - greatest(target_range.low, candidate_range.low))
                    / (greatest(target_range.high, candidate_range.high)
                       - least(target_range.low, candidate_range.low))
            end
        ) as eligibility
    from candidates
    cross join (select * from bounded_ranges where nct_id = $nct_id) as target_bounds
    inner join measure_limits on measure_limits.measure = target_bounds.measure
    left join bounded_ranges as candidate_bounds
        on candidate_bounds.nct_id = candidates.nct_id and candidate_bounds.measure = target_bounds.measure
    cross join lateral (select target_bounds.low, target_bounds.high) as target_range
    cross join lateral (
        select
            coalesce(candidate_bounds.low, measure_limits.low) as low,
            coalesce(candidate_bounds.high, measure_limits.high) as high
    ) as candidate_range
    group by candidates.nct_id
),

components as (
    select
        candidates.nct_id,
        candidates.brief_title,
        case when len(target.names) > 0 then
            len(list_intersect(candidates.names, target.names))
                / len(list_distinct(list_concat(candidates.names, target.names)))
        end as conditions,
        case when len(target.mesh_ids) > 0 then
            len(list_intersect(candidates.mesh_ids, target.mesh_ids))
                / len(list_distinct(list_concat(candidates.mesh_ids, target.mesh_ids)))
        end as mesh,
        case when len(target.cell_types) > 0 then
            len(list_intersect(candidates.cell_types, target.cell_types))
                / len(list_distinct(list_concat(candidates.cell_types, target.cell_types)))
        end as cell_type,
        case when len(target.cell_sources) > 0 then
            len(list_intersect(candidates.cell_sources, target.cell_sources))
                / len(list_distinct(list_concat(candidates.cell_sources, target.cell_sources)))
        end as cell_source,
        case when len(target.routes) > 0 then
            len(list_intersect(candidates.routes, target.routes))
                / len(list_distinct(list_concat(candidates.routes, target.routes)))
        end as route,
        case when len(target.phases) > 0 then
            coalesce(greatest(0.0, 1 - list_min(list_transform(
                candidates.phases,
                lambda phase: list_min(list_transform(target.phases, lambda target_phase: abs(phase - target_phase)))
            )) / 3), 0.0)
        end as phase,
        -- greatest() and least() skip NULLs, so a trial without a dose is caught first
        case
            when target.dose_low is null then null
            when candidates.dose_low is null then 0.0
            else greatest(0.0, least(candidates.dose_high, target.dose_high)
                               - greatest(candidates.dose_low, target.dose_low))
                / (greatest(candidates.dose_high, target.dose_high)
                   - least(candidates.dose_low, target.dose_low))
        end as dose,
        case when exists (select 1 from bounded_ranges where nct_id = $nct_id) then
            coalesce(eligibility_scores.eligibility, 0.0)
        end as eligibility,
        case when exists (select 1 from target_terms) then coalesce(text_scores.text, 0.0) end as text,
        concat_ws(
            '; ',
            nullif(array_to_string(list_sort(list_intersect(candidates.names, target.names)), ', '), ''),
            nullif(array_to_string(list_sort(list_intersect(candidates.cell_types, target.cell_types)), ', '), ''),
            nullif(array_to_string(list_sort(list_intersect(candidates.cell_sources, target.cell_sources)), ', '), ''),
            nullif(array_to_string(list_sort(list_intersect(candidates.routes, target.routes)), ', '), '')
        ) as shared
    from candidates
    cross join target
    left join eligibility_scores on eligibility_scores.nct_id = candidates.nct_id
    left join text_scores on text_scores.nct_id = candidates.nct_id
),

component_values as (
    unpivot components
    on conditions, mesh, cell_type, cell_source, route, phase, dose, eligibility, text
    into name component value value
),

scores as (
    select
        component_values.nct_id,
        sum(weights.weight * component_values.value) / sum(weights.weight) as score
    from component_values
    inner join weights on weights.component = component_values.component
    group by component_values.nct_id
),

final as (
    select
        components.nct_id,
        components.brief_title,
        round(scores.score, 3) as score,
        round(components.conditions, 3) as conditions,
        round(components.mesh, 3) as mesh,
        round(components.cell_type, 3) as cell_type,
        round(components.cell_source, 3) as cell_source,
        round(components.route, 3) as route,
        round(components.phase, 3) as phase,
        round(components.dose, 3) as dose,
        round(components.eligibility, 3) as eligibility,
        round(components.text, 3) as text,
        nullif(components.shared, '') as shared
    from components
    left join scores on scores.nct_id = components.nct_id
    order by scores.score desc nulls last, components.nct_id
)

select * from final

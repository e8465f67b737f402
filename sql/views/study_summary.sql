-- study_summary: one row per study for people who do not want joins. Key fields of
-- studies and study_features plus pipe-joined lists of conditions, interventions,
-- sponsors, countries and sites (facility, city, country), each in registry order.
with

studies as (
    select * from main.studies
),

features as (
    select * from main.study_features
),

condition_lists as (
    select nct_id, string_agg(name, ' | ' order by ordinal) as conditions
    from main.conditions
    group by nct_id
),

intervention_lists as (
    select nct_id, string_agg(type || ': ' || name, ' | ' order by ordinal) as interventions
    from main.interventions
    group by nct_id
),

sponsor_lists as (
    select nct_id, string_agg(name || ' (' || role || ')', ' | ' order by ordinal) as sponsors
    from main.sponsors
    group by nct_id
),

site_lists as (
    select
        nct_id,
        string_agg(concat_ws(', ', facility, city, country), ' | ' order by ordinal) as sites
    from main.locations
    group by nct_id
),

final as (
    select
        studies.nct_id,
        studies.brief_title,
        studies.acronym,
        studies.study_type,
        studies.overall_status,
        array_to_string(studies.phases, '/') as phase,
        studies.enrollment,
        studies.enrollment_type,
        studies.start_date,
        studies.start_date_precision,
        studies.primary_completion_date,
        studies.completion_date,
        studies.lead_sponsor_name,
        studies.lead_sponsor_class,
        studies.has_results,
        studies.registry_status,
        features.is_enrolling,
        features.number_of_sites,
        features.number_of_arms,
        condition_lists.conditions,
        intervention_lists.interventions,
        sponsor_lists.sponsors,
        array_to_string(features.countries, ' | ') as countries,
        site_lists.sites
    from studies
    left join features on features.nct_id = studies.nct_id
    left join condition_lists on condition_lists.nct_id = studies.nct_id
    left join intervention_lists on intervention_lists.nct_id = studies.nct_id
    left join sponsor_lists on sponsor_lists.nct_id = studies.nct_id
    left join site_lists on site_lists.nct_id = studies.nct_id
)

select * from final

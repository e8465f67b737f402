-- Sponsors and their trials: one row per sponsor (name and class as the registry spells
-- them) with how many trials it leads and collaborates on, how many of those are enrolling
-- now (RECRUITING, ENROLLING_BY_INVITATION, NOT_YET_RECRUITING), and the NCT IDs, most
-- trials first.
-- Parameters: none
with

sponsors as (
    select * from main.sponsors
),

studies as (
    select * from main.studies
),

sponsor_trials as (
    select
        sponsors.name,
        sponsors.class,
        sponsors.role,
        sponsors.nct_id,
        studies.overall_status,
        studies.start_date
    from sponsors
    inner join studies on studies.nct_id = sponsors.nct_id
),

final as (
    select
        name as sponsor,
        class as sponsor_class,
        count(distinct nct_id) as trials,
        count(distinct nct_id) filter (where role = 'lead') as lead_trials,
        count(distinct nct_id) filter (where role = 'collaborator') as collaborator_trials,
        count(distinct nct_id) filter (
            where overall_status in ('RECRUITING', 'ENROLLING_BY_INVITATION', 'NOT_YET_RECRUITING')
        ) as open_trials,
        min(start_date) as first_start_date,
        max(start_date) as last_start_date,
        string_agg(distinct nct_id, ' | ' order by nct_id) as nct_ids
    from sponsor_trials
    group by name, class
    order by trials desc, sponsor
)

select * from final

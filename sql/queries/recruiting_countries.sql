-- Recruiting sites counted by country: one row per country with its recruiting sites (as in
-- recruiting_sites: the site's status is RECRUITING, or it states none and its trial is
-- RECRUITING), the trials they belong to, and the mean of the sites' coordinates (a point
-- to put the country on a map; NULL when no site has one). Most sites first.
-- Parameters: none
with

studies as (
    select * from main.studies
),

locations as (
    select * from main.locations
),

recruiting_locations as (
    select locations.*
    from locations
    inner join studies on studies.nct_id = locations.nct_id
    where locations.status = 'RECRUITING'
        or (locations.status is null and studies.overall_status = 'RECRUITING')
),

final as (
    select
        country,
        count(*) as sites,
        count(distinct nct_id) as trials,
        string_agg(distinct nct_id, ' | ' order by nct_id) as nct_ids,
        avg(latitude) as latitude,
        avg(longitude) as longitude
    from recruiting_locations
    group by country
    order by sites desc, country nulls last
)

select * from final

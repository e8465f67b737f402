-- Recruiting sites in one country, with coordinates: one row per recruiting site (see the
-- view recruiting_site_list), ordered by state, city and facility, with the trial and the
-- site's first contact. Country names are matched without regard to case ("united states"
-- finds United States).
-- Parameters: $country (e.g. China, United States)
with

sites as (
    select * from recruiting_site_list
),

final as (
    select *
    from sites
    where lower(country) = lower(cast($country as varchar))
    order by state nulls last, city nulls last, facility nulls last, nct_id
)

select * from final

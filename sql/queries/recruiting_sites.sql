-- Recruiting sites by country, with coordinates: one row per recruiting site (see the view
-- recruiting_site_list for what counts as recruiting), ordered by country, city and
-- facility, with the trial and the site's first contact. For one country see
-- recruiting_sites_in_country.
-- Parameters: none
with

sites as (
    select * from recruiting_site_list
),

final as (
    select *
    from sites
    order by country nulls last, city nulls last, facility nulls last, nct_id
)

select * from final

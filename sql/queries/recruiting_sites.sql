-- Recruiting sites by country, with coordinates: one row per site that is recruiting (its own
-- status is RECRUITING, or it states none and its trial is RECRUITING), ordered by country,
-- city and facility, with the trial and the site's first contact. Coordinates are the
-- registry's geocode of the city, not of the facility (NULL when the registry gives none).
-- For one country see recruiting_sites_in_country.
-- Parameters: none
with

studies as (
    select * from main.studies
),

locations as (
    select * from main.locations
),

location_contacts as (
    select * from main.location_contacts
),

recruiting_locations as (
    select locations.*
    from locations
    inner join studies on studies.nct_id = locations.nct_id
    where locations.status = 'RECRUITING'
        or (locations.status is null and studies.overall_status = 'RECRUITING')
),

first_contacts as (
    select * exclude (rank)
    from (
        select
            *,
            row_number() over (partition by nct_id, location_ordinal order by ordinal) as rank
        from location_contacts
    )
    where rank = 1
),

final as (
    select
        recruiting_locations.country,
        recruiting_locations.state,
        recruiting_locations.city,
        recruiting_locations.facility,
        recruiting_locations.zip,
        recruiting_locations.latitude,
        recruiting_locations.longitude,
        recruiting_locations.nct_id,
        studies.brief_title,
        array_to_string(studies.phases, '/') as phase,
        recruiting_locations.status as site_status,
        first_contacts.name as contact_name,
        first_contacts.phone as contact_phone,
        first_contacts.email as contact_email
    from recruiting_locations
    inner join studies on studies.nct_id = recruiting_locations.nct_id
    left join first_contacts
        on first_contacts.nct_id = recruiting_locations.nct_id
        and first_contacts.location_ordinal = recruiting_locations.ordinal
    order by
        recruiting_locations.country nulls last,
        recruiting_locations.city nulls last,
        recruiting_locations.facility nulls last,
        recruiting_locations.nct_id
)

select * from final

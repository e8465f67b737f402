-- recruiting_site_list: one row per site that is recruiting now (its own status is
-- RECRUITING, or it states none and its trial is RECRUITING), with coordinates, the trial
-- and the site's first contact. Coordinates are the registry's geocode of the city, not of
-- the facility (NULL when the registry gives none). The named queries recruiting_sites and
-- recruiting_sites_in_country read it.
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
)

select * from final

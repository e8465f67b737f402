-- Trials that are recruiting now, newest start first, with phase, enrollment and sponsor.
-- Parameters: none
with

current_studies as (
    select * from studies
),

final as (
    select
        nct_id,
        brief_title,
        array_to_string(phases, '/') as phase,
        enrollment,
        enrollment_type,
        start_date,
        start_date_precision,
        lead_sponsor_name
    from current_studies
    where overall_status in ('RECRUITING', 'ENROLLING_BY_INVITATION', 'NOT_YET_RECRUITING')
    order by start_date desc nulls last, nct_id
)

select * from final

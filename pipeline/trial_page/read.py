"""Every row a trial page needs, read with parameterized SQL from the warehouse opened read-only."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipeline.errors import QueryError
from pipeline.warehouse import open_warehouse

# A registry date is stored as the first day of its period; show only what the registry gave.
_DATE = ("case {p} when 'year' then strftime({d}, '%Y') when 'month' then strftime({d}, '%Y-%m')"
         " else strftime({d}, '%Y-%m-%d') end")

SQL = {
    "study": f"""
        select studies.*,
            {_DATE.format(d='start_date', p='start_date_precision')} as start_text,
            {_DATE.format(d='primary_completion_date', p='primary_completion_date_precision')}
                as primary_completion_text,
            {_DATE.format(d='completion_date', p='completion_date_precision')} as completion_text,
            {_DATE.format(d='last_update_posted_date', p='last_update_posted_date_precision')} as last_update_text,
            {_DATE.format(d='first_posted_date', p='first_posted_date_precision')} as first_posted_text,
            {_DATE.format(d='results_first_posted_date', p='results_first_posted_date_precision')}
                as results_posted_text
        from studies where nct_id = $nct_id""",
    "conditions": "select name from conditions where nct_id = $nct_id order by ordinal",
    "keywords": "select keyword from keywords where nct_id = $nct_id order by ordinal",
    "arms": "select ordinal, label, type, description from arms where nct_id = $nct_id order by ordinal",
    "arm_interventions": """
        select arm_ordinal, intervention_ordinal from arm_interventions
        where nct_id = $nct_id order by arm_ordinal, intervention_ordinal""",
    "interventions": """
        select interventions.ordinal, interventions.type, interventions.name, interventions.description,
            (select string_agg(other.name, ', ' order by other.ordinal) from intervention_other_names as other
             where other.nct_id = interventions.nct_id
                and other.intervention_ordinal = interventions.ordinal) as other_names
        from interventions where nct_id = $nct_id order by ordinal""",
    "outcomes": """
        select kind, measure, description, time_frame from outcomes where nct_id = $nct_id
        order by case kind when 'primary' then 1 when 'secondary' then 2 else 3 end, ordinal""",
    "eligibility": "select * from eligibility where nct_id = $nct_id",
    "criteria": """
        select section, level, text from eligibility_criteria where nct_id = $nct_id
        order by case section when 'inclusion' then 1 when 'exclusion' then 2 else 3 end, ordinal""",
    "sponsors": "select name, class, role from sponsors where nct_id = $nct_id order by ordinal",
    "officials": "select name, affiliation, role from officials where nct_id = $nct_id order by ordinal",
    "locations": """
        select ordinal, facility, concat_ws(', ', city, state, country) as place, status
        from locations where nct_id = $nct_id order by ordinal""",
    "countries": """
        select country from locations where nct_id = $nct_id and country is not null
        group by country order by min(ordinal)""",
    "central_contacts": """
        select name, role, phone, phone_ext, email from central_contacts where nct_id = $nct_id order by ordinal""",
    "facility_contacts": """
        select contacts.name, contacts.role, contacts.phone, contacts.phone_ext, contacts.email,
            locations.facility,
            row_number() over (partition by contacts.location_ordinal, contacts.role
                               order by contacts.ordinal) as rank_in_role
        from location_contacts as contacts
        left join locations
            on locations.nct_id = contacts.nct_id and locations.ordinal = contacts.location_ordinal
        where contacts.nct_id = $nct_id order by contacts.location_ordinal, contacts.ordinal""",
    "identifiers": """
        select id_value, id_type, source, domain, link from identifiers where nct_id = $nct_id
        order by case source when 'secondary_id' then 1 when 'nct_alias' then 2 else 3 end, ordinal""",
    "ae_groups": """
        select title, serious_num_affected, serious_num_at_risk, other_num_affected, other_num_at_risk,
            deaths_num_affected, deaths_num_at_risk
        from adverse_event_groups where nct_id = $nct_id order by ordinal""",
    "serious_terms": """
        select events.term, sum(counts.num_affected) as affected
        from adverse_events as events
        left join adverse_event_counts as counts
            on counts.nct_id = events.nct_id and counts.kind = events.kind
            and counts.event_ordinal = events.ordinal
        where events.nct_id = $nct_id and events.kind = 'serious'
        group by events.ordinal, events.term
        order by affected desc nulls last, events.ordinal
        limit 10""",
    "flow": """
        select groups.title, milestones.type, counts.num_subjects
        from flow_milestones as milestones
        inner join flow_milestone_counts as counts
            on counts.nct_id = milestones.nct_id and counts.period_ordinal = milestones.period_ordinal
            and counts.milestone_ordinal = milestones.ordinal
        left join flow_groups as groups
            on groups.nct_id = counts.nct_id and groups.group_id = counts.group_id
        where milestones.nct_id = $nct_id and milestones.period_ordinal = 1
            and milestones.type in ('STARTED', 'COMPLETED')
        order by groups.ordinal, milestones.ordinal""",
    "outcome_measures": """
        select type, title, reporting_status from outcome_measures where nct_id = $nct_id order by ordinal""",
}


def read_trial(warehouse_path: Path, nct_id: str) -> dict[str, list[dict]]:
    """Every row the page needs, per SQL name, from the warehouse opened read-only."""
    with open_warehouse(warehouse_path, read_only=True) as warehouse:
        try:
            # one trial's rows: a few dozen dicts, not a table scan
            rows = {name: warehouse.con.sql(sql, params={"nct_id": nct_id}).pl().to_dicts()
                    for name, sql in SQL.items()}
        except duckdb.Error as exc:
            raise QueryError(str(exc).strip()) from None
    if not rows["study"]:
        raise QueryError(f"{nct_id} is not in the warehouse {warehouse_path} "
                         f"(fetch it with: pipeline run --nct {nct_id})")
    return rows

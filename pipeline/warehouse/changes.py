"""Watched fields: the values compared before and after a study is replaced (table study_changes)."""

from __future__ import annotations

WATCHED_FIELDS = {
    "overall_status": "s.overall_status",
    "enrollment": "s.enrollment::varchar",
    "enrollment_type": "s.enrollment_type",
    "phases": "array_to_string(s.phases, '/')",
    "start_date": "s.start_date::varchar",
    "start_date_type": "s.start_date_type",
    "primary_completion_date": "s.primary_completion_date::varchar",
    "primary_completion_date_type": "s.primary_completion_date_type",
    "completion_date": "s.completion_date::varchar",
    "completion_date_type": "s.completion_date_type",
    "number_of_sites": "(select count(*) from locations l where l.nct_id = s.nct_id)::varchar",
    "number_of_arms": "(select count(*) from arms a where a.nct_id = s.nct_id)::varchar",
    "minimum_age": "e.minimum_age",
    "maximum_age": "e.maximum_age",
    "criteria_text": "e.criteria_text",
}


def watched_sql() -> str:
    columns = ", ".join(f"{expr} as {name}" for name, expr in WATCHED_FIELDS.items())
    return (
        f"unpivot (select s.nct_id, {columns} from studies s left join eligibility e using (nct_id)"
        " where s.nct_id in (select nct_id from ids)) on columns(* exclude (nct_id))"
        " into name field value value"
    )


# Watched values before (temp table _before) and after the replacement, compared field by field.
CHANGES_SQL = (
    "insert into study_changes (nct_id, detected_at, run_id, field, old_value, new_value)"
    " select coalesce(b.nct_id, a.nct_id), $now, $run_id, coalesce(b.field, a.field), b.value, a.value"
    f" from _before b full join ({watched_sql()}) a on a.nct_id = b.nct_id and a.field = b.field"
    " where b.value is distinct from a.value"
)

"""The charts and tables of the HTML report (``pipeline.report``), built from query results.

Each chart function takes Polars frames and returns an Altair chart, or None when there is
nothing to draw (the page then says "No data"). Registry codes are shown with the words the
registry's own pages use ("Active, not recruiting", "Phase 1/Phase 2").
"""

from __future__ import annotations

import datetime as dt

import altair as alt
import polars as pl

STATUS_LABELS = {
    "RECRUITING": "Recruiting",
    "NOT_YET_RECRUITING": "Not yet recruiting",
    "ENROLLING_BY_INVITATION": "Enrolling by invitation",
    "ACTIVE_NOT_RECRUITING": "Active, not recruiting",
    "SUSPENDED": "Suspended",
    "COMPLETED": "Completed",
    "TERMINATED": "Terminated",
    "WITHDRAWN": "Withdrawn",
    "AVAILABLE": "Available",
    "NO_LONGER_AVAILABLE": "No longer available",
    "TEMPORARILY_NOT_AVAILABLE": "Temporarily not available",
    "APPROVED_FOR_MARKETING": "Approved for marketing",
    "WITHHELD": "Withheld",
    "UNKNOWN": "Unknown status",
}
# One colour per status everywhere on the page: greens enrol, blue runs, grey ended, reds stopped.
STATUS_COLORS = {
    "Recruiting": "#2e9e44",
    "Not yet recruiting": "#9bd18b",
    "Enrolling by invitation": "#1b7a6e",
    "Active, not recruiting": "#2f6fb3",
    "Suspended": "#e69a1c",
    "Completed": "#7b8794",
    "Terminated": "#c4372f",
    "Withdrawn": "#8c2d6e",
    "Unknown status": "#c9d1da",
}
PHASE_LABELS = {
    "EARLY_PHASE1": "Early Phase 1", "PHASE1": "Phase 1", "PHASE2": "Phase 2", "PHASE3": "Phase 3",
    "PHASE4": "Phase 4", "NA": "Not applicable",
}
PHASE_ORDER = ["Early Phase 1", "Phase 1", "Phase 1/Phase 2", "Phase 2", "Phase 2/Phase 3", "Phase 3", "Phase 4",
               "Not applicable", "Not given"]
CELL_TYPE_LABELS = {
    "msc": "Mesenchymal stromal cells", "neural_progenitor": "Neural stem/progenitor cells",
    "motor_neuron_progenitor": "Motor neuron progenitors", "hsc": "Hematopoietic stem cells",
    "ipsc_derived": "iPSC-derived cells", "esc_derived": "ESC-derived cells", "treg": "Regulatory T cells",
    "car_t": "CAR-T cells", "nk": "NK cells", "dendritic": "Dendritic cells", "other_cell": "Other cells",
}
REGISTRY_STUDY_URL = "https://clinicaltrials.gov/study/"
TIMELINE_MAX_TRIALS = 150  # the timeline shows the trials that started last, one bar each

SECTIONS = {
    "timeline": {
        "title": "Timeline",
        "note": "Each bar runs from the start date to the completion date (the primary completion date when no "
                "completion date is given); lighter bars end on an estimated completion date; a hollow circle is a trial "
                "with no end date. The dashed rule marks the day of this report.",
        "empty": "no trial has a start date.",
    },
    "enrollment": {
        "title": "Enrollment by phase",
        "note": "Participants planned (estimated) or enrolled (actual), summed per phase and stacked by status; "
                "the label gives the number of trials.",
        "empty": "no trial states its enrollment.",
    },
    "doses": {
        "title": "Cell doses by cell type",
        "note": "One point per arm dose level, on a log scale: cells per administration and, where the number of "
                "administrations is known, the total a participant receives. Doses per kg or per m² are left out "
                "(they need the body weight).",
        "empty": "no arm states a cell amount that could be read.",
    },
    "sites": {
        "title": "Sites by country",
        "note": "Study sites of the trials above, per country (the 30 countries with most sites). Green sites "
                "recruit now: their own status says so or, when they state none, their trial's does.",
        "empty": "no trial lists a site.",
    },
}


def prepare_landscape(landscape: pl.DataFrame) -> pl.DataFrame:
    """The landscape with display labels: status, phase, cell types, trial label and end date."""
    return landscape.with_columns(
        status=status_label(pl.col("overall_status")),
        phase_label=_phase_label(pl.col("phase")),
        cell_type_label=_cell_type_label(pl.col("cell_types")),
        trial=pl.when(pl.col("acronym").is_not_null())
        .then(pl.col("nct_id") + " " + pl.col("acronym"))
        .otherwise(pl.col("nct_id")),
        end_date=pl.coalesce("completion_date", "primary_completion_date"),
        end_is_estimated=pl.when(pl.col("completion_date").is_not_null())
        .then(pl.col("completion_date_type") == "ESTIMATED")
        .otherwise(pl.lit(False)),  # the landscape gives no type for the primary completion date
    )


def status_label(code: pl.Expr) -> pl.Expr:
    return code.replace_strict(STATUS_LABELS, default=code.str.replace_all("_", " ").str.to_titlecase()) \
        .fill_null("Unknown status")


def _phase_label(phase: pl.Expr) -> pl.Expr:
    """'PHASE1/PHASE2' -> 'Phase 1/Phase 2' (the registry's wording), NULL -> 'Not given'."""
    parts = phase.str.split("/").list.eval(pl.element().replace(PHASE_LABELS))
    return pl.when(phase.is_null() | (phase == "")).then(pl.lit("Not given")).otherwise(parts.list.join("/"))


def _cell_type_label(cell_types: pl.Expr) -> pl.Expr:
    parts = cell_types.str.split(" | ").list.eval(pl.element().replace(CELL_TYPE_LABELS))
    return parts.list.join(" + ")


def _status_color(statuses: pl.Series) -> alt.Color:
    """Status colours, the same on every chart; the legend lists only the statuses present."""
    present = [label for label in STATUS_COLORS if label in set(statuses)]
    present += sorted(set(statuses) - set(present))
    return alt.Color("status:N", title="Status", legend=alt.Legend(orient="top", columns=5),
                     scale=alt.Scale(domain=present, range=[STATUS_COLORS.get(label, "#999999") for label in present]))


# -- charts -----------------------------------------------------------------------------------


def timeline(landscape: pl.DataFrame, today: dt.date) -> alt.LayerChart | None:
    rows = (
        landscape.filter(pl.col("start_date").is_not_null())
        .sort("start_date", descending=True)
        .head(TIMELINE_MAX_TRIALS)
        .select("trial", "nct_id", "brief_title", "status", "start_date", "start_date_precision",
                "end_date", "end_is_estimated",
                pl.col("phase_label").alias("phase"), "enrollment")
    )
    if rows.is_empty():
        return None
    order = rows.sort("start_date")["trial"].to_list()
    bars = alt.Chart(rows).mark_bar(height={"band": 0.7}, cornerRadius=2).encode(
        x=alt.X("start_date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year", orient="top", grid=True)),
        x2="end_date:T",
        y=alt.Y("trial:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
        color=_status_color(rows["status"]),
        opacity=alt.condition("datum.end_is_estimated", alt.value(0.55), alt.value(1.0)),
        tooltip=[alt.Tooltip("nct_id:N", title="NCT ID"), alt.Tooltip("brief_title:N", title="Title"),
                 alt.Tooltip("status:N", title="Status"), alt.Tooltip("phase:N", title="Phase"),
                 alt.Tooltip("start_date:T", title="Start", format="%Y-%m-%d"),
                 alt.Tooltip("end_date:T", title="Completion", format="%Y-%m-%d"),
                 alt.Tooltip("enrollment:Q", title="Enrollment")],
        href=alt.Href("url:N"),
    ).transform_calculate(url=f"'{REGISTRY_STUDY_URL}' + datum.nct_id")
    # A trial with no completion date of any kind is a hollow circle at its start.
    open_ended = alt.Chart(rows.filter(pl.col("end_date").is_null())).mark_point(size=60, strokeWidth=2).encode(
        x="start_date:T", y=alt.Y("trial:N", sort=order), color=_status_color(rows["status"]),
        tooltip=[alt.Tooltip("nct_id:N", title="NCT ID"), alt.Tooltip("brief_title:N", title="Title"),
                 alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("start_date:T", title="Start", format="%Y-%m-%d"),
                 alt.Tooltip("end_label:N", title="Completion")],
    ).transform_calculate(end_label="'not given'")
    rule = alt.Chart(pl.DataFrame({"today": [today]})).mark_rule(color="#c4372f", strokeDash=[4, 3]).encode(
        x="today:T", tooltip=alt.Tooltip("today:T", title="Report date", format="%Y-%m-%d"))
    return alt.layer(bars, open_ended, rule).properties(width="container", height=alt.Step(16))


def enrollment_by_phase(landscape: pl.DataFrame) -> alt.LayerChart | None:
    rows = (
        landscape.filter(pl.col("enrollment").is_not_null())
        .group_by("phase_label", "status")
        .agg(enrollment=pl.col("enrollment").sum(), trials=pl.len())
        .rename({"phase_label": "phase"})
    )
    if rows.is_empty():
        return None
    order = [p for p in PHASE_ORDER if p in set(rows["phase"])] + sorted(set(rows["phase"]) - set(PHASE_ORDER))
    totals = rows.group_by("phase").agg(enrollment=pl.col("enrollment").sum(), trials=pl.col("trials").sum()) \
        .with_columns(label=pl.col("trials").cast(pl.String) + pl.when(pl.col("trials") == 1)
                      .then(pl.lit(" trial")).otherwise(pl.lit(" trials")))
    x = alt.X("phase:N", sort=order, title=None, axis=alt.Axis(labelAngle=0))
    bars = alt.Chart(rows).mark_bar().encode(
        x=x, y=alt.Y("sum(enrollment):Q", title="Participants"), color=_status_color(rows["status"]),
        tooltip=[alt.Tooltip("phase:N", title="Phase"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("enrollment:Q", title="Participants", format=","),
                 alt.Tooltip("trials:Q", title="Trials")],
    )
    labels = alt.Chart(totals).mark_text(dy=-7, color="#3e4c59").encode(x=x, y="enrollment:Q", text="label:N")
    return alt.layer(bars, labels).properties(width="container", height=300)


def doses_by_cell_type(doses: pl.DataFrame) -> alt.Chart | None:
    per_dose = doses.filter(pl.col("per") == "dose")
    shared = [pl.col("nct_id"), pl.col("brief_title"), pl.col("arm_label"), pl.col("route"),
              _cell_type_label(pl.col("cell_types")).fill_null("Not classified").alias("cell_type"),
              pl.col("sources").fill_null("unknown").alias("source")]
    # An arm given one amount on two schedules is one point per administration, two totals.
    rows = pl.concat([
        per_dose.filter(pl.col("cells_per_dose") > 0).select(
            *shared, pl.lit(None, pl.Int32).alias("number_of_doses"), pl.lit("Cells per administration").alias("measure"),
            pl.col("cells_per_dose").alias("cells")),
        per_dose.filter(pl.col("total_cells") > 0).select(
            *shared, pl.col("number_of_doses").cast(pl.Int32), pl.lit("Total cells per participant").alias("measure"),
            pl.col("total_cells").alias("cells")),
    ]).unique(maintain_order=True)
    if rows.is_empty():
        return None
    # Spread the points of one cell type over its band, the same way on every run (golden-ratio steps).
    rows = rows.with_columns(jitter=(pl.int_range(pl.len()).over("cell_type") * 0.618034) % 1.0)
    return alt.Chart(rows).mark_point(filled=True, size=70, opacity=0.8).encode(
        x=alt.X("cells:Q", scale=alt.Scale(type="log"), title="Cells (log scale)",
                axis=alt.Axis(values=[10.0**n for n in range(15)], labelExpr="'10^' + round(log(datum.value) / LN10)",
                              grid=True)),
        y=alt.Y("cell_type:N", title=None, axis=alt.Axis(labelLimit=240)),
        yOffset=alt.YOffset("jitter:Q"),
        color=alt.Color("source:N", title="Source", legend=alt.Legend(orient="top")),
        shape=alt.Shape("measure:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("nct_id:N", title="NCT ID"), alt.Tooltip("brief_title:N", title="Title"),
                 alt.Tooltip("arm_label:N", title="Arm"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("cells:Q", title="Cells", format=".2e"),
                 alt.Tooltip("number_of_doses:Q", title="Administrations"), alt.Tooltip("route:N", title="Route")],
    ).properties(width="container", height=alt.Step(70))


def sites_by_country(sites: pl.DataFrame) -> alt.Chart | None:
    rows = (
        sites.with_columns(
            country=pl.col("country").fill_null("Not given"),
            # as in the named query recruiting_sites: a site without a status takes its trial's
            site_status=pl.when(pl.coalesce("status", "overall_status") == "RECRUITING").then(pl.lit("Recruiting now"))
            .otherwise(pl.lit("Not recruiting or not stated")),
        )
        .group_by("country", "site_status")
        .agg(sites=pl.len(), trials=pl.col("nct_id").n_unique())
    )
    if rows.is_empty():
        return None
    top = rows.group_by("country").agg(pl.col("sites").sum()).sort(["sites", "country"], descending=[True, False]) \
        .head(30)["country"].to_list()
    rows = rows.filter(pl.col("country").is_in(top))
    return alt.Chart(rows).mark_bar().encode(
        y=alt.Y("country:N", sort=top, title=None),
        x=alt.X("sum(sites):Q", title="Sites", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("site_status:N", title=None, legend=alt.Legend(orient="top"),
                        scale=alt.Scale(domain=["Recruiting now", "Not recruiting or not stated"],
                                        range=[STATUS_COLORS["Recruiting"], "#9fb3c8"])),
        tooltip=[alt.Tooltip("country:N", title="Country"), alt.Tooltip("site_status:N", title="Sites"),
                 alt.Tooltip("sites:Q", title="Number of sites"), alt.Tooltip("trials:Q", title="Trials")],
    ).properties(width="container", height=alt.Step(20))

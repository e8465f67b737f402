-- The ALS cell-therapy landscape: one row per trial that treats ALS (a condition naming
-- amyotrophic lateral sclerosis, ALS, Lou Gehrig's or motor neuron disease, or the ALS MeSH
-- descriptor D000690) with at least one intervention classified as a cell product
-- (cell_therapies). Phase, status, cell type and source, route, dose levels (cells per
-- administration, per kg when so stated), enrollment, start and completion dates with their
-- precision ('day', 'month', 'year': a partial date is stored as the first day of its period),
-- lead sponsor and countries. Trials whose product the classifier could not read are left
-- out; study_summary lists every trial.
-- Parameters: none
with

landscape as (
    select * from trial_landscape
),

final as (
    select * exclude (is_als, is_cell_therapy)
    from landscape
    where is_als and is_cell_therapy
    order by start_date desc nulls last, nct_id
)

select * from final

-- 004_sync: incremental sync state, studies that left the registry, and field history.

create table sync_state (
    search_key varchar primary key,
    search_name varchar not null,
    parameters json not null,
    watermark_date date,
    data_timestamp varchar,
    last_run_id integer,
    updated_at timestamp not null
);
comment on table sync_state is 'One row per named search: how far incremental runs of it have got.';
comment on column sync_state.search_key is 'Search name plus a hash of its query parameters (a changed expression starts afresh)';
comment on column sync_state.search_name is 'als-cell-therapies for the default search, ad-hoc otherwise';
comment on column sync_state.parameters is 'The query.* parameters of the search';
comment on column sync_state.watermark_date is 'Latest statusModule.lastUpdatePostDateStruct.date committed; the next run asks for RANGE[watermark - 1 day, MAX]';
comment on column sync_state.data_timestamp is 'GET /version dataTimestamp of the last successful run of this search; unchanged means nothing to fetch';
comment on column sync_state.last_run_id is 'pipeline_runs.run_id that last moved this row';
comment on column sync_state.updated_at is 'When this row last moved (UTC)';

create table registry_removals (
    nct_id varchar primary key,
    registry_status varchar not null,
    detected_at timestamp not null,
    canonical_nct_id varchar,
    run_id integer
);
comment on table registry_removals is 'One row per study the registry no longer returns (withdrawn from the registry) or that became an alias of another NCT ID (merged). Rows are kept, not deleted; a study that comes back leaves this table.';
comment on column registry_removals.nct_id is 'The NCT ID that is gone';
comment on column registry_removals.registry_status is 'withdrawn_from_registry | merged';
comment on column registry_removals.detected_at is 'When a re-check first missed it (UTC)';
comment on column registry_removals.canonical_nct_id is 'For merged: the NCT ID the registry now returns it under (its rows moved there)';
comment on column registry_removals.run_id is 'The run that detected it';

create table study_changes (
    nct_id varchar not null,
    detected_at timestamp not null,
    run_id integer,
    field varchar not null,
    old_value varchar,
    new_value varchar
);
comment on table study_changes is 'One row per change of a watched field of a study between two loaded versions (status, enrollment, phases, dates, sites, arms, ages, criteria).';
comment on column study_changes.nct_id is 'The study';
comment on column study_changes.detected_at is 'When the new version was loaded (UTC)';
comment on column study_changes.run_id is 'The run that loaded it';
comment on column study_changes.field is 'overall_status | enrollment | enrollment_type | phases | start_date | start_date_type | primary_completion_date | primary_completion_date_type | completion_date | completion_date_type | number_of_sites | number_of_arms | minimum_age | maximum_age | criteria_text';
comment on column study_changes.old_value is 'The value before, as text (NULL when absent)';
comment on column study_changes.new_value is 'The value after, as text (NULL when absent)';

-- 006_features: derived values, one row per study (AACT's calculated_values and more).

create table study_features (
    nct_id varchar primary key,
    number_of_sites integer not null,
    countries varchar[] not null,
    has_us_site boolean not null,
    is_single_site boolean not null,
    number_of_arms integer not null,
    number_of_interventions integer not null,
    number_of_conditions integer not null,
    number_of_collaborators integer not null,
    months_start_to_primary_completion double,
    months_primary_completion_to_results double,
    registration_year integer,
    minimum_age_years double,
    maximum_age_years double,
    number_of_primary_outcomes integer not null,
    number_of_secondary_outcomes integer not null,
    number_of_other_outcomes integer not null,
    sae_subjects bigint,
    nsae_subjects bigint,
    were_results_reported boolean not null,
    is_enrolling boolean not null,
    is_cell_therapy boolean not null
);
comment on table study_features is 'One row per study: values derived from the other tables (AACT calculated_values and more), recomputed whenever the study is loaded.';
comment on column study_features.nct_id is 'The study';
comment on column study_features.number_of_sites is 'Rows in locations (contactsLocationsModule.locations)';
comment on column study_features.countries is 'Distinct locations.country, in registry order';
comment on column study_features.has_us_site is 'A location in the United States';
comment on column study_features.is_single_site is 'Exactly one location';
comment on column study_features.number_of_arms is 'Rows in arms';
comment on column study_features.number_of_interventions is 'Rows in interventions';
comment on column study_features.number_of_conditions is 'Rows in conditions';
comment on column study_features.number_of_collaborators is 'sponsors rows with role collaborator';
comment on column study_features.months_start_to_primary_completion is 'Months (days / 30.44) from start to primary completion, only when both dates are ACTUAL (AACT actual_duration)';
comment on column study_features.months_primary_completion_to_results is 'Months from primary completion to the first results posting (AACT months_to_report_results)';
comment on column study_features.registration_year is 'Year of statusModule.studyFirstSubmitDate (else of the first posting)';
comment on column study_features.minimum_age_years is 'eligibility.minimum_age_years';
comment on column study_features.maximum_age_years is 'eligibility.maximum_age_years';
comment on column study_features.number_of_primary_outcomes is 'outcomes rows of kind primary';
comment on column study_features.number_of_secondary_outcomes is 'outcomes rows of kind secondary';
comment on column study_features.number_of_other_outcomes is 'outcomes rows of kind other';
comment on column study_features.sae_subjects is 'Sum of adverseEventsModule.eventGroups[].seriousNumAffected (NULL without results)';
comment on column study_features.nsae_subjects is 'Sum of adverseEventsModule.eventGroups[].otherNumAffected (NULL without results)';
comment on column study_features.were_results_reported is 'hasResults';
comment on column study_features.is_enrolling is 'overall_status is RECRUITING or ENROLLING_BY_INVITATION';
comment on column study_features.is_cell_therapy is 'At least one intervention is classified as a cell product (see cell_therapies)';

-- 001_core: the landing zone, run bookkeeping and the study tables of the first release.
-- Applied once by warehouse.migrate(); later changes come as new numbered files.

create table raw_studies (
    nct_id varchar not null,
    content_hash varchar not null,
    fetched_at timestamp not null,
    last_seen_at timestamp not null,
    is_current boolean not null,
    raw json not null,
    primary key (nct_id, content_hash)
);
comment on table raw_studies is 'One row per distinct version of a study as received from the registry (API page, GET by ID or bulk file). The normalized tables are derived from the current version; `pipeline rebuild` re-derives them offline.';
comment on column raw_studies.nct_id is 'protocolSection.identificationModule.nctId';
comment on column raw_studies.content_hash is 'blake2b-128 of the study JSON with derivedSection.miscInfoModule.versionHolder removed and MeSH arrays sorted (volatile parts that change on every registry refresh)';
comment on column raw_studies.fetched_at is 'When this version was first received (UTC)';
comment on column raw_studies.last_seen_at is 'When this version was last received (UTC)';
comment on column raw_studies.is_current is 'True for the version the normalized tables hold';
comment on column raw_studies.raw is 'The study object exactly as the registry sent it (compact JSON, key order kept)';

create sequence pipeline_runs_seq;
create table pipeline_runs (
    run_id integer primary key default nextval('pipeline_runs_seq'),
    command varchar not null,
    started_at timestamp not null,
    finished_at timestamp,
    status varchar not null,
    parameters json,
    api_version varchar,
    data_timestamp varchar,
    studies_fetched integer,
    studies_new integer,
    studies_changed integer,
    studies_unchanged integer,
    studies_quarantined integer,
    unmatched_arm_labels integer,
    not_found integer,
    error varchar,
    summary json
);
comment on table pipeline_runs is 'One row per pipeline command that wrote to the warehouse (run, rebuild, load-bulk), including failed and interrupted ones.';
comment on column pipeline_runs.command is 'run | rebuild | load-bulk';
comment on column pipeline_runs.status is 'running | succeeded | failed | interrupted (stopped by SIGINT/SIGTERM after a batch) | killed (the process died; marked by the next run)';
comment on column pipeline_runs.parameters is 'The search and options of the run, as JSON';
comment on column pipeline_runs.api_version is 'GET /version apiVersion at the start of the run';
comment on column pipeline_runs.data_timestamp is 'GET /version dataTimestamp at the start of the run (the registry''s refresh stamp, kept as text)';
comment on column pipeline_runs.studies_fetched is 'Distinct studies received';
comment on column pipeline_runs.studies_new is 'Studies not in the warehouse before';
comment on column pipeline_runs.studies_changed is 'Studies whose content hash changed';
comment on column pipeline_runs.studies_unchanged is 'Studies received with an unchanged content hash (not re-normalized)';
comment on column pipeline_runs.studies_quarantined is 'Studies that could not be parsed or normalized (see quarantine)';
comment on column pipeline_runs.unmatched_arm_labels is 'Arm/intervention labels of the loaded studies that matched nothing (see unmatched_arm_labels)';
comment on column pipeline_runs.not_found is 'NCT IDs requested by ID that the registry does not know (404)';
comment on column pipeline_runs.error is 'Why the run failed, with the URL when the registry was the cause';
comment on column pipeline_runs.summary is 'The end-of-run summary as JSON (all counters, duration, pages, requests, bytes)';

create table quarantine (
    raw_hash varchar primary key,
    nct_id varchar,
    reason varchar not null,
    raw_text varchar not null,
    first_seen_at timestamp not null,
    last_seen_at timestamp not null,
    run_id integer
);
comment on table quarantine is 'One row per distinct malformed study text that could not be landed or normalized; the run went on without it.';
comment on column quarantine.raw_hash is 'blake2b-128 of raw_text';
comment on column quarantine.nct_id is 'The NCT ID when it could be read, else NULL';
comment on column quarantine.reason is 'Why the study was rejected';
comment on column quarantine.raw_text is 'The study text as received';
comment on column quarantine.run_id is 'The last run that received this text';

create table pipeline_meta (
    key varchar primary key,
    value varchar
);
comment on table pipeline_meta is 'Warehouse-level settings, one row per key (normalizer_version).';

create table studies (
    nct_id varchar primary key,
    brief_title varchar,
    official_title varchar,
    acronym varchar,
    study_type varchar,
    overall_status varchar,
    phases varchar[],
    enrollment bigint,
    enrollment_type varchar,
    start_date date,
    start_date_precision varchar,
    start_date_type varchar,
    primary_completion_date date,
    primary_completion_date_precision varchar,
    primary_completion_date_type varchar,
    completion_date date,
    completion_date_precision varchar,
    completion_date_type varchar,
    first_posted_date date,
    first_posted_date_precision varchar,
    first_posted_date_type varchar,
    last_update_posted_date date,
    last_update_posted_date_precision varchar,
    last_update_posted_date_type varchar,
    allocation varchar,
    intervention_model varchar,
    primary_purpose varchar,
    masking varchar,
    lead_sponsor_name varchar,
    lead_sponsor_class varchar,
    brief_summary varchar,
    has_results boolean,
    org_name varchar,
    org_class varchar,
    last_known_status varchar,
    why_stopped varchar,
    status_verified_date date,
    status_verified_date_precision varchar,
    delayed_posting boolean,
    has_expanded_access boolean,
    expanded_access_nct_id varchar,
    expanded_access_status varchar,
    study_first_submit_date date,
    study_first_submit_qc_date date,
    results_first_submit_date date,
    results_first_submit_qc_date date,
    results_first_posted_date date,
    results_first_posted_date_precision varchar,
    results_first_posted_date_type varchar,
    disp_first_submit_date date,
    disp_first_submit_qc_date date,
    disp_first_posted_date date,
    disp_first_posted_date_precision varchar,
    disp_first_posted_date_type varchar,
    last_update_submit_date date,
    results_waived boolean,
    responsible_party_type varchar,
    responsible_party_investigator_name varchar,
    responsible_party_investigator_title varchar,
    responsible_party_investigator_affiliation varchar,
    responsible_party_old_name_title varchar,
    responsible_party_old_organization varchar,
    has_dmc boolean,
    is_fda_regulated_drug boolean,
    is_fda_regulated_device boolean,
    is_unapproved_device boolean,
    is_ppsd boolean,
    is_us_export boolean,
    fdaaa801_violation boolean,
    detailed_description varchar,
    intervention_model_description varchar,
    masking_description varchar,
    masked_roles varchar[],
    observational_model varchar,
    time_perspective varchar,
    target_duration varchar,
    patient_registry boolean,
    is_expanded_access_individual boolean,
    is_expanded_access_intermediate boolean,
    is_expanded_access_treatment boolean,
    bio_spec_retention varchar,
    bio_spec_description varchar,
    ipd_sharing varchar,
    ipd_description varchar,
    ipd_info_types varchar[],
    ipd_time_frame varchar,
    ipd_access_criteria varchar,
    ipd_url varchar,
    version_holder_date date,
    removed_countries varchar[],
    estimated_results_first_submit_date date,
    first_mcp_posted_date date,
    first_mcp_posted_date_precision varchar,
    first_mcp_posted_date_type varchar,
    model_min_bmi double,
    model_max_bmi double,
    registry_status varchar,
    registry_status_date date
);
comment on table studies is 'One row per study (the current version of each registry record).';
comment on column studies.nct_id is 'protocolSection.identificationModule.nctId';
comment on column studies.brief_title is 'identificationModule.briefTitle';
comment on column studies.official_title is 'identificationModule.officialTitle';
comment on column studies.acronym is 'identificationModule.acronym';
comment on column studies.study_type is 'designModule.studyType: INTERVENTIONAL | OBSERVATIONAL | EXPANDED_ACCESS';
comment on column studies.overall_status is 'statusModule.overallStatus, e.g. RECRUITING, COMPLETED, UNKNOWN';
comment on column studies.phases is 'designModule.phases, e.g. [PHASE1] or [PHASE2, PHASE3]; NULL for observational studies';
comment on column studies.enrollment is 'designModule.enrollmentInfo.count; NULL when absent or the registry''s 99999999 "unknown" sentinel';
comment on column studies.enrollment_type is 'designModule.enrollmentInfo.type: ACTUAL | ESTIMATED';
comment on column studies.start_date is 'statusModule.startDateStruct.date; a partial date is stored as the first day of its period, see start_date_precision';
comment on column studies.start_date_precision is 'day | month | year: how much of start_date the registry gave';
comment on column studies.start_date_type is 'statusModule.startDateStruct.type: ACTUAL | ESTIMATED';
comment on column studies.primary_completion_date is 'statusModule.primaryCompletionDateStruct.date (first day of the period when partial)';
comment on column studies.primary_completion_date_precision is 'day | month | year';
comment on column studies.primary_completion_date_type is 'statusModule.primaryCompletionDateStruct.type: ACTUAL | ESTIMATED';
comment on column studies.completion_date is 'statusModule.completionDateStruct.date (first day of the period when partial)';
comment on column studies.completion_date_precision is 'day | month | year';
comment on column studies.completion_date_type is 'statusModule.completionDateStruct.type: ACTUAL | ESTIMATED';
comment on column studies.first_posted_date is 'statusModule.studyFirstPostDateStruct.date';
comment on column studies.first_posted_date_precision is 'day | month | year';
comment on column studies.first_posted_date_type is 'statusModule.studyFirstPostDateStruct.type: ACTUAL | ESTIMATED';
comment on column studies.last_update_posted_date is 'statusModule.lastUpdatePostDateStruct.date';
comment on column studies.last_update_posted_date_precision is 'day | month | year';
comment on column studies.last_update_posted_date_type is 'statusModule.lastUpdatePostDateStruct.type: ACTUAL | ESTIMATED';
comment on column studies.allocation is 'designModule.designInfo.allocation: RANDOMIZED | NON_RANDOMIZED | NA';
comment on column studies.intervention_model is 'designModule.designInfo.interventionModel, e.g. PARALLEL, SEQUENTIAL';
comment on column studies.primary_purpose is 'designModule.designInfo.primaryPurpose, e.g. TREATMENT';
comment on column studies.masking is 'designModule.designInfo.maskingInfo.masking: NONE | SINGLE | DOUBLE | TRIPLE | QUADRUPLE';
comment on column studies.lead_sponsor_name is 'sponsorCollaboratorsModule.leadSponsor.name';
comment on column studies.lead_sponsor_class is 'sponsorCollaboratorsModule.leadSponsor.class, e.g. INDUSTRY, NIH, OTHER';
comment on column studies.brief_summary is 'descriptionModule.briefSummary, markdown escapes undone';
comment on column studies.has_results is 'hasResults: the study has a results section';
comment on column studies.org_name is 'identificationModule.organization.fullName: the organization that registered the study';
comment on column studies.org_class is 'identificationModule.organization.class, e.g. INDUSTRY, NIH, OTHER';
comment on column studies.last_known_status is 'statusModule.lastKnownStatus: the status before overall_status became UNKNOWN (not verified for 2 years)';
comment on column studies.why_stopped is 'statusModule.whyStopped: why a study was suspended, terminated or withdrawn, markdown escapes undone';
comment on column studies.status_verified_date is 'statusModule.statusVerifiedDate (first day of the period when partial)';
comment on column studies.status_verified_date_precision is 'day | month | year';
comment on column studies.delayed_posting is 'statusModule.delayedPosting: the "Post Prior to U.S. FDA Approval or Clearance" element of an unapproved-device study (posting delayed until approval)';
comment on column studies.has_expanded_access is 'statusModule.expandedAccessInfo.hasExpandedAccess: the drug is available outside the trial';
comment on column studies.expanded_access_nct_id is 'statusModule.expandedAccessInfo.nctId: the expanded access record for the drug';
comment on column studies.expanded_access_status is 'statusModule.expandedAccessInfo.statusForNctId, e.g. AVAILABLE, NO_LONGER_AVAILABLE';
comment on column studies.study_first_submit_date is 'statusModule.studyFirstSubmitDate';
comment on column studies.study_first_submit_qc_date is 'statusModule.studyFirstSubmitQcDate: first submission that met QC criteria';
comment on column studies.results_first_submit_date is 'statusModule.resultsFirstSubmitDate';
comment on column studies.results_first_submit_qc_date is 'statusModule.resultsFirstSubmitQcDate';
comment on column studies.results_first_posted_date is 'statusModule.resultsFirstPostDateStruct.date';
comment on column studies.results_first_posted_date_precision is 'day | month | year';
comment on column studies.results_first_posted_date_type is 'statusModule.resultsFirstPostDateStruct.type: ACTUAL | ESTIMATED';
comment on column studies.disp_first_submit_date is 'statusModule.dispFirstSubmitDate: first certification or extension request (delay of results)';
comment on column studies.disp_first_submit_qc_date is 'statusModule.dispFirstSubmitQcDate';
comment on column studies.disp_first_posted_date is 'statusModule.dispFirstPostDateStruct.date';
comment on column studies.disp_first_posted_date_precision is 'day | month | year';
comment on column studies.disp_first_posted_date_type is 'statusModule.dispFirstPostDateStruct.type: ACTUAL | ESTIMATED';
comment on column studies.last_update_submit_date is 'statusModule.lastUpdateSubmitDate';
comment on column studies.results_waived is 'statusModule.resultsWaived: results submission was waived';
comment on column studies.responsible_party_type is 'sponsorCollaboratorsModule.responsibleParty.type: SPONSOR | PRINCIPAL_INVESTIGATOR | SPONSOR_INVESTIGATOR';
comment on column studies.responsible_party_investigator_name is 'sponsorCollaboratorsModule.responsibleParty.investigatorFullName';
comment on column studies.responsible_party_investigator_title is 'sponsorCollaboratorsModule.responsibleParty.investigatorTitle';
comment on column studies.responsible_party_investigator_affiliation is 'sponsorCollaboratorsModule.responsibleParty.investigatorAffiliation';
comment on column studies.responsible_party_old_name_title is 'sponsorCollaboratorsModule.responsibleParty.oldNameTitle (older records: name and title in one field)';
comment on column studies.responsible_party_old_organization is 'sponsorCollaboratorsModule.responsibleParty.oldOrganization (older records)';
comment on column studies.has_dmc is 'oversightModule.oversightHasDmc: a data monitoring committee oversees the study';
comment on column studies.is_fda_regulated_drug is 'oversightModule.isFdaRegulatedDrug';
comment on column studies.is_fda_regulated_device is 'oversightModule.isFdaRegulatedDevice';
comment on column studies.is_unapproved_device is 'oversightModule.isUnapprovedDevice: a device not approved or cleared by the FDA';
comment on column studies.is_ppsd is 'oversightModule.isPpsd: a pediatric postmarket surveillance of a device';
comment on column studies.is_us_export is 'oversightModule.isUsExport: a product manufactured in and exported from the US';
comment on column studies.fdaaa801_violation is 'oversightModule.fdaaa801Violation: the FDA found the study in violation of FDAAA 801';
comment on column studies.detailed_description is 'descriptionModule.detailedDescription, markdown escapes undone';
comment on column studies.intervention_model_description is 'designModule.designInfo.interventionModelDescription, markdown escapes undone';
comment on column studies.masking_description is 'designModule.designInfo.maskingInfo.maskingDescription, markdown escapes undone';
comment on column studies.masked_roles is 'designModule.designInfo.maskingInfo.whoMasked: PARTICIPANT, CARE_PROVIDER, INVESTIGATOR, OUTCOMES_ASSESSOR';
comment on column studies.observational_model is 'designModule.designInfo.observationalModel, e.g. COHORT, CASE_CONTROL (observational studies)';
comment on column studies.time_perspective is 'designModule.designInfo.timePerspective: PROSPECTIVE | RETROSPECTIVE | CROSS_SECTIONAL | OTHER';
comment on column studies.target_duration is 'designModule.targetDuration as given, e.g. "5 Years" (patient registries)';
comment on column studies.patient_registry is 'designModule.patientRegistry: an observational study that is a patient registry';
comment on column studies.is_expanded_access_individual is 'designModule.expandedAccessTypes.individual: individual patients, including emergency use';
comment on column studies.is_expanded_access_intermediate is 'designModule.expandedAccessTypes.intermediate: intermediate-size population';
comment on column studies.is_expanded_access_treatment is 'designModule.expandedAccessTypes.treatment: treatment IND or protocol';
comment on column studies.bio_spec_retention is 'designModule.bioSpec.retention: NONE_RETAINED | SAMPLES_WITH_DNA | SAMPLES_WITHOUT_DNA';
comment on column studies.bio_spec_description is 'designModule.bioSpec.description: which specimens are kept, markdown escapes undone';
comment on column studies.ipd_sharing is 'ipdSharingStatementModule.ipdSharing: YES | NO | UNDECIDED';
comment on column studies.ipd_description is 'ipdSharingStatementModule.description, markdown escapes undone';
comment on column studies.ipd_info_types is 'ipdSharingStatementModule.infoTypes, e.g. STUDY_PROTOCOL, SAP, ICF, CSR, ANALYTIC_CODE';
comment on column studies.ipd_time_frame is 'ipdSharingStatementModule.timeFrame, markdown escapes undone';
comment on column studies.ipd_access_criteria is 'ipdSharingStatementModule.accessCriteria, markdown escapes undone';
comment on column studies.ipd_url is 'ipdSharingStatementModule.url';
comment on column studies.version_holder_date is 'derivedSection.miscInfoModule.versionHolder: the registry refresh this version of the record comes from';
comment on column studies.removed_countries is 'derivedSection.miscInfoModule.removedCountries: countries that once had a site and no longer do';
comment on column studies.estimated_results_first_submit_date is 'derivedSection.miscInfoModule.submissionTracking.estimatedResultsFirstSubmitDate: first submission of results still under quality-control review (not yet posted)';
comment on column studies.first_mcp_posted_date is 'derivedSection.miscInfoModule.submissionTracking.firstMcpInfo.postDateStruct.date: when the registry first posted its quality-control review of the results submission (FirstMCPInfo)';
comment on column studies.first_mcp_posted_date_precision is 'day | month | year';
comment on column studies.first_mcp_posted_date_type is 'derivedSection.miscInfoModule.submissionTracking.firstMcpInfo.postDateStruct.type: ACTUAL | ESTIMATED';
comment on column studies.model_min_bmi is 'derivedSection.miscInfoModule.modelPredictions.bmiLimits.minBmi: lowest body mass index eligible, as predicted by the registry''s model from the criteria';
comment on column studies.registry_status is 'listed, or withdrawn_from_registry when a re-check by ID no longer finds the study (its rows are kept); the rows of a merged study move to its canonical ID instead (see registry_removals)';
comment on column studies.registry_status_date is 'When the registry was first seen without the study (NULL while listed)';
comment on column studies.model_max_bmi is 'derivedSection.miscInfoModule.modelPredictions.bmiLimits.maxBmi: highest body mass index eligible, as predicted by the registry''s model';

create table conditions (
    nct_id varchar not null,
    ordinal integer not null,
    name varchar
);
comment on table conditions is 'One row per condition of a study, as entered by the sponsor.';
comment on column conditions.nct_id is 'The study';
comment on column conditions.ordinal is '1-based position in conditionsModule.conditions';
comment on column conditions.name is 'conditionsModule.conditions[]';

create table arms (
    nct_id varchar not null,
    ordinal integer not null,
    label varchar,
    type varchar,
    description varchar
);
comment on table arms is 'One row per arm (group) of a study.';
comment on column arms.nct_id is 'The study';
comment on column arms.ordinal is '1-based position in armsInterventionsModule.armGroups';
comment on column arms.label is 'armGroups[].label';
comment on column arms.type is 'armGroups[].type: EXPERIMENTAL | ACTIVE_COMPARATOR | PLACEBO_COMPARATOR | SHAM_COMPARATOR | NO_INTERVENTION | OTHER';
comment on column arms.description is 'armGroups[].description, markdown escapes undone';

create table interventions (
    nct_id varchar not null,
    ordinal integer not null,
    type varchar,
    name varchar,
    description varchar
);
comment on table interventions is 'One row per intervention of a study (two interventions may share a name; the ordinal tells them apart).';
comment on column interventions.nct_id is 'The study';
comment on column interventions.ordinal is '1-based position in armsInterventionsModule.interventions';
comment on column interventions.type is 'interventions[].type, e.g. DRUG, BIOLOGICAL, PROCEDURE';
comment on column interventions.name is 'interventions[].name';
comment on column interventions.description is 'interventions[].description, markdown escapes undone';

create table arm_interventions (
    nct_id varchar not null,
    arm_ordinal integer not null,
    intervention_ordinal integer not null
);
comment on table arm_interventions is 'One row per (arm, intervention) link of a study, found from interventions[].armGroupLabels or armGroups[].interventionNames ("Type: Name").';
comment on column arm_interventions.nct_id is 'The study';
comment on column arm_interventions.arm_ordinal is 'arms.ordinal';
comment on column arm_interventions.intervention_ordinal is 'interventions.ordinal';

create table unmatched_arm_labels (
    nct_id varchar not null,
    source varchar not null,
    ordinal integer not null,
    label varchar
);
comment on table unmatched_arm_labels is 'One row per arm/intervention label that matched nothing in its study (a registry data-entry inconsistency), kept so no link is lost silently.';
comment on column unmatched_arm_labels.nct_id is 'The study';
comment on column unmatched_arm_labels.source is 'intervention.armGroupLabels (ordinal is the intervention''s) | armGroup.interventionNames (ordinal is the arm''s)';
comment on column unmatched_arm_labels.ordinal is 'Ordinal of the intervention or arm that gave the label';
comment on column unmatched_arm_labels.label is 'The label as the registry gave it';

create table eligibility (
    nct_id varchar primary key,
    sex varchar,
    minimum_age varchar,
    maximum_age varchar,
    minimum_age_years double,
    maximum_age_years double,
    healthy_volunteers boolean,
    std_ages varchar[],
    criteria_text varchar,
    gender_based boolean,
    gender_description varchar,
    study_population varchar,
    sampling_method varchar
);
comment on table eligibility is 'One row per study: who may take part.';
comment on column eligibility.nct_id is 'The study';
comment on column eligibility.sex is 'eligibilityModule.sex: ALL | FEMALE | MALE';
comment on column eligibility.minimum_age is 'eligibilityModule.minimumAge as given, e.g. "18 Years"; NULL when there is no lower limit';
comment on column eligibility.maximum_age is 'eligibilityModule.maximumAge as given, e.g. "75 Years"; NULL when there is no upper limit';
comment on column eligibility.minimum_age_years is 'minimum_age in years (months / 12, weeks * 7 / 365.25, days / 365.25, ...)';
comment on column eligibility.maximum_age_years is 'maximum_age in years';
comment on column eligibility.healthy_volunteers is 'eligibilityModule.healthyVolunteers';
comment on column eligibility.std_ages is 'eligibilityModule.stdAges: CHILD, ADULT, OLDER_ADULT';
comment on column eligibility.criteria_text is 'eligibilityModule.eligibilityCriteria, markdown escapes undone';
comment on column eligibility.gender_based is 'eligibilityModule.genderBased: eligibility is based on gender identity rather than sex';
comment on column eligibility.gender_description is 'eligibilityModule.genderDescription, markdown escapes undone';
comment on column eligibility.study_population is 'eligibilityModule.studyPopulation: who is studied (observational studies), markdown escapes undone';
comment on column eligibility.sampling_method is 'eligibilityModule.samplingMethod: PROBABILITY_SAMPLE | NON_PROBABILITY_SAMPLE (observational studies)';

create table eligibility_criteria (
    nct_id varchar not null,
    section varchar not null,
    ordinal integer not null,
    level integer not null,
    parent_ordinal integer,
    text varchar
);
comment on table eligibility_criteria is 'One row per criterion (list item) of eligibilityModule.eligibilityCriteria.';
comment on column eligibility_criteria.nct_id is 'The study';
comment on column eligibility_criteria.section is 'inclusion | exclusion | other (text outside an inclusion or exclusion heading)';
comment on column eligibility_criteria.ordinal is '1-based position within the section, counting nested items';
comment on column eligibility_criteria.level is '0 for a top-level item, 1 or more for nested bullets';
comment on column eligibility_criteria.parent_ordinal is 'Ordinal of the enclosing item for nested bullets, else NULL';
comment on column eligibility_criteria.text is 'The criterion text without its bullet or number, markdown escapes undone';

comment on column pipeline_runs.run_id is 'Sequential run number';
comment on column pipeline_runs.started_at is 'When the command started (UTC)';
comment on column pipeline_runs.finished_at is 'When it ended (UTC); NULL while running or if the process was killed';
comment on column quarantine.first_seen_at is 'When this text was first rejected (UTC)';
comment on column quarantine.last_seen_at is 'When this text was last received (UTC)';
comment on column pipeline_meta.key is 'Setting name';
comment on column pipeline_meta.value is 'Setting value';

-- 003_results: the results, document and annotation sections of a study record.
-- Group ids (FG000, BG000, OG000, EG000) are kept as given; ordinals are 1-based positions in the
-- registry's arrays. Numbers the registry sends as text come as the number and the *_text as given.

create table study_results (
    nct_id varchar primary key,
    flow_pre_assignment_details varchar,
    flow_recruitment_details varchar,
    flow_type_units_analyzed varchar,
    baseline_population_description varchar,
    baseline_type_units_analyzed varchar,
    ae_frequency_threshold double,
    ae_frequency_threshold_text varchar,
    ae_time_frame varchar,
    ae_description varchar,
    ae_all_cause_mortality_comment varchar,
    limitations_and_caveats varchar,
    is_pi_sponsor_employee boolean,
    agreement_restriction_type varchar,
    has_restrictive_agreement boolean,
    agreement_other_details varchar,
    contact_title varchar,
    contact_organization varchar,
    contact_email varchar,
    contact_phone varchar,
    contact_phone_ext varchar
);
comment on table study_results is 'One row per study with a resultsSection: the fields that belong to a whole results module (participant flow, baseline, adverse events) and moreInfoModule.';
comment on column study_results.nct_id is 'The study';
comment on column study_results.flow_pre_assignment_details is 'resultsSection.participantFlowModule.preAssignmentDetails, markdown escapes undone';
comment on column study_results.flow_recruitment_details is 'resultsSection.participantFlowModule.recruitmentDetails, markdown escapes undone';
comment on column study_results.flow_type_units_analyzed is 'resultsSection.participantFlowModule.typeUnitsAnalyzed: what was counted when not participants, e.g. Clinics';
comment on column study_results.baseline_population_description is 'resultsSection.baselineCharacteristicsModule.populationDescription, markdown escapes undone';
comment on column study_results.baseline_type_units_analyzed is 'resultsSection.baselineCharacteristicsModule.typeUnitsAnalyzed';
comment on column study_results.ae_frequency_threshold is 'resultsSection.adverseEventsModule.frequencyThreshold (percent above which other adverse events are reported) parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column study_results.ae_frequency_threshold_text is 'resultsSection.adverseEventsModule.frequencyThreshold (percent above which other adverse events are reported) exactly as the registry gives it (text in the API)';
comment on column study_results.ae_time_frame is 'resultsSection.adverseEventsModule.timeFrame';
comment on column study_results.ae_description is 'resultsSection.adverseEventsModule.description, markdown escapes undone';
comment on column study_results.ae_all_cause_mortality_comment is 'resultsSection.adverseEventsModule.allCauseMortalityComment, markdown escapes undone';
comment on column study_results.limitations_and_caveats is 'resultsSection.moreInfoModule.limitationsAndCaveats.description, markdown escapes undone';
comment on column study_results.is_pi_sponsor_employee is 'resultsSection.moreInfoModule.certainAgreement.piSponsorEmployee: the principal investigators are sponsor employees';
comment on column study_results.agreement_restriction_type is 'resultsSection.moreInfoModule.certainAgreement.restrictionType: LTE60 | GT60 | OTHER';
comment on column study_results.has_restrictive_agreement is 'resultsSection.moreInfoModule.certainAgreement.restrictiveAgreement: an agreement restricts the PI''s right to discuss or publish results';
comment on column study_results.agreement_other_details is 'resultsSection.moreInfoModule.certainAgreement.otherDetails, markdown escapes undone';
comment on column study_results.contact_title is 'resultsSection.moreInfoModule.pointOfContact.title';
comment on column study_results.contact_organization is 'resultsSection.moreInfoModule.pointOfContact.organization';
comment on column study_results.contact_email is 'resultsSection.moreInfoModule.pointOfContact.email';
comment on column study_results.contact_phone is 'resultsSection.moreInfoModule.pointOfContact.phone';
comment on column study_results.contact_phone_ext is 'resultsSection.moreInfoModule.pointOfContact.phoneExt';

create table flow_groups (
    nct_id varchar not null,
    ordinal integer not null,
    group_id varchar,
    title varchar,
    description varchar
);
comment on table flow_groups is 'One row per participant-flow group (arm as reported in the results) of a study.';
comment on column flow_groups.nct_id is 'The study';
comment on column flow_groups.ordinal is '1-based position in resultsSection.participantFlowModule.groups[]';
comment on column flow_groups.group_id is 'resultsSection.participantFlowModule.groups[].id as given, e.g. FG000';
comment on column flow_groups.title is 'resultsSection.participantFlowModule.groups[].title';
comment on column flow_groups.description is 'resultsSection.participantFlowModule.groups[].description, markdown escapes undone';

create table flow_periods (
    nct_id varchar not null,
    ordinal integer not null,
    title varchar
);
comment on table flow_periods is 'One row per participant-flow period of a study (e.g. Overall Study).';
comment on column flow_periods.nct_id is 'The study';
comment on column flow_periods.ordinal is '1-based position in resultsSection.participantFlowModule.periods[]';
comment on column flow_periods.title is 'resultsSection.participantFlowModule.periods[].title';

create table flow_milestones (
    nct_id varchar not null,
    period_ordinal integer not null,
    ordinal integer not null,
    type varchar,
    comment varchar
);
comment on table flow_milestones is 'One row per milestone of a participant-flow period (STARTED, COMPLETED, NOT COMPLETED or the sponsor''s own).';
comment on column flow_milestones.nct_id is 'The study';
comment on column flow_milestones.period_ordinal is 'flow_periods.ordinal';
comment on column flow_milestones.ordinal is '1-based position in periods[].milestones[]';
comment on column flow_milestones.type is 'resultsSection.participantFlowModule.periods[].milestones[].type, e.g. STARTED, COMPLETED';
comment on column flow_milestones.comment is 'resultsSection.participantFlowModule.periods[].milestones[].comment, markdown escapes undone';

create table flow_milestone_counts (
    nct_id varchar not null,
    period_ordinal integer not null,
    milestone_ordinal integer not null,
    ordinal integer not null,
    group_id varchar,
    num_subjects bigint,
    num_subjects_text varchar,
    num_units bigint,
    num_units_text varchar,
    comment varchar
);
comment on table flow_milestone_counts is 'One row per (milestone, flow group) count: how many participants (and units) reached the milestone in the group.';
comment on column flow_milestone_counts.nct_id is 'The study';
comment on column flow_milestone_counts.period_ordinal is 'flow_periods.ordinal';
comment on column flow_milestone_counts.milestone_ordinal is 'flow_milestones.ordinal';
comment on column flow_milestone_counts.ordinal is '1-based position in milestones[].achievements[]';
comment on column flow_milestone_counts.group_id is 'resultsSection.participantFlowModule.periods[].milestones[].achievements[].groupId (flow_groups.group_id)';
comment on column flow_milestone_counts.num_subjects is 'resultsSection.participantFlowModule.periods[].milestones[].achievements[].numSubjects parsed as a whole number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column flow_milestone_counts.num_subjects_text is 'resultsSection.participantFlowModule.periods[].milestones[].achievements[].numSubjects exactly as the registry gives it (text in the API)';
comment on column flow_milestone_counts.num_units is 'resultsSection.participantFlowModule.periods[].milestones[].achievements[].numUnits (when units other than participants are analyzed) parsed as a whole number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column flow_milestone_counts.num_units_text is 'resultsSection.participantFlowModule.periods[].milestones[].achievements[].numUnits (when units other than participants are analyzed) exactly as the registry gives it (text in the API)';
comment on column flow_milestone_counts.comment is 'resultsSection.participantFlowModule.periods[].milestones[].achievements[].comment, markdown escapes undone';

create table flow_drop_withdraws (
    nct_id varchar not null,
    period_ordinal integer not null,
    ordinal integer not null,
    type varchar,
    comment varchar
);
comment on table flow_drop_withdraws is 'One row per reason for not completing a participant-flow period (e.g. Lost to Follow-up).';
comment on column flow_drop_withdraws.nct_id is 'The study';
comment on column flow_drop_withdraws.period_ordinal is 'flow_periods.ordinal';
comment on column flow_drop_withdraws.ordinal is '1-based position in periods[].dropWithdraws[]';
comment on column flow_drop_withdraws.type is 'resultsSection.participantFlowModule.periods[].dropWithdraws[].type, e.g. Withdrawal by Subject';
comment on column flow_drop_withdraws.comment is 'resultsSection.participantFlowModule.periods[].dropWithdraws[].comment, markdown escapes undone';

create table flow_drop_withdraw_counts (
    nct_id varchar not null,
    period_ordinal integer not null,
    drop_withdraw_ordinal integer not null,
    ordinal integer not null,
    group_id varchar,
    num_subjects bigint,
    num_subjects_text varchar,
    num_units bigint,
    num_units_text varchar,
    comment varchar
);
comment on table flow_drop_withdraw_counts is 'One row per (drop/withdraw reason, flow group) count of participants.';
comment on column flow_drop_withdraw_counts.nct_id is 'The study';
comment on column flow_drop_withdraw_counts.period_ordinal is 'flow_periods.ordinal';
comment on column flow_drop_withdraw_counts.drop_withdraw_ordinal is 'flow_drop_withdraws.ordinal';
comment on column flow_drop_withdraw_counts.ordinal is '1-based position in dropWithdraws[].reasons[]';
comment on column flow_drop_withdraw_counts.group_id is 'resultsSection.participantFlowModule.periods[].dropWithdraws[].reasons[].groupId (flow_groups.group_id)';
comment on column flow_drop_withdraw_counts.num_subjects is 'resultsSection.participantFlowModule.periods[].dropWithdraws[].reasons[].numSubjects parsed as a whole number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column flow_drop_withdraw_counts.num_subjects_text is 'resultsSection.participantFlowModule.periods[].dropWithdraws[].reasons[].numSubjects exactly as the registry gives it (text in the API)';
comment on column flow_drop_withdraw_counts.num_units is 'resultsSection.participantFlowModule.periods[].dropWithdraws[].reasons[].numUnits parsed as a whole number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column flow_drop_withdraw_counts.num_units_text is 'resultsSection.participantFlowModule.periods[].dropWithdraws[].reasons[].numUnits exactly as the registry gives it (text in the API)';
comment on column flow_drop_withdraw_counts.comment is 'resultsSection.participantFlowModule.periods[].dropWithdraws[].reasons[].comment, markdown escapes undone';

create table baseline_groups (
    nct_id varchar not null,
    ordinal integer not null,
    group_id varchar,
    title varchar,
    description varchar
);
comment on table baseline_groups is 'One row per baseline group of a study (the arms, often plus a Total group).';
comment on column baseline_groups.nct_id is 'The study';
comment on column baseline_groups.ordinal is '1-based position in resultsSection.baselineCharacteristicsModule.groups[]';
comment on column baseline_groups.group_id is 'resultsSection.baselineCharacteristicsModule.groups[].id as given, e.g. BG000';
comment on column baseline_groups.title is 'resultsSection.baselineCharacteristicsModule.groups[].title';
comment on column baseline_groups.description is 'resultsSection.baselineCharacteristicsModule.groups[].description, markdown escapes undone';

create table baseline_measures (
    nct_id varchar not null,
    ordinal integer not null,
    title varchar,
    description varchar,
    population_description varchar,
    param_type varchar,
    dispersion_type varchar,
    unit_of_measure varchar,
    is_pct_calculated boolean,
    denom_units_selected varchar
);
comment on table baseline_measures is 'One row per baseline measure of a study (e.g. Age, Sex, Region of Enrollment).';
comment on column baseline_measures.nct_id is 'The study';
comment on column baseline_measures.ordinal is '1-based position in resultsSection.baselineCharacteristicsModule.measures[]';
comment on column baseline_measures.title is 'resultsSection.baselineCharacteristicsModule.measures[].title';
comment on column baseline_measures.description is 'resultsSection.baselineCharacteristicsModule.measures[].description, markdown escapes undone';
comment on column baseline_measures.population_description is 'resultsSection.baselineCharacteristicsModule.measures[].populationDescription, markdown escapes undone';
comment on column baseline_measures.param_type is 'resultsSection.baselineCharacteristicsModule.measures[].paramType, e.g. MEAN, MEDIAN, COUNT_OF_PARTICIPANTS, NUMBER';
comment on column baseline_measures.dispersion_type is 'resultsSection.baselineCharacteristicsModule.measures[].dispersionType, e.g. STANDARD_DEVIATION, FULL_RANGE, INTER_QUARTILE_RANGE';
comment on column baseline_measures.unit_of_measure is 'resultsSection.baselineCharacteristicsModule.measures[].unitOfMeasure, e.g. years, Participants';
comment on column baseline_measures.is_pct_calculated is 'resultsSection.baselineCharacteristicsModule.measures[].calculatePct: the registry computes percentages for the counts';
comment on column baseline_measures.denom_units_selected is 'resultsSection.baselineCharacteristicsModule.measures[].denomUnitsSelected: the denominator units the values refer to';

create table baseline_classes (
    nct_id varchar not null,
    measure_ordinal integer not null,
    ordinal integer not null,
    title varchar
);
comment on table baseline_classes is 'One row per class (row group) of a baseline measure; a measure without classes in the registry''s table has one untitled class.';
comment on column baseline_classes.nct_id is 'The study';
comment on column baseline_classes.measure_ordinal is 'baseline_measures.ordinal';
comment on column baseline_classes.ordinal is '1-based position in measures[].classes[]';
comment on column baseline_classes.title is 'resultsSection.baselineCharacteristicsModule.measures[].classes[].title';

create table baseline_categories (
    nct_id varchar not null,
    measure_ordinal integer not null,
    class_ordinal integer not null,
    ordinal integer not null,
    title varchar
);
comment on table baseline_categories is 'One row per category of a baseline measure class (e.g. Female, Male; often one untitled).';
comment on column baseline_categories.nct_id is 'The study';
comment on column baseline_categories.measure_ordinal is 'baseline_measures.ordinal';
comment on column baseline_categories.class_ordinal is 'baseline_classes.ordinal';
comment on column baseline_categories.ordinal is '1-based position in classes[].categories[]';
comment on column baseline_categories.title is 'resultsSection.baselineCharacteristicsModule.measures[].classes[].categories[].title';

create table baseline_measurements (
    nct_id varchar not null,
    measure_ordinal integer not null,
    class_ordinal integer not null,
    category_ordinal integer not null,
    ordinal integer not null,
    group_id varchar,
    value double,
    value_text varchar,
    spread double,
    spread_text varchar,
    lower_limit double,
    lower_limit_text varchar,
    upper_limit double,
    upper_limit_text varchar,
    comment varchar
);
comment on table baseline_measurements is 'One row per baseline value: (measure, class, category, baseline group).';
comment on column baseline_measurements.nct_id is 'The study';
comment on column baseline_measurements.measure_ordinal is 'baseline_measures.ordinal';
comment on column baseline_measurements.class_ordinal is 'baseline_classes.ordinal';
comment on column baseline_measurements.category_ordinal is 'baseline_categories.ordinal';
comment on column baseline_measurements.ordinal is '1-based position in the category''s measurements[]';
comment on column baseline_measurements.group_id is 'resultsSection.baselineCharacteristicsModule.measures[].classes[].categories[].measurements[].groupId';
comment on column baseline_measurements.value is 'resultsSection.baselineCharacteristicsModule.measures[].classes[].categories[].measurements[].value parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column baseline_measurements.value_text is 'resultsSection.baselineCharacteristicsModule.measures[].classes[].categories[].measurements[].value exactly as the registry gives it (text in the API)';
comment on column baseline_measurements.spread is 'resultsSection.baselineCharacteristicsModule.measures[].classes[].categories[].measurements[].spread (SD, IQR, ... per the measure''s dispersion_type) parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column baseline_measurements.spread_text is 'resultsSection.baselineCharacteristicsModule.measures[].classes[].categories[].measurements[].spread (SD, IQR, ... per the measure''s dispersion_type) exactly as the registry gives it (text in the API)';
comment on column baseline_measurements.lower_limit is 'resultsSection.baselineCharacteristicsModule.measures[].classes[].categories[].measurements[].lowerLimit parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column baseline_measurements.lower_limit_text is 'resultsSection.baselineCharacteristicsModule.measures[].classes[].categories[].measurements[].lowerLimit exactly as the registry gives it (text in the API)';
comment on column baseline_measurements.upper_limit is 'resultsSection.baselineCharacteristicsModule.measures[].classes[].categories[].measurements[].upperLimit parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column baseline_measurements.upper_limit_text is 'resultsSection.baselineCharacteristicsModule.measures[].classes[].categories[].measurements[].upperLimit exactly as the registry gives it (text in the API)';
comment on column baseline_measurements.comment is 'resultsSection.baselineCharacteristicsModule.measures[].classes[].categories[].measurements[].comment (e.g. why a value is NA), markdown escapes undone';

create table baseline_denom_counts (
    nct_id varchar not null,
    measure_ordinal integer,
    class_ordinal integer,
    denom_ordinal integer not null,
    units varchar,
    ordinal integer not null,
    group_id varchar,
    count bigint,
    count_text varchar
);
comment on table baseline_denom_counts is 'One row per baseline denominator count: units analyzed (e.g. Participants) per baseline group, for the whole module, a measure or a class.';
comment on column baseline_denom_counts.nct_id is 'The study';
comment on column baseline_denom_counts.measure_ordinal is 'baseline_measures.ordinal; NULL for the module''s own resultsSection.baselineCharacteristicsModule.denoms[] (participants per group)';
comment on column baseline_denom_counts.class_ordinal is '1-based position of the class whose denoms[] this is; NULL for the measure''s (or module''s) own denoms[]';
comment on column baseline_denom_counts.denom_ordinal is '1-based position in the denoms[] array';
comment on column baseline_denom_counts.units is 'resultsSection.baselineCharacteristicsModule.[measures[].[classes[].]]denoms[].units, e.g. Participants';
comment on column baseline_denom_counts.ordinal is '1-based position in denoms[].counts[]';
comment on column baseline_denom_counts.group_id is 'resultsSection.baselineCharacteristicsModule.[measures[].[classes[].]]denoms[].counts[].groupId';
comment on column baseline_denom_counts.count is 'resultsSection.baselineCharacteristicsModule.[measures[].[classes[].]]denoms[].counts[].value parsed as a whole number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column baseline_denom_counts.count_text is 'resultsSection.baselineCharacteristicsModule.[measures[].[classes[].]]denoms[].counts[].value exactly as the registry gives it (text in the API)';

create table outcome_measures (
    nct_id varchar not null,
    ordinal integer not null,
    type varchar,
    title varchar,
    description varchar,
    population_description varchar,
    reporting_status varchar,
    anticipated_posting_date date,
    anticipated_posting_date_precision varchar,
    param_type varchar,
    dispersion_type varchar,
    unit_of_measure varchar,
    is_pct_calculated boolean,
    time_frame varchar,
    type_units_analyzed varchar,
    denom_units_selected varchar
);
comment on table outcome_measures is 'One row per outcome measure reported in the results of a study (primary, secondary, other pre-specified or post-hoc).';
comment on column outcome_measures.nct_id is 'The study';
comment on column outcome_measures.ordinal is '1-based position in resultsSection.outcomeMeasuresModule.outcomeMeasures[]';
comment on column outcome_measures.type is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].type: PRIMARY | SECONDARY | OTHER_PRE_SPECIFIED | POST_HOC';
comment on column outcome_measures.title is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].title';
comment on column outcome_measures.description is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].description, markdown escapes undone';
comment on column outcome_measures.population_description is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].populationDescription, markdown escapes undone';
comment on column outcome_measures.reporting_status is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].reportingStatus: POSTED | NOT_POSTED';
comment on column outcome_measures.anticipated_posting_date is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].anticipatedPostingDate for a NOT_POSTED measure (first day of the period when partial)';
comment on column outcome_measures.anticipated_posting_date_precision is 'day | month | year';
comment on column outcome_measures.param_type is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].paramType, e.g. MEAN, COUNT_OF_PARTICIPANTS, LEAST_SQUARES_MEAN';
comment on column outcome_measures.dispersion_type is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].dispersionType as given, e.g. Standard Deviation, 95% Confidence Interval';
comment on column outcome_measures.unit_of_measure is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].unitOfMeasure';
comment on column outcome_measures.is_pct_calculated is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].calculatePct: the registry computes percentages for the counts';
comment on column outcome_measures.time_frame is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].timeFrame';
comment on column outcome_measures.type_units_analyzed is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].typeUnitsAnalyzed';
comment on column outcome_measures.denom_units_selected is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].denomUnitsSelected';

create table outcome_groups (
    nct_id varchar not null,
    outcome_ordinal integer not null,
    ordinal integer not null,
    group_id varchar,
    title varchar,
    description varchar
);
comment on table outcome_groups is 'One row per group of an outcome measure (each measure has its own groups, OG000 ...).';
comment on column outcome_groups.nct_id is 'The study';
comment on column outcome_groups.outcome_ordinal is 'outcome_measures.ordinal';
comment on column outcome_groups.ordinal is '1-based position in resultsSection.outcomeMeasuresModule.outcomeMeasures[].groups[]';
comment on column outcome_groups.group_id is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].groups[].id as given, e.g. OG000';
comment on column outcome_groups.title is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].groups[].title';
comment on column outcome_groups.description is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].groups[].description, markdown escapes undone';

create table outcome_classes (
    nct_id varchar not null,
    outcome_ordinal integer not null,
    ordinal integer not null,
    title varchar
);
comment on table outcome_classes is 'One row per class (row group) of an outcome measure; often one untitled class.';
comment on column outcome_classes.nct_id is 'The study';
comment on column outcome_classes.outcome_ordinal is 'outcome_measures.ordinal';
comment on column outcome_classes.ordinal is '1-based position in outcomeMeasures[].classes[]';
comment on column outcome_classes.title is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].classes[].title';

create table outcome_categories (
    nct_id varchar not null,
    outcome_ordinal integer not null,
    class_ordinal integer not null,
    ordinal integer not null,
    title varchar
);
comment on table outcome_categories is 'One row per category of an outcome measure class (often one untitled).';
comment on column outcome_categories.nct_id is 'The study';
comment on column outcome_categories.outcome_ordinal is 'outcome_measures.ordinal';
comment on column outcome_categories.class_ordinal is 'outcome_classes.ordinal';
comment on column outcome_categories.ordinal is '1-based position in classes[].categories[]';
comment on column outcome_categories.title is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].classes[].categories[].title';

create table outcome_measurements (
    nct_id varchar not null,
    outcome_ordinal integer not null,
    class_ordinal integer not null,
    category_ordinal integer not null,
    ordinal integer not null,
    group_id varchar,
    value double,
    value_text varchar,
    spread double,
    spread_text varchar,
    lower_limit double,
    lower_limit_text varchar,
    upper_limit double,
    upper_limit_text varchar,
    comment varchar
);
comment on table outcome_measurements is 'One row per outcome value: (outcome measure, class, category, outcome group).';
comment on column outcome_measurements.nct_id is 'The study';
comment on column outcome_measurements.outcome_ordinal is 'outcome_measures.ordinal';
comment on column outcome_measurements.class_ordinal is 'outcome_classes.ordinal';
comment on column outcome_measurements.category_ordinal is 'outcome_categories.ordinal';
comment on column outcome_measurements.ordinal is '1-based position in the category''s measurements[]';
comment on column outcome_measurements.group_id is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].classes[].categories[].measurements[].groupId';
comment on column outcome_measurements.value is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].classes[].categories[].measurements[].value parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column outcome_measurements.value_text is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].classes[].categories[].measurements[].value exactly as the registry gives it (text in the API)';
comment on column outcome_measurements.spread is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].classes[].categories[].measurements[].spread (SD, IQR, ... per the measure''s dispersion_type) parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column outcome_measurements.spread_text is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].classes[].categories[].measurements[].spread (SD, IQR, ... per the measure''s dispersion_type) exactly as the registry gives it (text in the API)';
comment on column outcome_measurements.lower_limit is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].classes[].categories[].measurements[].lowerLimit parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column outcome_measurements.lower_limit_text is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].classes[].categories[].measurements[].lowerLimit exactly as the registry gives it (text in the API)';
comment on column outcome_measurements.upper_limit is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].classes[].categories[].measurements[].upperLimit parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column outcome_measurements.upper_limit_text is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].classes[].categories[].measurements[].upperLimit exactly as the registry gives it (text in the API)';
comment on column outcome_measurements.comment is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].classes[].categories[].measurements[].comment (e.g. why a value is NA), markdown escapes undone';

create table outcome_denom_counts (
    nct_id varchar not null,
    outcome_ordinal integer not null,
    class_ordinal integer,
    denom_ordinal integer not null,
    units varchar,
    ordinal integer not null,
    group_id varchar,
    count bigint,
    count_text varchar
);
comment on table outcome_denom_counts is 'One row per outcome denominator count: units analyzed (e.g. Participants) per outcome group, for a measure or one of its classes.';
comment on column outcome_denom_counts.nct_id is 'The study';
comment on column outcome_denom_counts.outcome_ordinal is 'outcome_measures.ordinal';
comment on column outcome_denom_counts.class_ordinal is 'outcome_classes.ordinal whose denoms[] this is; NULL for resultsSection.outcomeMeasuresModule.outcomeMeasures[].denoms[]';
comment on column outcome_denom_counts.denom_ordinal is '1-based position in the denoms[] array';
comment on column outcome_denom_counts.units is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].[classes[].]denoms[].units, e.g. Participants';
comment on column outcome_denom_counts.ordinal is '1-based position in denoms[].counts[]';
comment on column outcome_denom_counts.group_id is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].[classes[].]denoms[].counts[].groupId';
comment on column outcome_denom_counts.count is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].[classes[].]denoms[].counts[].value parsed as a whole number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column outcome_denom_counts.count_text is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].[classes[].]denoms[].counts[].value exactly as the registry gives it (text in the API)';

create table outcome_analyses (
    nct_id varchar not null,
    outcome_ordinal integer not null,
    ordinal integer not null,
    group_ids varchar[],
    group_description varchar,
    param_type varchar,
    param_value double,
    param_value_text varchar,
    dispersion_type varchar,
    dispersion_value double,
    dispersion_value_text varchar,
    statistical_method varchar,
    statistical_comment varchar,
    p_value double,
    p_value_operator varchar,
    p_value_text varchar,
    p_value_comment varchar,
    ci_num_sides varchar,
    ci_pct_value double,
    ci_pct_value_text varchar,
    ci_lower_limit double,
    ci_lower_limit_text varchar,
    ci_upper_limit double,
    ci_upper_limit_text varchar,
    ci_lower_limit_comment varchar,
    ci_upper_limit_comment varchar,
    estimate_comment varchar,
    is_non_inferiority_tested boolean,
    non_inferiority_type varchar,
    non_inferiority_comment varchar,
    other_analysis_description varchar
);
comment on table outcome_analyses is 'One row per statistical analysis of an outcome measure.';
comment on column outcome_analyses.nct_id is 'The study';
comment on column outcome_analyses.outcome_ordinal is 'outcome_measures.ordinal';
comment on column outcome_analyses.ordinal is '1-based position in outcomeMeasures[].analyses[]';
comment on column outcome_analyses.group_ids is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].groupIds: the outcome_groups.group_id values compared';
comment on column outcome_analyses.group_description is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].groupDescription, markdown escapes undone';
comment on column outcome_analyses.param_type is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].paramType: the estimated parameter, e.g. Hazard Ratio (HR), Mean Difference (Final Values)';
comment on column outcome_analyses.param_value is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].paramValue (the estimate) parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column outcome_analyses.param_value_text is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].paramValue (the estimate) exactly as the registry gives it (text in the API)';
comment on column outcome_analyses.dispersion_type is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].dispersionType: STANDARD_DEVIATION | STANDARD_ERROR_OF_MEAN';
comment on column outcome_analyses.dispersion_value is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].dispersionValue parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column outcome_analyses.dispersion_value_text is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].dispersionValue exactly as the registry gives it (text in the API)';
comment on column outcome_analyses.statistical_method is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].statisticalMethod, e.g. ANCOVA, Log Rank';
comment on column outcome_analyses.statistical_comment is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].statisticalComment, markdown escapes undone';
comment on column outcome_analyses.p_value is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].pValue as a number without its comparison: "<0.001" gives 0.001 (see p_value_operator); NULL when not a number';
comment on column outcome_analyses.p_value_operator is 'The comparison in front of pValue: < | <= | > | >= | = (≤ and ≥ written <= and >=); NULL when none was given or p_value is NULL';
comment on column outcome_analyses.p_value_text is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].pValue exactly as the registry gives it, e.g. 0.03, <0.001';
comment on column outcome_analyses.p_value_comment is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].pValueComment, markdown escapes undone';
comment on column outcome_analyses.ci_num_sides is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].ciNumSides: ONE_SIDED | TWO_SIDED';
comment on column outcome_analyses.ci_pct_value is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].ciPctValue (confidence level in percent, e.g. 95) parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column outcome_analyses.ci_pct_value_text is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].ciPctValue (confidence level in percent, e.g. 95) exactly as the registry gives it (text in the API)';
comment on column outcome_analyses.ci_lower_limit is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].ciLowerLimit parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column outcome_analyses.ci_lower_limit_text is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].ciLowerLimit exactly as the registry gives it (text in the API)';
comment on column outcome_analyses.ci_upper_limit is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].ciUpperLimit parsed as a number (thousands commas allowed: "26,300" is 26300); NULL when the text is not one, e.g. NA or <0.001 (see the _text column)';
comment on column outcome_analyses.ci_upper_limit_text is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].ciUpperLimit exactly as the registry gives it (text in the API)';
comment on column outcome_analyses.ci_lower_limit_comment is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].ciLowerLimitComment, markdown escapes undone';
comment on column outcome_analyses.ci_upper_limit_comment is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].ciUpperLimitComment, markdown escapes undone';
comment on column outcome_analyses.estimate_comment is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].estimateComment, markdown escapes undone';
comment on column outcome_analyses.is_non_inferiority_tested is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].testedNonInferiority';
comment on column outcome_analyses.non_inferiority_type is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].nonInferiorityType, e.g. SUPERIORITY, NON_INFERIORITY, EQUIVALENCE, OTHER';
comment on column outcome_analyses.non_inferiority_comment is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].nonInferiorityComment, markdown escapes undone';
comment on column outcome_analyses.other_analysis_description is 'resultsSection.outcomeMeasuresModule.outcomeMeasures[].analyses[].otherAnalysisDescription, markdown escapes undone';

create table adverse_event_groups (
    nct_id varchar not null,
    ordinal integer not null,
    group_id varchar,
    title varchar,
    description varchar,
    deaths_num_affected bigint,
    deaths_num_at_risk bigint,
    serious_num_affected bigint,
    serious_num_at_risk bigint,
    other_num_affected bigint,
    other_num_at_risk bigint
);
comment on table adverse_event_groups is 'One row per adverse-event group of a study, with its deaths, serious and other adverse-event totals.';
comment on column adverse_event_groups.nct_id is 'The study';
comment on column adverse_event_groups.ordinal is '1-based position in resultsSection.adverseEventsModule.eventGroups[]';
comment on column adverse_event_groups.group_id is 'resultsSection.adverseEventsModule.eventGroups[].id as given, e.g. EG000';
comment on column adverse_event_groups.title is 'resultsSection.adverseEventsModule.eventGroups[].title';
comment on column adverse_event_groups.description is 'resultsSection.adverseEventsModule.eventGroups[].description, markdown escapes undone';
comment on column adverse_event_groups.deaths_num_affected is 'resultsSection.adverseEventsModule.eventGroups[].deathsNumAffected: participants who died (all causes)';
comment on column adverse_event_groups.deaths_num_at_risk is 'resultsSection.adverseEventsModule.eventGroups[].deathsNumAtRisk: participants at risk';
comment on column adverse_event_groups.serious_num_affected is 'resultsSection.adverseEventsModule.eventGroups[].seriousNumAffected: participants with a serious adverse event';
comment on column adverse_event_groups.serious_num_at_risk is 'resultsSection.adverseEventsModule.eventGroups[].seriousNumAtRisk: participants at risk';
comment on column adverse_event_groups.other_num_affected is 'resultsSection.adverseEventsModule.eventGroups[].otherNumAffected: participants with an other (non-serious) adverse event above the frequency threshold';
comment on column adverse_event_groups.other_num_at_risk is 'resultsSection.adverseEventsModule.eventGroups[].otherNumAtRisk: participants at risk';

create table adverse_events (
    nct_id varchar not null,
    kind varchar not null,
    ordinal integer not null,
    term varchar,
    organ_system varchar,
    source_vocabulary varchar,
    assessment_type varchar,
    notes varchar
);
comment on table adverse_events is 'One row per adverse-event term reported by a study, serious and other (non-serious) in one table.';
comment on column adverse_events.nct_id is 'The study';
comment on column adverse_events.kind is 'serious (from seriousEvents[]) | other (from otherEvents[])';
comment on column adverse_events.ordinal is '1-based position in seriousEvents[] or otherEvents[] (per kind)';
comment on column adverse_events.term is 'resultsSection.adverseEventsModule.seriousEvents[]|otherEvents[].term';
comment on column adverse_events.organ_system is 'resultsSection.adverseEventsModule.seriousEvents[]|otherEvents[].organSystem (MedDRA system organ class)';
comment on column adverse_events.source_vocabulary is 'resultsSection.adverseEventsModule.seriousEvents[]|otherEvents[].sourceVocabulary, e.g. MedDRA 23.1';
comment on column adverse_events.assessment_type is 'resultsSection.adverseEventsModule.seriousEvents[]|otherEvents[].assessmentType: SYSTEMATIC_ASSESSMENT | NON_SYSTEMATIC_ASSESSMENT';
comment on column adverse_events.notes is 'resultsSection.adverseEventsModule.seriousEvents[]|otherEvents[].notes, markdown escapes undone';

create table adverse_event_counts (
    nct_id varchar not null,
    kind varchar not null,
    event_ordinal integer not null,
    ordinal integer not null,
    group_id varchar,
    num_events bigint,
    num_affected bigint,
    num_at_risk bigint
);
comment on table adverse_event_counts is 'One row per (adverse-event term, adverse-event group): events, participants affected and at risk.';
comment on column adverse_event_counts.nct_id is 'The study';
comment on column adverse_event_counts.kind is 'serious | other (adverse_events.kind)';
comment on column adverse_event_counts.event_ordinal is 'adverse_events.ordinal';
comment on column adverse_event_counts.ordinal is '1-based position in the event''s stats[]';
comment on column adverse_event_counts.group_id is 'resultsSection.adverseEventsModule.seriousEvents[]|otherEvents[].stats[].groupId (adverse_event_groups.group_id)';
comment on column adverse_event_counts.num_events is 'resultsSection.adverseEventsModule.seriousEvents[]|otherEvents[].stats[].numEvents: number of events (NULL when not reported)';
comment on column adverse_event_counts.num_affected is 'resultsSection.adverseEventsModule.seriousEvents[]|otherEvents[].stats[].numAffected: participants with the event';
comment on column adverse_event_counts.num_at_risk is 'resultsSection.adverseEventsModule.seriousEvents[]|otherEvents[].stats[].numAtRisk: participants at risk';

create table document_sections (
    nct_id varchar primary key,
    has_no_sap boolean
);
comment on table document_sections is 'One row per study with a documentSection.largeDocumentModule.';
comment on column document_sections.nct_id is 'The study';
comment on column document_sections.has_no_sap is 'documentSection.largeDocumentModule.noSap: the sponsor states there is no statistical analysis plan to upload';

create table documents (
    nct_id varchar not null,
    ordinal integer not null,
    type_abbrev varchar,
    has_protocol boolean,
    has_sap boolean,
    has_icf boolean,
    label varchar,
    document_date date,
    uploaded_at timestamp,
    filename varchar,
    size_bytes bigint,
    url varchar
);
comment on table documents is 'One row per document uploaded to a study (protocol, statistical analysis plan, informed consent form).';
comment on column documents.nct_id is 'The study';
comment on column documents.ordinal is '1-based position in documentSection.largeDocumentModule.largeDocs[]';
comment on column documents.type_abbrev is 'documentSection.largeDocumentModule.largeDocs[].typeAbbrev, e.g. Prot, SAP, ICF, Prot_SAP, Prot_SAP_ICF';
comment on column documents.has_protocol is 'documentSection.largeDocumentModule.largeDocs[].hasProtocol';
comment on column documents.has_sap is 'documentSection.largeDocumentModule.largeDocs[].hasSap';
comment on column documents.has_icf is 'documentSection.largeDocumentModule.largeDocs[].hasIcf';
comment on column documents.label is 'documentSection.largeDocumentModule.largeDocs[].label';
comment on column documents.document_date is 'documentSection.largeDocumentModule.largeDocs[].date (the date on the document)';
comment on column documents.uploaded_at is 'documentSection.largeDocumentModule.largeDocs[].uploadDate (registry time, to the minute, no zone)';
comment on column documents.filename is 'documentSection.largeDocumentModule.largeDocs[].filename';
comment on column documents.size_bytes is 'documentSection.largeDocumentModule.largeDocs[].size in bytes';
comment on column documents.url is 'Where the registry serves the file: https://cdn.clinicaltrials.gov/large-docs/<last 2 digits of nct_id>/<nct_id>/<filename> (derived)';

create table unposted_annotations (
    nct_id varchar primary key,
    responsible_party varchar
);
comment on table unposted_annotations is 'One row per study with an annotationSection.annotationModule.unpostedAnnotation (results submitted but not posted).';
comment on column unposted_annotations.nct_id is 'The study';
comment on column unposted_annotations.responsible_party is 'annotationSection.annotationModule.unpostedAnnotation.unpostedResponsibleParty';

create table unposted_events (
    nct_id varchar not null,
    ordinal integer not null,
    type varchar,
    event_date date,
    is_date_unknown boolean
);
comment on table unposted_events is 'One row per event in the history of results submitted but not yet posted (submission, QC reset, release).';
comment on column unposted_events.nct_id is 'The study';
comment on column unposted_events.ordinal is '1-based position in annotationSection.annotationModule.unpostedAnnotation.unpostedEvents[]';
comment on column unposted_events.type is 'annotationSection.annotationModule.unpostedAnnotation.unpostedEvents[].type: RELEASE | RESET | UNRELEASE';
comment on column unposted_events.event_date is 'annotationSection.annotationModule.unpostedAnnotation.unpostedEvents[].date';
comment on column unposted_events.is_date_unknown is 'annotationSection.annotationModule.unpostedAnnotation.unpostedEvents[].dateUnknown';

create table violation_events (
    nct_id varchar not null,
    ordinal integer not null,
    type varchar,
    description varchar,
    creation_date date,
    issued_date date,
    release_date date,
    posted_date date
);
comment on table violation_events is 'One row per FDAAA reporting violation event the registry recorded for a study.';
comment on column violation_events.nct_id is 'The study';
comment on column violation_events.ordinal is '1-based position in annotationSection.annotationModule.violationAnnotation.violationEvents[]';
comment on column violation_events.type is 'annotationSection.annotationModule.violationAnnotation.violationEvents[].type, e.g. VIOLATION_IDENTIFIED, CORRECTION_CONFIRMED, PENALTY_IMPOSED';
comment on column violation_events.description is 'annotationSection.annotationModule.violationAnnotation.violationEvents[].description';
comment on column violation_events.creation_date is 'annotationSection.annotationModule.violationAnnotation.violationEvents[].creationDate';
comment on column violation_events.issued_date is 'annotationSection.annotationModule.violationAnnotation.violationEvents[].issuedDate';
comment on column violation_events.release_date is 'annotationSection.annotationModule.violationAnnotation.violationEvents[].releaseDate';
comment on column violation_events.posted_date is 'annotationSection.annotationModule.violationAnnotation.violationEvents[].postedDate';

-- 005_extracted: facts read out of registry free text by pipeline/extract (rules, no model).
-- Precision first: a text the rules cannot read with confidence gives no row, never a guess.
-- Each row keeps the words it was read from (span); markdown escapes are undone there.

create table criterion_thresholds (
    nct_id varchar not null,
    section varchar not null,
    criterion_ordinal integer not null,
    ordinal integer not null,
    measure varchar not null,
    operator varchar not null,
    value double not null,
    value_max double,
    unit varchar,
    span varchar
);
comment on table criterion_thresholds is 'One row per numeric constraint on a vocabulary measure found in an eligibility criterion (pipeline.extract.thresholds), as the criterion states it: an exclusion "BMI < 18.5" is operator < 18.5 in section exclusion. The view eligible_ranges turns the rows into the range a patient must fall in.';
comment on column criterion_thresholds.nct_id is 'The study';
comment on column criterion_thresholds.section is 'inclusion | exclusion | other: the section of the criterion (eligibility_criteria.section)';
comment on column criterion_thresholds.criterion_ordinal is 'eligibility_criteria.ordinal of the criterion within its section';
comment on column criterion_thresholds.ordinal is '1-based position of the constraint within its criterion';
comment on column criterion_thresholds.measure is 'age | bmi | weight | fvc (percent predicted) | svc | alsfrs_r (total score) | alsfrs_r_slope | disease_duration (since symptom onset or diagnosis) | ecog | karnofsky | hemoglobin | platelets | neutrophils | wbc | creatinine | creatinine_clearance | egfr | alt | ast | bilirubin | inr | qtc | lvef | hba1c (pipeline.extract.thresholds.MEASURES)';
comment on column criterion_thresholds.operator is '> | >= | < | <= | = | between (value to value_max, inclusive), exactly as the criterion states it, never inverted for exclusions';
comment on column criterion_thresholds.value is 'The number (the lower end for between), in unit';
comment on column criterion_thresholds.value_max is 'The upper end for between, else NULL';
comment on column criterion_thresholds.unit is 'Normalized unit: years, months, weeks, days, %, kg/m2, kg, lb, x ULN, 10^9/L, g/dL, mg/dL, umol/L, mmol/L, mL/min, mL/min/1.73m2, ms, points, points/month, ... (cells per uL are converted to 10^9/L, g/L haemoglobin to g/dL); NULL when the criterion states none and the measure has no single natural unit (INR)';
comment on column criterion_thresholds.span is 'The words of the criterion the constraint was read from';

create table intervention_doses (
    nct_id varchar not null,
    arm_ordinal integer,
    intervention_ordinal integer,
    ordinal integer not null,
    source varchar not null,
    value double,
    value_max double,
    unit varchar,
    per varchar,
    number_of_doses integer,
    interval varchar,
    route varchar,
    span varchar
);
comment on table intervention_doses is 'One row per dose (amount, schedule, route) stated in an arm label, an arm description or an intervention description (pipeline.extract.doses); a text that states a schedule or route but no amount gives one row with value NULL. An arm''s label and description are read together: amounts in one take the route and schedule stated by the other when that one states no amount (its row is then dropped).';
comment on column intervention_doses.nct_id is 'The study';
comment on column intervention_doses.arm_ordinal is 'arms.ordinal for a dose read from an arm label or description; NULL for an intervention description';
comment on column intervention_doses.intervention_ordinal is 'interventions.ordinal for a dose read from an intervention description, or from an arm that links to exactly one intervention; else NULL';
comment on column intervention_doses.ordinal is '1-based position of the dose within the text it was read from';
comment on column intervention_doses.source is 'arm.label | arm.description | intervention.description: the text the row was read from';
comment on column intervention_doses.value is 'The amount per administration (or per kg, m2, day or course: see per), in unit; NULL for a row that states only a schedule or route';
comment on column intervention_doses.value_max is 'The upper end of a stated range ("1-2 x 10^6 cells/kg"), else NULL';
comment on column intervention_doses.unit is 'cells | mg | g | µg | ng | mL | IU (counts written 5.0×10^7, 1.5 × 10E6, 2e6, "60 million" and the registry''s lost-superscript "1 x 107 cells" are read as numbers)';
comment on column intervention_doses.per is 'dose (per participant per administration: "cells/person/dose") | kg | m2 (per body weight or surface, per administration) | day | total (the whole course: "a total of 24 million cells") | NULL (not stated)';
comment on column intervention_doses.number_of_doses is 'How many administrations: "once" 1, "for four doses" 4, "every 3 months for a total of 4 injections" 4; NULL when not stated';
comment on column intervention_doses.interval is 'Time between administrations as "<n> <unit>": 1 day, 2 weeks, 21 days, 3 months; NULL when not stated or not regular (BID, three times a week)';
comment on column intervention_doses.route is 'intrathecal | intravenous | intramuscular | intraspinal | intracerebroventricular | subcutaneous | oral | intranasal | intracerebral | intra-arterial | intradiscal | intra-articular | intradermal | intratumoral | epidural | intravitreal | inhaled | topical | transdermal | sublingual (pipeline.extract.routes.ROUTES)';
comment on column intervention_doses.span is 'The words the amount (or, for a row without one, the schedule and route) was read from';

create table cell_therapies (
    nct_id varchar not null,
    intervention_ordinal integer not null,
    cell_type varchar not null,
    source varchar not null,
    tissue_origin varchar not null,
    genetically_modified boolean not null
);
comment on table cell_therapies is 'One row per intervention classified as a product of living cells (pipeline.extract.cells) from its name, other names and description, with its linked arms as context for an opaque product code. Interventions that are not cell products (drugs, placebo, exosomes, procedures, G-CSF mobilization) have no row.';
comment on column cell_therapies.nct_id is 'The study';
comment on column cell_therapies.intervention_ordinal is 'interventions.ordinal';
comment on column cell_therapies.cell_type is 'What the cells are, most specific first: car_t | treg | nk | dendritic | motor_neuron_progenitor | neural_progenitor | msc | hsc | ipsc_derived | esc_derived (pluripotent derivatives of no listed type) | other_cell';
comment on column cell_therapies.source is 'autologous | allogeneic | unknown: stated ("patient''s own", "donor") or implied by the tissue (cord, placenta, fetal, embryonic, iPSC lines are allogeneic)';
comment on column cell_therapies.tissue_origin is 'bone_marrow | adipose | umbilical_cord | placenta | fetal_tissue | ipsc | embryonic | peripheral_blood | dental_pulp | skin | cartilage | unknown';
comment on column cell_therapies.genetically_modified is 'True for CAR or TCR constructs and transduced, transfected, gene-edited or engineered cells; False for cells only induced by culture (MSC-NTF)';

-- 002_protocol: child tables of protocolSection and derivedSection (one row per array item).
-- Every ordinal is 1-based and follows the registry's array order.

create table identifiers (
    nct_id varchar not null,
    ordinal integer not null,
    source varchar not null,
    id_value varchar,
    id_type varchar,
    domain varchar,
    link varchar
);
comment on table identifiers is 'One row per identifier of a study other than its NCT ID: the sponsor''s own ID, secondary IDs, and NCT IDs merged into it.';
comment on column identifiers.nct_id is 'The study';
comment on column identifiers.ordinal is '1-based position in the list orgStudyIdInfo, then secondaryIdInfos, then nctIdAliases';
comment on column identifiers.source is 'org_study_id (identificationModule.orgStudyIdInfo) | secondary_id (identificationModule.secondaryIdInfos[]) | nct_alias (identificationModule.nctIdAliases[]: an obsolete NCT ID that now points at this study)';
comment on column identifiers.id_value is 'orgStudyIdInfo.id, secondaryIdInfos[].id or the alias NCT ID';
comment on column identifiers.id_type is 'orgStudyIdInfo.type (NIH, FDA, VA, CDC, AHRQ, SAMHSA) or secondaryIdInfos[].type (also OTHER_GRANT, EUDRACT_NUMBER, CTIS, REGISTRY, OTHER); NULL for aliases';
comment on column identifiers.domain is 'secondaryIdInfos[].domain: who issued the ID, e.g. a registry or funder name';
comment on column identifiers.link is 'orgStudyIdInfo.link or secondaryIdInfos[].link: URL of the ID (NIH grants)';

create table sponsors (
    nct_id varchar not null,
    ordinal integer not null,
    name varchar,
    class varchar,
    role varchar not null
);
comment on table sponsors is 'One row per sponsor of a study: the lead sponsor first, then each collaborator.';
comment on column sponsors.nct_id is 'The study';
comment on column sponsors.ordinal is '1 for sponsorCollaboratorsModule.leadSponsor, then 2, 3, ... for collaborators[] in array order';
comment on column sponsors.name is 'leadSponsor.name or collaborators[].name';
comment on column sponsors.class is 'leadSponsor.class or collaborators[].class: NIH | FED | OTHER_GOV | INDIV | INDUSTRY | NETWORK | AMBIG | OTHER | UNKNOWN';
comment on column sponsors.role is 'lead (leadSponsor) | collaborator (collaborators[])';

create table keywords (
    nct_id varchar not null,
    ordinal integer not null,
    keyword varchar
);
comment on table keywords is 'One row per keyword of a study, as entered by the sponsor.';
comment on column keywords.nct_id is 'The study';
comment on column keywords.ordinal is '1-based position in conditionsModule.keywords';
comment on column keywords.keyword is 'conditionsModule.keywords[]';

create table intervention_other_names (
    nct_id varchar not null,
    intervention_ordinal integer not null,
    ordinal integer not null,
    name varchar
);
comment on table intervention_other_names is 'One row per other name (synonym, code, brand) of an intervention.';
comment on column intervention_other_names.nct_id is 'The study';
comment on column intervention_other_names.intervention_ordinal is 'interventions.ordinal';
comment on column intervention_other_names.ordinal is '1-based position in armsInterventionsModule.interventions[].otherNames';
comment on column intervention_other_names.name is 'interventions[].otherNames[], e.g. a code such as MK-3475';

create table outcomes (
    nct_id varchar not null,
    kind varchar not null,
    ordinal integer not null,
    measure varchar,
    description varchar,
    time_frame varchar
);
comment on table outcomes is 'One row per outcome measure planned in the protocol (primary, secondary or other); results are in the results tables.';
comment on column outcomes.nct_id is 'The study';
comment on column outcomes.kind is 'primary (outcomesModule.primaryOutcomes) | secondary (secondaryOutcomes) | other (otherOutcomes)';
comment on column outcomes.ordinal is '1-based position in the array of its kind';
comment on column outcomes.measure is 'primaryOutcomes[].measure (or secondary/other): the name of the measure';
comment on column outcomes.description is 'primaryOutcomes[].description (or secondary/other), markdown escapes undone';
comment on column outcomes.time_frame is 'primaryOutcomes[].timeFrame (or secondary/other): when it is assessed';

create table locations (
    nct_id varchar not null,
    ordinal integer not null,
    facility varchar,
    status varchar,
    city varchar,
    state varchar,
    zip varchar,
    country varchar,
    latitude double,
    longitude double
);
comment on table locations is 'One row per site (facility) of a study.';
comment on column locations.nct_id is 'The study';
comment on column locations.ordinal is '1-based position in contactsLocationsModule.locations';
comment on column locations.facility is 'locations[].facility; industry studies often give only "Research Site"';
comment on column locations.status is 'locations[].status: the site''s recruitment status, e.g. RECRUITING, COMPLETED (often absent for closed studies)';
comment on column locations.city is 'locations[].city';
comment on column locations.state is 'locations[].state (often absent outside the US)';
comment on column locations.zip is 'locations[].zip';
comment on column locations.country is 'locations[].country, e.g. United States, China';
comment on column locations.latitude is 'locations[].geoPoint.lat: the registry''s geocode of the city, not of the facility';
comment on column locations.longitude is 'locations[].geoPoint.lon';

create table location_contacts (
    nct_id varchar not null,
    location_ordinal integer not null,
    ordinal integer not null,
    name varchar,
    role varchar,
    phone varchar,
    phone_ext varchar,
    email varchar
);
comment on table location_contacts is 'One row per contact person of a site.';
comment on column location_contacts.nct_id is 'The study';
comment on column location_contacts.location_ordinal is 'locations.ordinal';
comment on column location_contacts.ordinal is '1-based position in locations[].contacts';
comment on column location_contacts.name is 'locations[].contacts[].name';
comment on column location_contacts.role is 'locations[].contacts[].role: CONTACT | PRINCIPAL_INVESTIGATOR | SUB_INVESTIGATOR | STUDY_CHAIR | STUDY_DIRECTOR';
comment on column location_contacts.phone is 'locations[].contacts[].phone, as entered';
comment on column location_contacts.phone_ext is 'locations[].contacts[].phoneExt';
comment on column location_contacts.email is 'locations[].contacts[].email';

create table central_contacts (
    nct_id varchar not null,
    ordinal integer not null,
    name varchar,
    role varchar,
    phone varchar,
    phone_ext varchar,
    email varchar
);
comment on table central_contacts is 'One row per central contact of a study (for enrollment questions across sites).';
comment on column central_contacts.nct_id is 'The study';
comment on column central_contacts.ordinal is '1-based position in contactsLocationsModule.centralContacts';
comment on column central_contacts.name is 'centralContacts[].name (sometimes a placeholder such as a reference study ID)';
comment on column central_contacts.role is 'centralContacts[].role, e.g. CONTACT';
comment on column central_contacts.phone is 'centralContacts[].phone, as entered';
comment on column central_contacts.phone_ext is 'centralContacts[].phoneExt';
comment on column central_contacts.email is 'centralContacts[].email';

create table officials (
    nct_id varchar not null,
    ordinal integer not null,
    name varchar,
    affiliation varchar,
    role varchar
);
comment on table officials is 'One row per overall official of a study (principal investigator, chair or director).';
comment on column officials.nct_id is 'The study';
comment on column officials.ordinal is '1-based position in contactsLocationsModule.overallOfficials';
comment on column officials.name is 'overallOfficials[].name (sometimes a placeholder such as "Study Director")';
comment on column officials.affiliation is 'overallOfficials[].affiliation (sometimes a job title)';
comment on column officials.role is 'overallOfficials[].role: STUDY_CHAIR | STUDY_DIRECTOR | PRINCIPAL_INVESTIGATOR';

create table "references" (
    nct_id varchar not null,
    ordinal integer not null,
    pmid varchar,
    type varchar,
    citation varchar
);
comment on table "references" is 'One row per publication cited by a study.';
comment on column "references".nct_id is 'The study';
comment on column "references".ordinal is '1-based position in referencesModule.references';
comment on column "references".pmid is 'references[].pmid: PubMed ID, as text';
comment on column "references".type is 'references[].type: BACKGROUND | RESULT | DERIVED (found by the registry from PubMed)';
comment on column "references".citation is 'references[].citation';

create table reference_retractions (
    nct_id varchar not null,
    reference_ordinal integer not null,
    ordinal integer not null,
    pmid varchar,
    source varchar
);
comment on table reference_retractions is 'One row per retraction notice of a cited publication.';
comment on column reference_retractions.nct_id is 'The study';
comment on column reference_retractions.reference_ordinal is 'references.ordinal';
comment on column reference_retractions.ordinal is '1-based position in references[].retractions';
comment on column reference_retractions.pmid is 'references[].retractions[].pmid: PubMed ID of the retraction notice';
comment on column reference_retractions.source is 'references[].retractions[].source: the journal citation of the notice';

create table links (
    nct_id varchar not null,
    ordinal integer not null,
    url varchar,
    label varchar
);
comment on table links is 'One row per "see also" web link of a study.';
comment on column links.nct_id is 'The study';
comment on column links.ordinal is '1-based position in referencesModule.seeAlsoLinks';
comment on column links.url is 'seeAlsoLinks[].url';
comment on column links.label is 'seeAlsoLinks[].label, markdown escapes undone';

create table available_ipds (
    nct_id varchar not null,
    ordinal integer not null,
    ipd_id varchar,
    type varchar,
    url varchar,
    comment varchar
);
comment on table available_ipds is 'One row per individual participant data set or document the study says is available.';
comment on column available_ipds.nct_id is 'The study';
comment on column available_ipds.ordinal is '1-based position in referencesModule.availIpds';
comment on column available_ipds.ipd_id is 'availIpds[].id: the identifier of the data set at its repository';
comment on column available_ipds.type is 'availIpds[].type, e.g. Individual Participant Data Set, Study Protocol';
comment on column available_ipds.url is 'availIpds[].url';
comment on column available_ipds.comment is 'availIpds[].comment, markdown escapes undone';

create table mesh_terms (
    nct_id varchar not null,
    domain varchar not null,
    ordinal integer not null,
    mesh_id varchar,
    term varchar,
    is_ancestor boolean not null
);
comment on table mesh_terms is 'One row per MeSH descriptor the registry matched to a study''s conditions or interventions, or an ancestor of one in the MeSH tree.';
comment on column mesh_terms.nct_id is 'The study';
comment on column mesh_terms.domain is 'condition (derivedSection.conditionBrowseModule) | intervention (derivedSection.interventionBrowseModule)';
comment on column mesh_terms.ordinal is '1-based position within the domain in meshes followed by ancestors';
comment on column mesh_terms.mesh_id is 'meshes[].id or ancestors[].id: MeSH descriptor ID, e.g. D000690';
comment on column mesh_terms.term is 'meshes[].term or ancestors[].term';
comment on column mesh_terms.is_ancestor is 'False for a direct match (meshes[]), true for a tree ancestor (ancestors[])';

create table browse_leaves (
    nct_id varchar not null,
    domain varchar not null,
    ordinal integer not null,
    leaf_id varchar,
    name varchar,
    as_found varchar,
    relevance varchar
);
comment on table browse_leaves is 'One row per browse leaf (the registry''s topic index over MeSH) of a study''s conditions or interventions.';
comment on column browse_leaves.nct_id is 'The study';
comment on column browse_leaves.domain is 'condition (derivedSection.conditionBrowseModule) | intervention (derivedSection.interventionBrowseModule)';
comment on column browse_leaves.ordinal is '1-based position in browseLeaves within the domain';
comment on column browse_leaves.leaf_id is 'browseLeaves[].id, e.g. M5220';
comment on column browse_leaves.name is 'browseLeaves[].name';
comment on column browse_leaves.as_found is 'browseLeaves[].asFound: the text of the record that matched (matches can be noisy)';
comment on column browse_leaves.relevance is 'browseLeaves[].relevance: HIGH | LOW';

create table browse_branches (
    nct_id varchar not null,
    domain varchar not null,
    ordinal integer not null,
    abbrev varchar,
    name varchar
);
comment on table browse_branches is 'One row per browse branch (top-level topic category) of a study''s conditions or interventions.';
comment on column browse_branches.nct_id is 'The study';
comment on column browse_branches.domain is 'condition (derivedSection.conditionBrowseModule) | intervention (derivedSection.interventionBrowseModule)';
comment on column browse_branches.ordinal is '1-based position in browseBranches within the domain';
comment on column browse_branches.abbrev is 'browseBranches[].abbrev, e.g. BC10; All for the catch-all branch';
comment on column browse_branches.name is 'browseBranches[].name';

create table submission_infos (
    nct_id varchar not null,
    ordinal integer not null,
    release_date date,
    unrelease_date date,
    unrelease_date_unknown boolean,
    reset_date date,
    mcp_release_n integer
);
comment on table submission_infos is 'One row per results submission cycle of a study whose results are under quality-control review.';
comment on column submission_infos.nct_id is 'The study';
comment on column submission_infos.ordinal is '1-based position in derivedSection.miscInfoModule.submissionTracking.submissionInfos';
comment on column submission_infos.release_date is 'submissionInfos[].releaseDate: when the responsible party released (submitted) the results';
comment on column submission_infos.unrelease_date is 'submissionInfos[].unreleaseDate: when the submission was withdrawn (unreleased)';
comment on column submission_infos.unrelease_date_unknown is 'submissionInfos[].unreleaseDateUnknown';
comment on column submission_infos.reset_date is 'submissionInfos[].resetDate: when the registry returned the submission with review comments';
comment on column submission_infos.mcp_release_n is 'submissionInfos[].mcpReleaseN: the registry''s release number for the submission';

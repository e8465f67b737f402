"""Cell-therapy classification of one intervention from its registry text.

``classify_cell_therapy(name, description, other_names, context)`` returns a
``CellTherapy(cell_type, source, tissue_origin, genetically_modified)`` or None when the
intervention is not a product made of living cells.

Vocabularies
    cell_type      CELL_TYPES, most specific first: what the cells are, not where they come
                   from. iPSC-derived motor neuron progenitors are 'motor_neuron_progenitor'
                   (tissue_origin 'ipsc'); 'ipsc_derived' / 'esc_derived' are for pluripotent
                   derivatives of no listed type (e.g. astrocytes, cardiomyocytes, islets).
    source         'autologous', 'allogeneic' or 'unknown'
    tissue_origin  TISSUE_ORIGINS ('unknown' when the text does not say)

Decisions
- Not cells (None): drugs, placebo / vehicle / sham / saline, "cell culture medium", devices,
  procedures that give no cells (lumbar puncture, leukapheresis alone, blood draws), products
  made from cells but containing none (exosomes, extracellular vesicles, secretome,
  conditioned medium, lysates, "cell-free"), platelet-rich plasma and blood transfusions, and
  stem cell mobilization with G-CSF / plerixafor (a drug that moves the patient's own cells).
- The name (with other names) is read first; the description only when the name is not
  decisive; the context (an arm description) only for an opaque code name ("NK510") and only
  near a mention of that name, so a drug sharing the arm is never classed by its neighbour.
- genetically_modified is True for CAR or TCR constructs, transduced / transfected /
  gene-modified / engineered cells, and cells "engineered to express" a factor (CNS10-NPC-GDNF).
  Cells *induced* to secrete factors by culture (NurOwn's MSC-NTF) are not modified.
- source is stated ("autologous", "allogeneic", "donor", "patient's own") or implied by the
  tissue: cord, placenta, fetal and embryonic cells come from someone else. Both stated -> 'unknown'.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from pipeline.extract.dose_text import INN_STEM

CELL_TYPES: tuple[str, ...] = (
    "car_t", "treg", "nk", "dendritic", "motor_neuron_progenitor", "neural_progenitor", "msc", "hsc",
    "ipsc_derived", "esc_derived", "other_cell",
)  # fmt: skip
SOURCES: tuple[str, ...] = ("autologous", "allogeneic", "unknown")
TISSUE_ORIGINS: tuple[str, ...] = (
    "bone_marrow", "adipose", "umbilical_cord", "placenta", "fetal_tissue", "ipsc", "embryonic",
    "peripheral_blood", "dental_pulp", "skin", "cartilage", "unknown",
)  # fmt: skip


class CellTherapy(NamedTuple):
    cell_type: str
    source: str
    tissue_origin: str
    genetically_modified: bool


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Products made from cells that contain none: never cells, in the name or the description.
_NOT_CELL_PRODUCT = _rx(
    r"exosom|extracellular\s+vesicles?|\bEVs?\b|secretome|conditioned\s+medi|cell[-\s]free|acellular|"
    r"supernatant"
)
# In the name only: placebos, vehicles and other look-alikes (descriptions of real products
# may mention them: "MSCs with autologous platelet lysate", "compared with placebo").
_NOT_CELLS_NAME = _rx(
    r"\blysate|culture\s+medi|medium\s+only|\bvehicle\b|placebo|\bsham\b|\bsaline\b|"
    r"platelet[-\s]rich|\bPRP\b|\bplasma\b"
)
# Procedures around cell therapy that give no cells, unless the same text names a specific
# kind of cells ("MSCs injected by lumbar puncture", "CAR-T cell transfusion").
_PROCEDURE = _rx(
    r"transfusion|lumbar\s+puncture|leukapheresis|apheresis|blood\s+(?:draw|sample)|\bbiopsy|"
    r"\bcollection\b|aspiration\b|harvest|\bisolation\b|\banalysis\b|\bsampl|\bassay|biomarker"
)
# Mobilization moves the patient's own stem cells into the blood with a drug; it is cells
# only where the same text transplants or infuses them ("G-CSF-mobilized PBSC transplantation").
_MOBILIZATION = _rx(r"mobiliz|mobilis|\bG-?CSF\b|filgrastim|plerixafor")
_CELLS_GIVEN = _rx(
    r"(?:transplant|infus|graft|inject|implant|transfus)\w*\s+(?:of\s+)?(?:[\w+-]+\s+){0,4}?cells"
    r"|cells?\s+(?:transplant|infusion|graft|transfusion|injection)"
)
# International nonproprietary names of drugs that are not cells (-cel, -leucel are cells).
_DRUG_NAME = _rx(rf"\b{INN_STEM}\b|\b\w+ase\b")  # an INN, or an enzyme
# Mechanism words: "activates NK cells", "depletes Tregs" describe a drug, not a cell product.
_MECHANISM = _rx(
    r"\b(?:activat|stimulat|deplet|recruit|target|inhibit|kill|block|bind|modulat|suppress|enhanc|promot|"
    r"engag|redirect|expand)(?:es|s|ing|ion)\b(?:\s+(?:of\s+)?[\w+'-]+){1,5}"
)
# A description names cells as the product given, not as a mechanism or a disease.
_CELL_PRODUCT = _rx(
    r"(?:autologous|allogeneic|allogenic|cultured|expanded|isolated|purified|harvested|cryopreserved|viable|"
    r"donor|human|combined|mixed|suspension\s+of|injection\s+of|infusion\s+of|transplant\w*\s+of|dose\s+of|"
    r"differentiated|derived,?|"  # "stem cell-derived, fully differentiated pancreatic islet cells"
    r"\d\s*(?:million|billion)|10\^?\d+|10e\d+|(?:mL|ml|doses?|vials?)\s+of(?:\s+the)?)\s+(?:[\w+-]+\s+){0,4}?"
    r"(?:cells|chondrocytes|fibroblasts|keratinocytes|hepatocytes|myoblasts|islets)\b|\bcells?\s+(?:suspension|product|therapy|transplant\w*|infusion|injection|will\s+be\s+"
    r"(?:injected|infused|transplanted|administered|implanted))"
)
_SURGERY = _rx(
    r"surg|extraction|ectomy\b|otomy\b|plasty\b|\bfusion\b|decompression|resection|ablation|radiotherapy|"
    r"radiation|arthroplasty|discectomy|\bACDF\b"
)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")

# cell_type -> evidence, most specific first.
_TYPE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # CAR-NK cells are NK cells (genetically modified), though they carry a "CD19 CAR"
    ("nk", _rx(r"\bCAR[-\s]?NK\b|\bNK[-\s]?(?:92\s+)?cells?\s+(?:expressing|engineered|transduced|modified)\b[^.;]{0,40}"
               r"\bCAR\b|chimeric\s+antigen\s+receptor[-\s]+(?:[\w-]+\s+){0,2}?(?:NK|natural\s+killer)\b")),
    # "UCAR-T" / "UCART19": universal (donor) CAR-T products; "iCAR": an inducible CAR.
    ("car_t", _rx(r"\b[iU]?CAR[-\s]?T\b|\bU?CART(?:[-\s]?(?:cells?|19|\d+))?\b|chimeric\s+antigen\s+receptor|"
                  r"cabtagene|tisagenlecleucel|Kymriah|Yescarta|Breyanzi|Abecma|Carvykti|Tecartus|Aucatzyl|\bCAR[-\s]+(?:modified|engineered|redirected)?\s*T[-\s]?(?:cells?|lymphocytes)|"
                  r"\bCAR\+?\s+T\b|\bCD19[-\s]?CAR\b|\bBCMA[-\s]?CAR\b|"
                  # "Retroviral vector-transduced autologous T cells to express anti-GPC3 CARs"
                  r"\bT[-\s]cells?\b[^.;]{0,40}\bCARs?\b")),
    ("treg", _rx(r"regulatory\s+T|\bT[-\s]?regs?\b|\bTregs?\b|CD4\+\s*CD25\+|CD25\+\s*(?:high\s+)?CD127")),
    ("nk", _rx(r"natural\s+killer|\bNK[-\s]?cells?\b|\bNK[-\s]?92|\bCAR[-\s]?NK\b|\bNK\b(?=.*\bcells?\b)")),
    ("dendritic", _rx(r"dendritic|\bDCs?[-\s]vaccin|\bDCVax|\bDC\s+(?:cells?|therapy|immunotherapy)")),
    ("motor_neuron_progenitor", _rx(r"motor\s+neurons?\s+(?:progenitor|precursor)|\bMNPCs?\b")),
    # "NSC 628503" is the US National Cancer Institute's code of a drug, not neural stem cells.
    ("neural_progenitor", _rx(r"neural\s+(?:stem|progenitor|precursor)|neuronal\s+(?:stem|progenitor|precursor)|"
                              r"\bhNSCs?\b|\bNSCs?\b(?![-\s]?\d)|\bNPCs?\b|NSI-566|\bCNS10\b|HuCNS-SC|glial[-\s](?:restricted\s+)?"
                              r"progenitor|dopaminergic\s+(?:neuron\s+)?(?:progenitor|precursor)|"
                              r"oligodendrocyte\s+(?:progenitor|precursor)")),
    ("msc", _rx(r"mesenchymal|\bMSCs?\b|\b\w*MSCs?\b|MSC-NTF|NurOwn|stromal\s+(?:stem\s+)?cells?|"
                r"mestrocel|remestemcel|adipose[-\s]derived\s+(?:stem|regenerative|stromal)|\bAD-?MSC|"
                r"\bADSCs?\b|\bASCs?\b(?=.*adipose)|Wharton|lenzumestrocel|Neuronata|debamestrocel|"
                r"multipotent\s+stromal|\bmesoangioblast")),
    # A mixed fraction ("bone marrow mononuclear cells", "total nucleated cells") is what the cells
    # are, whatever they are for; cord blood is a blood stem cell graft only when transplanted
    # ("cord blood transplantation"), otherwise a mixed product ("autologous cord blood infusion").
    ("other_cell", _rx(r"mono-?nuclear\s+cells|\b(?:BM-?)?MNCs?\b|\bBMMNCs?\b|(?:total\s+)?nucleated\s+cells|"
                       r"\bTNCs?\b")),
    ("hsc", _rx(r"hematopoietic|haematopoietic|haemopoietic|\bHSCs?\b|\bHSCT\b|\bCD34\+|"
                r"peripheral\s+blood\s+stem|\bPBSCs?\b|"
                r"(?:cord\s+blood|\bh?UCB\b)(?!\s+(?:derived\s+)?(?:MSC|mesenchymal|NK))(?=[^.;]{0,40}transplant)|"
                r"(?:cord\s+blood|\bh?UCB\b)[-\s]+(?:derived\s+)?stem\s+cells?|"  # ("Cord Blood Stem Cells")
                r"stem\s+cell\s+transplant|bone\s+marrow\s+transplant|omidubicel|omisirge")),
    ("ipsc_derived", _rx(r"induced\s+pluripotent|\biPSCs?\b|\biPS\b|\bhiPSCs?\b")),
    ("esc_derived", _rx(r"embryonic\s+stem|\bhESCs?\b|\bESCs?\b|\bES[-\s]cells?\b")),
    ("other_cell", _rx(r"\bcells?\b|chondrocytes|fibroblasts|keratinocytes|hepatocytes|myoblasts?\b|islets?\b|"
                       r"astrocytes|cardiomyocytes|lymphocytes|lymphocyte\s+(?:infusion|transfusion|therapy|injection)|\bTILs?\b|macrophages|monocytes|\bCIK\b|"
                       r"stromal\s+vascular\s+fraction|\bSVF\b|marrow\s+(?:aspirate\s+)?concentrate|\bBMAC\b|"
                       r"\w+(?:leucel|temcel|stemcel|strocel)\b|"
                       r"(?:cord\s+blood|\bh?UCB\b)(?!\s+(?:derived\s+)?(?:MSC|mesenchymal|NK))(?!\s*(?:Pharma|Biopharma))")),
)
# Every pattern above needs one of these lower-case words in the text it matches, so a text
# holding none of them names no cell type. Nearly all interventions are drugs: checking the
# words first, then all patterns in one pass, spares them the full reading (466 -> 200 us per
# intervention over the corpus, same answers). A new pattern needs its word here.
_TYPE_WORDS: tuple[str, ...] = (
    "car", "chimeric", "cabtagene", "tisagenlecleucel", "kymriah", "breyanzi", "abecma", "tecartus", "aucatzyl",
    "reg", "cd25", "natural", "nk", "dendritic", "dc", "motor", "mnp", "neural", "neuronal", "nsc", "npc",
    "nsi-566", "cns10", "glial", "dopaminergic", "oligodendrocyte", "mesenchymal", "msc", "stromal",
    "mestrocel", "adipose", "adsc", "asc", "wharton", "neuronata", "mesoangioblast", "hematopoietic",
    "haematopoietic", "haemopoietic", "hsc", "cd34", "peripheral", "pbsc", "cord", "stem", "bone", "omidubicel", "omisirge",
    "pluripotent", "ips", "embryonic", "esc", "cel", "chondrocyte", "fibroblast", "keratinocyte", "hepatocyte",
    "myoblast", "islet", "astrocyte", "cardiomyocyte", "lymphocyte", "til", "macrophage", "monocyte", "cik",
    "svf", "marrow", "bmac", "mononuclear", "mnc", "nucleated", "tnc", "ucb", "hucns",
)  # fmt: skip
# All patterns in one, lower-cased for lower-cased ASCII text (a case-blind search is slower).
_ANY_TYPE = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _TYPE_PATTERNS).lower())


def _may_name_cells(text: str) -> bool:
    if not text.isascii():  # case folding beyond ASCII ("ſ" matches "s"): leave it to the patterns
        return True
    lower = text.lower()
    return any(word in lower for word in _TYPE_WORDS) and _ANY_TYPE.search(lower) is not None


# Words that contain "cell(s)" without being a cell product.
_CELL_NOISE = _rx(
    r"non[-\s]small[-\s]cell|small[-\s]cell|squamous[-\s]cell|basal[-\s]cell|sickle[-\s]cell|"
    r"(?:renal|clear|mantle|hairy|germ|merkel|giant|plasma|islet)[-\s]cell\s+(?:carcinoma|cancer|lymphoma|"
    r"leukemia|tumou?r|neoplasm|myeloma)|(?:B|T)[-\s]cell\s+(?:lymphoma|leukemia|malignanc|engager|receptor)|"
    r"(?:tumou?r|cancer|malignant|leukemic|leukaemic|lymphoma|myeloma|target|host|red\s+blood|white\s+blood|"
    r"immune|beta|endothelial|epithelial)[-\s]cells?|\b[BT][-\s]cell\s+(?:activation|depletion|function|"
    r"response|immunity|count|subsets?)|"
    r"cell\s+(?:count|line\s+derived|cycle|death|lysis|membrane|signal|surface|division|phone|culture\s+medi)|"
    r"cellular(?!\s+(?:therapy|product|immunotherapy))|cell[-\s]?phone|\bcellulose|cellulitis|"
    r"cells\s+of\s+the\s+(?:body|immune)"
)
_AUTOLOGOUS = _rx(r"\bautologous|\bautogen|\bautogolous|\bauto[-\s]?(?:HSCT|graft|transplant|CAR)|patient'?s?\s+own|own\s+(?:bone|blood|fat|cells)|"
                  r"autoleucel|\bself[-\s]derived|from\s+the\s+(?:same\s+)?(?:patient|participant|subject)|"
                  # "Subjects will undergo leukapheresis ... to manufacture CT103A cells"
                  r"(?:subjects?|patients?|participants?)\s+(?:will\s+)?(?:undergo|underwent)\s+(?:a\s+)?leu[ck]?a?pheresis")
_ALLOGENEIC = _rx(r"\ballogen|\ballo[-\s]?(?:HSCT|SCT|graft|transplant|CAR|NK)|\bdonor|off[-\s]the[-\s]shelf|"
                  r"third[-\s]party|healthy\s+(?:volunteer|individual)s?|\bunrelated\b|haplo")
# Cells from these come from someone else unless the text says "autologous" (iPSC lines are
# donor lines unless reprogrammed from the patient, which the registry then states).
_ALLOGENEIC_TISSUE = {"umbilical_cord", "placenta", "fetal_tissue", "embryonic", "ipsc"}
_TISSUES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ipsc", _rx(r"induced\s+pluripotent|\biPSCs?\b|\biPS\b|\bhiPSCs?")),
    ("embryonic", _rx(r"embryonic|\bhESCs?\b|\bESCs?\b")),
    ("fetal_tissue", _rx(r"\bfetal|\bfoetal|\bfetus|NSI-566|\bCNS10\b|miscarriage")),
    ("umbilical_cord", _rx(r"umbilical|cord\s+blood|\bcord[-\s](?:derived|tissue|lining)|Wharton|\bWJ-?MSCs?\b|\bUC-?MSC|\bhUC(?!NS)|\bUCB")),
    ("placenta", _rx(r"placenta|amnio|amnion|chorion|decidua|perinatal")),
    ("adipose", _rx(r"adipose|\bfat\b|lipoaspirat|\bAD-?MSC|\bADSC|\baaMSC|stromal\s+vascular|\bSVF\b")),
    ("dental_pulp", _rx(r"dental\s+pulp|\bteeth\b|\btooth\b|\bSHED\b")),
    ("bone_marrow", _rx(r"bone[-\s]marrow|\bBM-?MSC|\bBM-?MNC|\bBMAC\b|iliac\s+crest|MSC-NTF|NurOwn|marrow")),
    ("peripheral_blood", _rx(r"peripheral\s+blood|\bPBMCs?\b|\bPBSCs?\b|leukapheresis|apheresis|\bmobili[sz]ed\b")),
    ("skin", _rx(r"\bskin\b|dermal\s+fibroblast|keratinocyte")),
    ("cartilage", _rx(r"chondrocyte|cartilage")),
)
_MODIFIED = _rx(
    r"genetic(?:ally)?[-\s]+(?:modified|engineered|altered)|gene[-\s](?:modified|engineered|edited|transfer)|"
    r"transduc|transfect|lentivir|retrovir|\bviral\s+vector|CRISPR|engineered\s+to\s+(?:express|secrete|produce)|"
    r"\bexpressing\s+(?:GDNF|IGF|VEGF|BDNF|a\s+|an\s+)|-GDNF\b|\bTCR[-\s]?(?:T|engineered|transduced)|"
    r"\b[iU]?CAR\b|chimeric\s+antigen|cabtagene|\b[iU]?CAR[-\s]?(?:T|NK)\b|(?<!tissue[-\s])(?<!tissue)\bengineered\b"
)
# "Stem cell transplantation" alone usually means blood stem cells, but it is what registries
# also call any stem cell given ("intravenous injection of stem cell" / "mesenchymal stem cell"):
# a name whose only evidence is this phrase lets a description naming the cells decide.
_GENERIC_TRANSPLANT = _rx(r"^(?:(?!hematopoietic|haematopoietic|haemopoietic|\bHSC|\bCD34|\bPBSC|cord\s+blood|"
                          r"peripheral\s+blood|omidubicel).)*$")

# A product code such as "NK510", "XS228CN" or "CELZ-201-DDT": the name says nothing by itself.
_OPAQUE_CODE = re.compile(r"^\s*[A-Z][A-Za-z]{0,6}[-\s]?\d{1,5}[A-Z]{0,4}(?:[-\s][A-Za-z0-9]{1,6})*\s*$")


def _evidence(text: str, is_name: bool) -> str | None:
    """The most specific cell type ``text`` names as a product: a CELL_TYPES value, 'none' for
    a text that rules cells out, or None when it says nothing either way."""
    if _NOT_CELL_PRODUCT.search(text) or (is_name and _NOT_CELLS_NAME.search(text)):
        return "none"
    cleaned = _CELL_NOISE.sub(" ", text if is_name else _MECHANISM.sub(" ", text))
    found = next((t for t, pattern in _TYPE_PATTERNS if pattern.search(cleaned)), None)
    if found == "other_cell" and not is_name and not _CELL_PRODUCT.search(cleaned):
        found = None
    if _MOBILIZATION.search(text) and not _CELLS_GIVEN.search(text):
        return "none"
    if _PROCEDURE.search(text) and found in (None, "other_cell"):
        return "none"
    return found


def _near(context: str, name: str, window: int = 160) -> str:
    """The parts of ``context`` within ``window`` characters of a mention of ``name``."""
    return " ".join(
        context[max(0, m.start() - window) : m.end() + window]
        for m in re.finditer(re.escape(name.strip()), context, re.IGNORECASE)
    )


def _source(texts: list[str], tissue: str) -> str:
    for text in texts:
        auto, allo = bool(_AUTOLOGOUS.search(text)), bool(_ALLOGENEIC.search(text))
        if auto != allo:
            return "autologous" if auto else "allogeneic"
        if auto and allo:
            return "unknown"
    return "allogeneic" if tissue in _ALLOGENEIC_TISSUE else "unknown"


def _tissue(texts: list[str], cell_type: str) -> str:
    for text in texts:
        for tissue, pattern in _TISSUES:
            if pattern.search(text):
                return tissue
    return "peripheral_blood" if cell_type in ("car_t", "treg") else "unknown"


_COMBINED = re.compile(r"\s+(?:in\s+combination\s+with|combined\s+with)\s+[^;]*", re.IGNORECASE)


def classify_cell_therapy(
    name: str, description: str | None, other_names: list[str] | None, context: str | None = None
) -> CellTherapy | None:
    """The cell therapy an intervention gives, or None when it is not one (see module docstring)."""
    name = _ESCAPE.sub(r"\1", name or "")
    primary = " ; ".join([name, *(_ESCAPE.sub(r"\1", n) for n in other_names or [])])
    description = _ESCAPE.sub(r"\1", description or "")
    nearby = _near(_ESCAPE.sub(r"\1", context), name) if context and _OPAQUE_CODE.match(name) else ""
    if not any(_may_name_cells(text) for text in (primary, description, nearby)):
        return None
    cell_type = _evidence(primary, is_name=True)
    texts = [primary]
    # A drug or a surgical procedure named as such is not read through its description
    # ("total endoscopic extraction ..." whose description mentions the MSCs given after it).
    # ("ADP-A2M4 in combination with pembrolizumab" is named by its code, not by its partner drug)
    lead = _COMBINED.sub("", primary)
    opaque_name = cell_type is None and (_DRUG_NAME.search(lead) or _SURGERY.search(lead))
    generic = cell_type == "hsc" and _GENERIC_TRANSPLANT.match(primary) is not None
    if (cell_type in (None, "other_cell") or generic) and not opaque_name:
        described = _evidence(description, is_name=False)
        if described == "none" and cell_type is None:
            return None
        if described not in (None, "none") and (cell_type is None or described != "other_cell"):
            cell_type = described
    if cell_type is None and nearby:
        cell_type = _evidence(nearby, is_name=False)
        texts.append(nearby)
    if cell_type in (None, "none"):
        return None
    texts.insert(1, description)
    tissue = _tissue(texts, cell_type)
    modified = cell_type == "car_t" or any(_MODIFIED.search(t) for t in texts)
    return CellTherapy(cell_type, _source(texts, tissue), tissue, modified)

"""Everyday words people use for the catalogue's sites, techniques and topics.

The catalogue's own names and aliases (``sites.json``, ``techniques.json``,
``vocabulary.json``) are read at build time; this module adds only the words a
patient or family member types that are *not* names of one record, so they do
not belong in the data's ``aliases`` (``site("chest")`` must not silently mean
the lung, but a question about "spots in his chest" is about lung metastases far
more often than not). Each entry maps a lay phrase to catalogue keys with a
weight below 1 when the phrase is vague. Phrases are written as they read;
:mod:`.intent` normalises them the same way it normalises a question.

Clinical mappings follow the catalogue's own technique descriptions (for example
"burn" -> the heat-based ablations RFA, microwave and laser, whose summaries say
they heat the tumour; "freeze" -> cryoablation; "zap" -> radiotherapy or
ablation).
"""

from __future__ import annotations

__all__ = [
    "COMMON_WORDS",
    "GENERIC",
    "LAY_CATEGORIES",
    "LAY_HISTOLOGIES",
    "LAY_PRIMARY_SITES",
    "LAY_SITES",
    "LAY_TECHNIQUES",
    "METASTASIS_WORDS",
    "NODAL_WORDS",
    "OUTCOME_WORDS",
    "OUT_OF_SCOPE",
    "OUT_OF_SCOPE_HISTOLOGIES",
    "OUT_OF_SCOPE_TECHNIQUES",
    "RATE_WORDS",
    "RECURRENCE_WORDS",
    "REPEAT_WORDS",
    "SETTING_ASIDE",
    "SPREAD_STRONG",
    "SPREAD_WEAK",
    "TREATMENT_WORDS",
    "WHAT_IS",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- sites ---------------------------------------------------------------------------

#: Lay words for metastatic sites -> (site key, weight).
LAY_SITES: dict[str, tuple[tuple[str, float], ...]] = {
    # Lung: "chest" alone is read as the lungs; "chest wall" below is soft tissue.
    "chest": (("lung", 0.8),),
    "lung nodules": (("lung", 1.0),),
    "pulmonary nodules": (("lung", 1.0),),
    "thorax": (("lung", 0.7),),
    # Liver.
    "livers": (("liver", 1.0),),
    # Bone (the spine is already a catalogue alias of bone).
    "bones": (("bone", 1.0),),
    "vertebra": (("bone", 1.0),),
    "vertebrae": (("bone", 1.0),),
    "backbone": (("bone", 1.0),),
    "rib": (("bone", 0.9),),
    "ribs": (("bone", 0.9),),
    "skull": (("bone", 0.9),),
    "femur": (("bone", 0.9),),
    "pelvic bone": (("bone", 1.0),),
    "hip bone": (("bone", 1.0),),
    "fracture": (("bone", 0.6),),
    "spinal cord compression": (("bone", 1.0),),
    # Brain.
    "head": (("brain", 0.4),),
    # Limb: parts of an arm or leg.
    "thigh": (("limb", 1.0),),
    "thighs": (("limb", 1.0),),
    "calf": (("limb", 0.9),),
    "knee": (("limb", 0.9),),
    "foot": (("limb", 0.9),),
    "feet": (("limb", 0.9),),
    "ankle": (("limb", 0.9),),
    "hand": (("limb", 0.8),),
    "forearm": (("limb", 1.0),),
    "upper arm": (("limb", 1.0),),
    "elbow": (("limb", 0.9),),
    "wrist": (("limb", 0.9),),
    "shoulder": (("limb", 0.7),),
    "buttock": (("limb", 0.5), ("soft-tissue", 0.5)),
    "limb salvage": (("limb", 1.0),),
    "limb sparing": (("limb", 1.0),),
    "save the limb": (("limb", 1.0),),
    "save the leg": (("limb", 1.0),),
    "save the arm": (("limb", 1.0),),
    # Lymph nodes.
    "lymph": (("lymph-nodes", 1.0),),
    "glands": (("lymph-nodes", 0.7),),
    "lymph glands": (("lymph-nodes", 1.0),),
    "node": (("lymph-nodes", 1.0),),
    # Peritoneum and the rest of the abdomen: "belly" and "tummy" could be either.
    "belly": (("peritoneum", 0.7), ("retroperitoneum", 0.7)),
    "tummy": (("peritoneum", 0.7), ("retroperitoneum", 0.7)),
    "abdomen": (("retroperitoneum", 0.8), ("peritoneum", 0.7)),
    "abdominal": (("retroperitoneum", 0.8), ("peritoneum", 0.7)),
    "abdominal cavity": (("peritoneum", 1.0),),
    "lining of the abdomen": (("peritoneum", 1.0),),
    "abdominal lining": (("peritoneum", 1.0),),
    "belly lining": (("peritoneum", 1.0),),
    "peritoneal cavity": (("peritoneum", 1.0),),
    "pelvis": (("peritoneum", 0.5), ("retroperitoneum", 0.5)),
    "pelvic": (("peritoneum", 0.5), ("retroperitoneum", 0.5)),
    # Soft tissue and skin.
    "chest wall": (("soft-tissue", 1.0),),
    "under the skin": (("soft-tissue", 1.0),),
    "muscle": (("soft-tissue", 0.9),),
    "muscles": (("soft-tissue", 0.9),),
    "lump": (("soft-tissue", 0.4),),
    # Heart.
    "pericardium": (("heart", 1.0),),
    "heart wall": (("heart", 1.0),),
}

#: Lay words for where the sarcoma *started* (primary site) -> primary-site key.
LAY_PRIMARY_SITES: dict[str, str] = {
    "womb": "uterus",
    "uterus": "uterus",
    "uterine": "uterus",
    "gynecological": "uterus",
    "thigh": "extremity",
    "leg": "extremity",
    "arm": "extremity",
    "limb": "extremity",
    "belly": "abdomen-and-retroperitoneum",
    "abdomen": "abdomen-and-retroperitoneum",
    "abdominal": "abdomen-and-retroperitoneum",
    "stomach": "visceral",
    "bowel": "visceral",
    "intestine": "visceral",
}

# --- techniques ----------------------------------------------------------------------

#: Lay words for techniques -> (technique key, weight).
LAY_TECHNIQUES: dict[str, tuple[tuple[str, float], ...]] = {
    # Surgery in general: vaguer than naming a technique, so weaker.
    "surgery": (("resection", 0.6),),
    "surgical": (("resection", 0.6),),
    "surgically": (("resection", 0.6),),
    "surgeon": (("resection", 0.5),),
    "operation": (("resection", 0.6),),
    "operate": (("resection", 0.6),),
    "operated": (("resection", 0.6),),
    "operating": (("resection", 0.6),),
    "operable": (("resection", 0.6),),
    "inoperable": (("resection", 0.4),),
    "remove": (("resection", 0.6),),
    "removed": (("resection", 0.6),),
    "removal": (("resection", 0.6),),
    "removing": (("resection", 0.6),),
    "cut": (("resection", 0.6),),
    "cut out": (("resection", 0.7),),
    "take out": (("resection", 0.7),),
    "taken out": (("resection", 0.7),),
    "excise": (("resection", 0.8),),
    "excised": (("resection", 0.8),),
    "resect": (("resection", 1.0),),
    "resected": (("resection", 1.0),),
    "resecting": (("resection", 1.0),),
    "resectable": (("resection", 0.9),),
    "unresectable": (("resection", 0.3),),
    "metastasectomies": (("resection", 1.0),),
    "wedge": (("resection", 0.8),),
    "partial hepatectomy": (("resection", 1.0),),
    # Keyhole surgery.
    "keyhole": (("minimally-invasive-resection", 1.0),),
    "laparoscopic": (("minimally-invasive-resection", 1.0),),
    "thoracoscopic": (("minimally-invasive-resection", 1.0),),
    "minimally invasive": (("minimally-invasive-resection", 1.0),),
    "minimally invasive surgery": (("minimally-invasive-resection", 1.0),),
    "robotic": (("minimally-invasive-resection", 0.8),),
    "robotic surgery": (("minimally-invasive-resection", 0.9),),
    # Heat-based ablation.
    "burn": (
        ("radiofrequency-ablation", 0.8),
        ("microwave-ablation", 0.7),
        ("laser-ablation", 0.5),
    ),
    "burned": (("radiofrequency-ablation", 0.8), ("microwave-ablation", 0.7)),
    "burnt": (("radiofrequency-ablation", 0.8), ("microwave-ablation", 0.7)),
    "burning": (("radiofrequency-ablation", 0.8), ("microwave-ablation", 0.7)),
    "heat": (
        ("radiofrequency-ablation", 0.7),
        ("microwave-ablation", 0.6),
        ("regional-hyperthermia", 0.4),
    ),
    "heating": (("radiofrequency-ablation", 0.7), ("microwave-ablation", 0.6)),
    "cook": (("radiofrequency-ablation", 0.6), ("microwave-ablation", 0.6)),
    "radio frequency": (("radiofrequency-ablation", 1.0),),
    "radiofrequency ablation": (("radiofrequency-ablation", 1.0),),
    "microwaves": (("microwave-ablation", 1.0),),
    # Cold.
    "freeze": (("cryoablation", 1.0),),
    "frozen": (("cryoablation", 0.9),),
    "froze": (("cryoablation", 0.9),),
    "ice": (("cryoablation", 0.7),),
    "cryoablate": (("cryoablation", 1.0),),
    # "Zap" is used both for radiation and for ablation.
    "zap": (
        ("stereotactic-body-radiotherapy", 0.6),
        ("stereotactic-radiosurgery", 0.5),
        ("radiofrequency-ablation", 0.5),
    ),
    "zapped": (
        ("stereotactic-body-radiotherapy", 0.6),
        ("stereotactic-radiosurgery", 0.5),
        ("radiofrequency-ablation", 0.5),
    ),
    "zapping": (
        ("stereotactic-body-radiotherapy", 0.6),
        ("stereotactic-radiosurgery", 0.5),
        ("radiofrequency-ablation", 0.5),
    ),
    # Radiation: the stereotactic kinds first at most sites; the site filter decides.
    "stereotactic": (("stereotactic-body-radiotherapy", 0.9), ("stereotactic-radiosurgery", 0.8)),
    "stereotactic radiation": (
        ("stereotactic-body-radiotherapy", 1.0),
        ("stereotactic-radiosurgery", 0.8),
    ),
    "cyber knife": (("stereotactic-body-radiotherapy", 1.0),),
    "gamma knife": (("stereotactic-radiosurgery", 1.0),),
    "whole brain": (("whole-brain-radiotherapy", 1.0),),
    "proton": (("stereotactic-body-radiotherapy", 0.4), ("conventional-radiotherapy", 0.4)),
    "protons": (("stereotactic-body-radiotherapy", 0.4), ("conventional-radiotherapy", 0.4)),
    # Embolisation and its kinds.
    "embolize": (
        ("bland-embolisation", 0.8),
        ("chemoembolisation", 0.8),
        ("radioembolisation", 0.7),
    ),
    "embolise": (
        ("bland-embolisation", 0.8),
        ("chemoembolisation", 0.8),
        ("radioembolisation", 0.7),
    ),
    "embolisation": (
        ("bland-embolisation", 1.0),
        ("chemoembolisation", 0.8),
        ("radioembolisation", 0.7),
    ),
    "embolization": (
        ("bland-embolisation", 1.0),
        ("chemoembolisation", 0.8),
        ("radioembolisation", 0.7),
    ),
    "block the blood supply": (("bland-embolisation", 0.8), ("chemoembolisation", 0.8)),
    "radioactive beads": (("radioembolisation", 1.0),),
    "radioactive spheres": (("radioembolisation", 1.0),),
    "microspheres": (("radioembolisation", 0.9),),
    "yttrium": (("radioembolisation", 1.0),),
    "chemo beads": (("chemoembolisation", 1.0),),
    # Perfusion and infusion.
    "perfusion": (
        ("isolated-limb-perfusion", 0.7),
        ("isolated-hepatic-perfusion", 0.7),
        ("isolated-lung-perfusion", 0.7),
    ),
    "isolated perfusion": (
        ("isolated-limb-perfusion", 0.8),
        ("isolated-hepatic-perfusion", 0.8),
        ("isolated-lung-perfusion", 0.8),
    ),
    # Heated chemotherapy in the abdomen.
    "heated chemotherapy": (("hipec", 1.0),),
    "heated chemo": (("hipec", 1.0),),
    "hot chemo": (("hipec", 1.0),),
    "hot chemotherapy": (("hipec", 1.0),),
    "chemo bath": (("hipec", 1.0),),
    "debulking": (("hipec", 0.6), ("resection", 0.6)),
    "cytoreduction": (("hipec", 0.9),),
    # Others.
    "amputate": (("amputation", 1.0),),
    "amputated": (("amputation", 1.0),),
    "lose the leg": (("amputation", 1.0),),
    "lose the arm": (("amputation", 1.0),),
    "lose my leg": (("amputation", 1.0),),
    "lose my arm": (("amputation", 1.0),),
    "cement": (("vertebral-augmentation", 1.0),),
    "pet scan": (("pet-staging", 1.0),),
    "pet scans": (("pet-staging", 1.0),),
    "node removal": (("lymphadenectomy", 1.0),),
    "remove the nodes": (("lymphadenectomy", 1.0),),
    "remove lymph nodes": (("lymphadenectomy", 1.0),),
    "lymph node removal": (("lymphadenectomy", 1.0),),
    "sentinel node": (("lymphadenectomy", 0.7),),
    "heat therapy": (("regional-hyperthermia", 1.0),),
    "ablate": (
        ("radiofrequency-ablation", 0.8),
        ("microwave-ablation", 0.7),
        ("cryoablation", 0.6),
    ),
    "ablated": (
        ("radiofrequency-ablation", 0.8),
        ("microwave-ablation", 0.7),
        ("cryoablation", 0.6),
    ),
    "ablating": (
        ("radiofrequency-ablation", 0.8),
        ("microwave-ablation", 0.7),
        ("cryoablation", 0.6),
    ),
    "ablative": (("radiofrequency-ablation", 0.6), ("stereotactic-body-radiotherapy", 0.6)),
    "needle": (("radiofrequency-ablation", 0.4), ("cryoablation", 0.3)),
}

#: Words naming a whole family of techniques -> (category, weight). Every
#: technique of the family gets the weight unless a more specific word names it.
LAY_CATEGORIES: dict[str, tuple[str, float]] = {
    "ablation": ("ablation", 0.8),
    "ablations": ("ablation", 0.8),
    "thermal ablation": ("ablation", 0.8),
    "radiation": ("radiotherapy", 0.8),
    "radiation therapy": ("radiotherapy", 0.9),
    "radiotherapy": ("radiotherapy", 0.9),
    "radiate": ("radiotherapy", 0.8),
    "irradiate": ("radiotherapy", 0.8),
    "irradiation": ("radiotherapy", 0.8),
    "radiated": ("radiotherapy", 0.8),
    "rays": ("radiotherapy", 0.6),
    "rt": ("radiotherapy", 0.7),
    "embolisation": ("embolisation", 0.7),
    "embolization": ("embolisation", 0.7),
    "perfusion": ("perfusion", 0.6),
}

#: Words that, with a surgical word, mean a second operation.
REPEAT_WORDS = _words("repeat repeated again another second redo further more")

# --- histologies ---------------------------------------------------------------------

#: Lay or short names of tumour types -> histology key.
LAY_HISTOLOGIES: dict[str, str] = {
    "leio": "leiomyosarcoma",
    "leiomyo": "leiomyosarcoma",
    "uterine leiomyosarcomas": "uterine-leiomyosarcoma",
    "leiomyosarcoma of the uterus": "uterine-leiomyosarcoma",
    "womb lms": "uterine-leiomyosarcoma",
    "myxoid": "myxoid-liposarcoma",
    "myxoid lipo": "myxoid-liposarcoma",
    "lipo": "liposarcoma",
    "dedifferentiated": "dedifferentiated-liposarcoma",
    "synovial": "synovial-sarcoma",
    "epithelioid": "epithelioid-sarcoma",
    "angio": "angiosarcoma",
    "rhabdo": "rhabdomyosarcoma",
    "ups": "malignant-fibrous-histiocytoma",
    "undifferentiated pleomorphic sarcoma": "malignant-fibrous-histiocytoma",
    "soft tissue sarcoma": "soft-tissue-sarcoma",
    "sarcomas": "soft-tissue-sarcoma",
}

#: Tumour types the catalogue does not hold data for (read as a partial answer).
OUT_OF_SCOPE_HISTOLOGIES: dict[str, str] = {
    "osteosarcoma": "osteosarcoma (a bone sarcoma)",
    "ewing": "Ewing sarcoma (a bone sarcoma)",
    "ewings": "Ewing sarcoma (a bone sarcoma)",
    "chondrosarcoma": "chondrosarcoma (a bone sarcoma)",
    "gist": "GIST",
    "gastrointestinal stromal": "GIST",
    "kaposi": "Kaposi sarcoma",
    "desmoid": "desmoid tumours",
    "dfsp": "dermatofibrosarcoma protuberans",
}

#: Treatments the catalogue has no entry for (read as a partial answer).
OUT_OF_SCOPE_TECHNIQUES: dict[str, str] = {
    "proton": "proton therapy",
    "protons": "proton therapy",
    "proton beam": "proton therapy",
    "proton therapy": "proton therapy",
    "brachytherapy": "brachytherapy",
    "hepatic arterial infusion": "hepatic arterial infusion",
    "hepatic artery infusion": "hepatic arterial infusion",
    "hai pump": "hepatic arterial infusion",
    "hifu": "focused ultrasound",
    "focused ultrasound": "focused ultrasound",
    "histotripsy": "histotripsy",
    "transplant": "transplantation",
    "transplantation": "transplantation",
}

#: Words after which a technique or site is named as the thing to avoid, replace or
#: look past ("an alternative to metastasectomy", "without surgery", "outside the lungs").
SETTING_ASIDE = _words(
    "avoid avoiding avoided instead without besides except rather alternative alternatives "
    "replace replacing outside beyond apart"
)

# --- topics --------------------------------------------------------------------------

#: Words and phrases asking where or whether a sarcoma spreads or comes back.
SPREAD_STRONG = _words(
    "spread spreads spreading metastasize metastasizes metastasise metastasises "
    "metastasized metastasised travel travels pattern patterns recur recurs recurring "
    "recurrence recurrences relapse relapses relapsed return returns returned seeding"
) | frozenset(
    (
        "come back",
        "comes back",
        "coming back",
        "came back",
        "where does",
        "where do",
        "where did",
        "where will",
        "go to",
        "goes to",
        "other parts of the body",
        "other organs",
    )
)

#: The spread words that ask about coming back rather than where it goes.
RECURRENCE_WORDS = _words(
    "recur recurs recurring recurrence recurrences relapse relapses relapsed return returns "
    "returned"
) | frozenset(("come back", "comes back", "coming back", "came back"))

#: Words that hint at spread without asking about it ("recurrent disease").
SPREAD_WEAK = _words("recurrent likely often common commonest usually frequent")

#: Words asking for a number: how often, what share. The tables answer these.
RATE_WORDS = _words(
    "incidence prevalence frequency proportion percent percentage rate rates chance "
    "chances risk odds"
) | frozenset(("how many", "how often", "how common", "how likely", "how frequently"))

#: Words about lymph-node spread.
NODAL_WORDS = frozenset(_words("nodal node nodes lymph lymphatic glands"))

#: Words about results: survival, cure, outcome.
OUTCOME_WORDS = _words(
    "survival survive survived surviving outcome outcomes cure cured curable "
    "prognosis benefit effective works success successful alive"
) | frozenset(("disease free", "free of disease", "live longer"))

#: Words that ask for local treatment in general.
TREATMENT_WORDS = _words(
    "treat treated treating treatment treatments therapy therapies option options "
    "procedure procedures manage management local done help approach approaches"
)

#: Question shapes asking what a thing is.
WHAT_IS = ("what is", "what are", "what does", "whats", "explain", "define", "meaning of")

#: Subjects outside the catalogue -> the topic named in the answer's reason.
OUT_OF_SCOPE: dict[str, str] = {
    **dict.fromkeys(
        _words(
            "chemo chemotherapy doxorubicin adriamycin ifosfamide gemcitabine docetaxel "
            "taxotere trabectedin yondelis pazopanib votrient eribulin halaven dacarbazine "
            "dtic olaratumab lartruvo temozolomide immunotherapy keytruda pembrolizumab "
            "nivolumab checkpoint targeted tablets pill pills drug drugs medication medications "
            "hormone hormonal letrozole anastrozole megace aromatase"
        ),
        "systemic treatment (chemotherapy, drugs, hormones)",
    ),
    **dict.fromkeys(
        _words(
            "grade grading graded mitotic mitoses biopsy pathology pathologist "
            "diagnose diagnosed diagnosis misdiagnosed ki67 immunohistochemistry"
        ),
        "diagnosis, grading and staging",
    ),
    **dict.fromkeys(
        _words("symptom symptoms sign signs fatigue tired"),
        "symptoms",
    ),
    **dict.fromkeys(
        _words(
            "cause causes caused genetic genetics gene genes hereditary inherited mutation "
            "mutations tp53 fraumeni prevent prevention"
        ),
        "causes and genetics",
    ),
    **dict.fromkeys(
        _words(
            "diet food eat eating nutrition supplement supplements exercise pregnant pregnancy "
            "fertility insurance cost costs support group hair"
        ),
        "daily life, diet and support",
    ),
    **dict.fromkeys(
        _words("life expectancy lifespan terminal hospice"),
        "life expectancy and prognosis",
    ),
    "clinical trial": "clinical trials",
    "clinical trials": "clinical trials",
    "life expectancy": "life expectancy and prognosis",
    "how long": "life expectancy and prognosis",
}

# --- words that carry no topic -------------------------------------------------------

#: Words that say the disease has spread, without saying where.
METASTASIS_WORDS = _words(
    "met mets metastasis metastases metastatic metastasized metastasised spot spots nodule "
    "nodules lesion lesions deposit deposits secondary secondaries oligometastatic "
    "oligometastases advanced spread"
)

#: Words that say "metastasis" or "tumour" without naming anything; every
#: question has them, so they must not steer the ranking.
GENERIC = _words(
    "met mets metastasis metastases metastatic metastasize metastasized metastic "
    "metastatis metastisis metastatses metastes spot spots nodule nodules lesion lesions "
    "tumour tumours tumor tumors mass masses deposit deposits growth growths cancer "
    "cancers disease sarcoma sarcomas oligometastatic oligometastases secondary "
    "secondaries stage iv advanced recurrent "
    # question and filler words
    "what which who whom whose when where why how can could should would will shall may "
    "might must do does did done is are was were be been being am has have had having "
    "there here this that these those it its he she they them their his her him my me i "
    "we our us you your yours mine husband wife partner mum mom mother dad father son "
    "daughter sister brother friend doctor doctors oncologist oncologists team hospital "
    "told said says say ask asked asking know known tell please thanks thank anyone "
    "anybody someone somebody any anything something some all every each other others "
    "get got getting give given make made take used use using need needs needed want "
    "wants think thought help helps helpful way ways best better good bad right also "
    "just only still even really very much many more most less than then so if but not "
    "no yes or and to of in on at by for with from about into onto out over under up "
    "down off after before during since until while because as a an the"
)

#: Ordinary English words that must never be "corrected" into a catalogue term
#: ("lived" is not a misspelt "liver", "long" not "lung").
COMMON_WORDS = _words(
    "long longer longest live lived lives living liver lover lung lunge lungs bone bones "
    "done gone none tone cone heart heard hearts hears near bear dear year years brain "
    "train drain grain plain limb limp lamb climb nodes notes modes codes node note mode "
    "code skin skip spine spin line fine mine nine wine shine spite spit liked lines "
    "hearing loving moving cover covered recover recovered river rivers later lately "
    "letter better bitter butter tumble tender lover spread bread breed bleed blood "
    "brief brave grave heated hated treated treaten treatable treating related relate "
    "rates rated dates dated states stated sister sisters mister master matter "
    "chance change charge large longs lumps lump bump bumps chest chess cheat wrest "
    "chemo chemical memo demo femur lemur rumor humor humour tumour tumor tumours "
    "tumors surgery surgeon surgeons sugar laser lasers loser losers later layer "
    "player prayer pray prays prayers praying lever levers boner"
)

"""Topic words of a question: spread, rates, outcomes, subjects outside the catalogue.

Also what the catalogue has no entry for (tumour types, treatments), words that set
a technique aside ("instead of"), filler words and ordinary words that must never
be typo-corrected into a domain word.
"""

from __future__ import annotations

__all__ = [
    "COMMON_WORDS",
    "GENERIC",
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

REPEAT_WORDS = _words("repeat repeated again another second redo further more")

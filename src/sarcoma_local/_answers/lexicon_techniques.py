"""Everyday, brand and family words for the catalogue's techniques.

Like :mod:`.lexicon_sites`: only words that are not the name or alias of one
technique record. Each maps to technique keys with a weight below 1 when the word
is vague ("surgery" is weaker than "metastasectomy"). Clinical mappings follow the
catalogue's own technique descriptions ("burn" -> the heat-based ablations RFA,
microwave and laser, whose summaries say they heat the tumour; "freeze" ->
cryoablation; "zap" -> radiotherapy or ablation).
"""

from __future__ import annotations

__all__ = [
    "LAY_CATEGORIES",
    "LAY_TECHNIQUES",
]

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

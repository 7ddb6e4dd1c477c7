"""Everyday words for the catalogue's sites, primary sites and tumour types.

The catalogue's own names and aliases (``sites.json``, ``techniques.json``,
``vocabulary.json``) are read at build time; this module adds only the words a
patient or family member types that are *not* names of one record, so they do
not belong in the data's ``aliases`` (``site("chest")`` must not silently mean
the lung, but a question about "spots in his chest" is about lung metastases far
more often than not). Each entry maps a lay phrase to catalogue keys with a
weight below 1 when the phrase is vague. Phrases are written as they read;
:mod:`.phrases` normalises them the same way it normalises a question.

Clinical mappings follow the catalogue's own technique descriptions (for example
"burn" -> the heat-based ablations RFA, microwave and laser, whose summaries say
they heat the tumour; "freeze" -> cryoablation; "zap" -> radiotherapy or
ablation).
"""

from __future__ import annotations

__all__ = [
    "LAY_HISTOLOGIES",
    "LAY_PRIMARY_SITES",
    "LAY_SITES",
]

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

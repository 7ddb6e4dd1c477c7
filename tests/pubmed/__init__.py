"""Tests of the optional PubMed client (sarcoma_local.pubmed)."""

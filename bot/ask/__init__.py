"""Questions in plain Dutch or English, answered from the agreement.

``text`` turns words into index terms (Snowball stems, a bilingual glossary, Dutch compounds,
typos), ``index`` finds the clauses that answer a question (BM25), ``intents`` recognises the
questions the agreement's structured data answers precisely, and ``answer`` puts it together.
"""

"""Every user-facing text outside the YAML content, in Japanese and English.

- ``text``: a bilingual message built in code;
- ``labels``: the vocabulary of gap reports, CI outputs and the console (``label(key, lang)``);
- ``rfp_labels``: the vocabulary of procurement reports, workbooks and questionnaires.

Both label tables have one shape, ``key → {"ja": …, "en": …}``; a test checks every entry has
both languages.
"""

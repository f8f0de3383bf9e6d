"""Default rule files of `extractor` (installed as the package ``extractor_rules``).

This folder is data: YAML lexicons and grammars, and ``catalog.csv``. Load it with
``extractor.rules.load_rules()``; users overlay their own folder with ``--rules DIR``.
"""

"""Draft a scenario from a plain-text article: actors, issues, relations and events.

The pipeline (:func:`alignsim.extract.pipeline.extract`) reads the text in small steps,
each in its own module:

- :mod:`~alignsim.extract.reading`   file checks (size, binary data, UTF-8)
- :mod:`~alignsim.extract.segment`   paragraphs (blank-line blocks), body detection, sentences
- :mod:`~alignsim.extract.gazetteer` actor mentions (country-converter names plus capitals,
  demonyms, metonyms and officials' titles)
- :mod:`~alignsim.extract.dates`     years, months and days, and relative dates
- :mod:`~alignsim.extract.cameo`     CAMEO root codes, Goldstein weights and event cues
- :mod:`~alignsim.extract.events`    who does what to whom, sentence by sentence
- :mod:`~alignsim.extract.issues`    issue lexicon, salience and positions
- :mod:`~alignsim.extract.relations` signed initial alignments and the event calendar
- :mod:`~alignsim.extract.draft`     the scenario YAML and its evidence side file

Every extracted value carries its :class:`~alignsim.extract.evidence.Evidence`: paragraph,
sentence and character offsets into the input.
"""

from __future__ import annotations

from alignsim.extract.errors import ExtractError

__all__ = ["ExtractError"]

"""The library: the movement's tutorials, links, files and episodes, and toolkits with plans.

- Resources are proposed by members and published by curators (staff or a Curator role);
  every save keeps a ResourceRevision snapshot.
- Translation goes through kuza.translation (integrations.py): a published resource's title,
  summary, text and transcript, and a toolkit's title, summary, steps and checklists are
  translated unit by unit; readers see their language with the source as per-unit fallback
  (reading.py), and a plan started from a toolkit is copied in the starter's language.
  Drafts are never sent to translators. `translation_of` remains for a separately written
  version in another language (a recording made in French, an adapted guide): shown as
  "also available as a separate resource in ...".
- Search uses the database's own full-text engine (see search.py): SQLite FTS5 or PostgreSQL
  tsvectors, over text normalised by textsearch.normalise (case, accents, Arabic harakat);
  each resource's document holds its source text and every unit translation.
- Skill tags are foreign keys to kuza.skills' taxonomy; a skill filter includes narrower
  skills. Tags whose slug matched no skill when they became keys are kept as unmatched for
  curators to fix (migration 0003).
- Resources are reportable (kind "library-resource"); hidden ones leave search, listings and
  the API, and a suspended author's proposals leave curators' queues.
- Toolkits are ordered steps with checklists; a Plan copies them for one team.
"""

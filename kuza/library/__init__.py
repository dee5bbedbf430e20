"""The library: the movement's tutorials, links, files and episodes, and toolkits with plans.

- Resources are proposed by members and published by curators (staff or a Curator role);
  every save keeps a ResourceRevision snapshot. A translation is a linked resource
  (`translation_of` + `language`, unique together).
- Search uses the database's own full-text engine (see search.py): SQLite FTS5 or PostgreSQL
  tsvector, over text normalised by textsearch.normalise (case, accents, Arabic harakat).
- Skills are tagged by slug (ResourceSkillTag) and checked against kuza.skills' Skill model
  when it exists, so the library does not depend on that app's tables.
- Toolkits are ordered steps with checklists; a Plan copies them for one team.

Follow-ups: a foreign key to skills.Skill once that app is stable; registering Resource and
Toolkit with kuza.translation's units so translations can also be made unit by unit.
"""

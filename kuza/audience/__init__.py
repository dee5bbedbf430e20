"""Who may see what, decided in one place.

Layer: above people's profile tiers (kuza.people.visibility) and safety's blocks, suspensions
and moderation (kuza.safety.selectors); below translation and every feature app. It imports
down only; feature apps declare their models here from their integrations.py and read
through it.

- `declarations`: `Audience` (a model's audience, declared once) and its registry;
- `selectors`: `visible_to(queryset, viewer)`, `access(Model, viewer, **lookup)` (fetch and
  check in one step: Http404 for what the viewer may not see), and who of a list of people
  the viewer may see (`people_shown_to`);
- `presenter`: one way to name a person (`{% person %}` in templates, `person_name` for
  CSV and API): a name and profile link only when the viewer may see that profile.
"""

"""The demo's real course, "Starting a gender-gap initiative", in English and French.

Each lesson is written twice with the same structure (one Markdown block per paragraph,
heading or list item), so the French units pair one-to-one with the English source units
and go into the translation app as translations.
"""

from kuza.learning.demo_course.module1 import MODULE as MODULE_1
from kuza.learning.demo_course.module2 import MODULE as MODULE_2
from kuza.learning.demo_course.module3 import MODULE as MODULE_3

COURSE = {
    "title": (
        "Starting a gender-gap initiative",
        "Lancer une initiative contre le fossé des genres",
    ),
    "summary": (
        "A three-module course for people who want to close the gender gap on Wikipedia and "
        "Wikidata in their community: measure the gap, run an edit-a-thon that welcomes "
        "newcomers, write well-sourced biographies of women, keep participants safe and show "
        "what changed.",
        "Un cours en trois modules pour celles et ceux qui veulent réduire le fossé des genres "
        "sur Wikipédia et Wikidata dans leur communauté : mesurer l'écart, organiser un "
        "edit-a-thon accueillant pour les nouvelles personnes, rédiger des biographies de femmes "
        "bien sourcées, assurer la sécurité des participantes et montrer ce qui a changé.",
    ),
}

MODULES = (MODULE_1, MODULE_2, MODULE_3)

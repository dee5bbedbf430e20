"""Module 1: finding the gap."""
# ruff: noqa: E501 - course prose and its translation read better unbroken

WHY = (
    """Wikipedia is where millions of people first look someone up. When a woman scientist, \
politician or artist has no article, she is missing from that first look, and from the \
search engines, voice assistants and AI tools that reuse Wikipedia.

## How big is the gap?

On most language editions, fewer than one biography in five is about a woman. The share \
changes slowly: a few tenths of a percentage point per year on the largest wikis.

The gap is not only in numbers. Articles about women are often shorter, mention their \
husbands and families more, and link to fewer other articles.

## Why it happens

- Most editors are men, and people write about what they know.
- Historical sources recorded fewer women, so there is less to cite.
- Notability rules reward coverage that women were often denied.

## What a local initiative can do

A small group that meets regularly can add dozens of well-sourced biographies a year, \
improve existing ones, and bring new women editors into the community. This course shows \
you how to start.""",
    """Wikipédia est le premier endroit où des millions de personnes cherchent quelqu'un. \
Quand une scientifique, une femme politique ou une artiste n'a pas d'article, elle est absente \
de ce premier regard, et des moteurs de recherche, assistants vocaux et outils d'IA qui \
réutilisent Wikipédia.

## Quelle est l'ampleur du fossé ?

Dans la plupart des éditions linguistiques, moins d'une biographie sur cinq porte sur une \
femme. La proportion évolue lentement : quelques dixièmes de point par an sur les plus \
grands wikis.

Le fossé ne tient pas qu'aux chiffres. Les articles sur des femmes sont souvent plus courts, \
parlent davantage de leur mari et de leur famille, et renvoient vers moins d'autres articles.

## Pourquoi ce fossé existe

- La plupart des contributeurs sont des hommes, et chacun écrit sur ce qu'il connaît.
- Les sources historiques ont moins parlé des femmes : il y a moins à citer.
- Les règles d'admissibilité récompensent une couverture médiatique souvent refusée aux femmes.

## Ce qu'une initiative locale peut faire

Un petit groupe qui se réunit régulièrement peut ajouter des dizaines de biographies bien \
sourcées par an, améliorer celles qui existent et faire entrer de nouvelles contributrices \
dans la communauté. Ce cours vous montre comment commencer.""",
)

MEASURE = (
    """Before you plan anything, measure the gap where you want to act. Wikidata, the \
structured database behind Wikipedia, records people as items that are *instance of* \
(P31) *human* (Q5), with a *sex or gender* (P21).

## Ready-made statistics

- Denelezh and its successor Humaniki show the share of women among biographies by \
country, occupation, birth decade and language edition.
- The Wikidata Human Gender Indicators (WHGI) publish the same figures over time, so you \
can see the trend.

## Your own query

The Wikidata Query Service answers precise questions. This query counts people with a \
country of citizenship (P27) of Kenya (Q114), by gender:

```
SELECT ?gender (COUNT(?person) AS ?people) WHERE {
  ?person wdt:P31 wd:Q5; wdt:P27 wd:Q114; wdt:P21 ?gender.
} GROUP BY ?gender
```

Change Q114 to your country, or add an occupation (P106), to find the gap that matters to \
your group.

## Write your baseline down

Note the date and the figures before your first event. Without a baseline you will not be \
able to show what changed.""",
    """Avant de planifier quoi que ce soit, mesurez le fossé là où vous voulez agir. \
Wikidata, la base de données structurée derrière Wikipédia, décrit les personnes comme des \
éléments qui sont *nature de l'élément* (P31) *être humain* (Q5), avec un *sexe ou genre* (P21).

## Des statistiques toutes prêtes

- Denelezh et son successeur Humaniki montrent la part des femmes parmi les biographies par \
pays, profession, décennie de naissance et édition linguistique.
- Les Wikidata Human Gender Indicators (WHGI) publient les mêmes chiffres dans le temps : \
on voit la tendance.

## Votre propre requête

Le Wikidata Query Service répond à des questions précises. Cette requête compte les \
personnes de nationalité (P27) kényane (Q114), par genre :

```
SELECT ?gender (COUNT(?person) AS ?people) WHERE {
  ?person wdt:P31 wd:Q5; wdt:P27 wd:Q114; wdt:P21 ?gender.
} GROUP BY ?gender
```

Remplacez Q114 par votre pays, ou ajoutez une profession (P106), pour trouver l'écart qui \
compte pour votre groupe.

## Notez votre point de départ

Notez la date et les chiffres avant votre premier événement. Sans point de départ, vous ne \
pourrez pas montrer ce qui a changé.""",
)

FOCUS = (
    """A focus makes an initiative easier to explain, to find sources for, and to measure.

## Good focuses

- A place: women of your country, region or city.
- A field: women in science, sport, music, politics or medicine.
- A language: biographies that exist in English or French but not in Swahili, Hausa or Arabic.

## Finding the missing women

- WikiProject Women in Red keeps lists of missing biographies ("red links") by country and \
occupation, made from Wikidata.
- National biographical dictionaries, university honours lists and prize winners name women \
who are notable but absent.
- Articles in other language editions can be translated, checking each source.

Choose a list of twenty to fifty names for your first event: enough for everyone, small \
enough to check in advance that sources exist.""",
    """Un thème rend une initiative plus facile à expliquer, à documenter et à mesurer.

## De bons thèmes

- Un lieu : les femmes de votre pays, de votre région ou de votre ville.
- Un domaine : les femmes dans les sciences, le sport, la musique, la politique ou la médecine.
- Une langue : des biographies qui existent en anglais ou en français mais pas en swahili, en \
haoussa ou en arabe.

## Trouver les femmes absentes

- Le WikiProjet Women in Red tient des listes de biographies manquantes (« liens rouges ») par \
pays et par profession, établies à partir de Wikidata.
- Les dictionnaires biographiques nationaux, les listes de distinctions universitaires et les \
lauréates de prix nomment des femmes notables mais absentes.
- Les articles d'autres éditions linguistiques peuvent être traduits, en vérifiant chaque source.

Choisissez une liste de vingt à cinquante noms pour votre premier événement : assez pour tout \
le monde, assez peu pour vérifier à l'avance que des sources existent.""",
)

MODULE = {
    "title": ("Finding the gap", "Trouver le fossé"),
    "lessons": [
        {
            "title": ("Why the gender gap matters", "Pourquoi le fossé des genres compte"),
            "body": WHY,
        },
        {
            "title": ("Measuring the gap with Wikidata", "Mesurer le fossé avec Wikidata"),
            "body": MEASURE,
            "links": [
                (
                    "Humaniki: gender gap statistics",
                    "https://humaniki.wmcloud.org/",
                    "other",
                    "",
                ),
                (
                    "Wikidata Query Service tutorial (video)",
                    "https://www.youtube.com/watch?v=kJph4q0Im98",
                    "video",
                    "1 h",
                ),
            ],
        },
        {"title": ("Choosing your focus", "Choisir votre thème"), "body": FOCUS},
    ],
    "quiz": {
        "title": ("Check: finding the gap", "Vérifiez : trouver le fossé"),
        "pass_mark": 75,
        "questions": [
            {
                "kind": "single",
                "prompt": (
                    "Which Wikidata property records a person's sex or gender?",
                    "Quelle propriété Wikidata indique le sexe ou le genre d'une personne ?",
                ),
                "options": [
                    (
                        ("P21", "P21"),
                        True,
                        ("Right: P21 is sex or gender.", "Exact : P21 est sexe ou genre."),
                    ),
                    (
                        ("P27", "P27"),
                        False,
                        ("P27 is country of citizenship.", "P27 est la nationalité."),
                    ),
                    (("P106", "P106"), False, ("P106 is occupation.", "P106 est la profession.")),
                ],
            },
            {
                "kind": "text",
                "prompt": (
                    "Which item identifier means *human* on Wikidata (for example Q42)?",
                    "Quel identifiant d'élément signifie *être humain* sur Wikidata (par exemple Q42) ?",
                ),
                "accepted": ["Q5"],
            },
            {
                "kind": "numeric",
                "prompt": (
                    "Your query finds 380 women among 2,000 biographies. What percentage are women?",
                    "Votre requête trouve 380 femmes parmi 2 000 biographies. Quel pourcentage sont des femmes ?",
                ),
                "answer": 19,
                "tolerance": 0.5,
            },
            {
                "kind": "multiple",
                "prompt": (
                    "Where can you find notable women who have no article yet?",
                    "Où trouver des femmes notables qui n'ont pas encore d'article ?",
                ),
                "options": [
                    (("Women in Red lists", "Les listes de Women in Red"), True, ("", "")),
                    (
                        (
                            "National biographical dictionaries",
                            "Les dictionnaires biographiques nationaux",
                        ),
                        True,
                        ("", ""),
                    ),
                    (
                        (
                            "Anonymous social media posts",
                            "Des publications anonymes sur les réseaux sociaux",
                        ),
                        False,
                        (
                            "These are not reliable sources: they cannot show notability.",
                            "Ce ne sont pas des sources fiables : elles ne montrent pas l'admissibilité.",
                        ),
                    ),
                    (
                        ("Prize and award winners", "Les lauréates de prix et distinctions"),
                        True,
                        ("", ""),
                    ),
                ],
            },
        ],
    },
}

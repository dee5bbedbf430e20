"""Module 2: planning an edit-a-thon, and sources and notability for women's biographies."""
# ruff: noqa: E501 - course prose and its translation read better unbroken

BEFORE = (
    """An edit-a-thon is a few hours where people write and improve articles together. The \
work that makes it succeed happens in the weeks before.

## Four weeks before

- Set one goal you can count, for example "twenty new biographies of Kenyan women scientists".
- Find a partner: a library, university or women's association brings a room, sources and \
participants.
- Create an event page on your wiki and an event on the Programs & Events Dashboard, which \
tracks every edit participants make.

## One week before

- Check the room's connection and power sockets; plan for phones as well as laptops.
- Ask participants to create their accounts before the day: a wiki allows only six new \
accounts per network address per day, and a whole room shares one address.
- Prepare the list of names with at least two sources each.

## The day before

Print the list, the steps to create an article, and your friendly space rules. Paper works \
when the connection does not.""",
    """Un edit-a-thon, ce sont quelques heures pendant lesquelles on rédige et améliore des \
articles ensemble. Le travail qui le fait réussir se passe dans les semaines précédentes.

## Quatre semaines avant

- Fixez un objectif que l'on peut compter, par exemple « vingt nouvelles biographies de \
scientifiques kényanes ».
- Trouvez un partenaire : une bibliothèque, une université ou une association de femmes \
apporte une salle, des sources et des participantes.
- Créez une page d'événement sur votre wiki et un événement sur le Programs & Events \
Dashboard, qui suit chaque modification des participantes.

## Une semaine avant

- Vérifiez la connexion et les prises électriques de la salle ; prévoyez des téléphones \
autant que des ordinateurs.
- Demandez aux participantes de créer leur compte avant le jour J : un wiki n'autorise que six \
nouveaux comptes par adresse réseau et par jour, et toute une salle partage une seule adresse.
- Préparez la liste des noms avec au moins deux sources chacun.

## La veille

Imprimez la liste, les étapes pour créer un article et vos règles d'espace bienveillant. Le \
papier fonctionne quand la connexion ne fonctionne pas.""",
)

SOURCES = (
    """A new biography survives when it shows that the person is notable: that reliable \
sources, independent of her, have written about her in some depth.

## Good sources

- Newspapers and magazines with an editorial team, including archives and local papers.
- Books and academic articles, in any language.
- Obituaries, biographical dictionaries and official records of prizes.

## Weak sources

- Her own website, CV or social media: useful for a date, never for notability.
- Press releases and pages of her employer.
- Blogs and forums without editorial control.

## Writing about living women

Wikipedia's policy on biographies of living persons asks for a source for every claim that \
could be challenged, and for care with private details. Leave out her address, her family \
and her health unless reliable sources discuss them.

## Start in a draft

Write the first version in the Draft namespace or your sandbox, with the sources already \
cited, then move it to the encyclopedia. A finished draft is rarely deleted.""",
    """Une nouvelle biographie est conservée quand elle montre que la personne est \
admissible : que des sources fiables, indépendantes d'elle, ont écrit sur elle de manière \
approfondie.

## De bonnes sources

- Les journaux et magazines dotés d'une rédaction, y compris les archives et la presse locale.
- Les livres et articles universitaires, dans n'importe quelle langue.
- Les nécrologies, les dictionnaires biographiques et les palmarès officiels de prix.

## Des sources faibles

- Son propre site, son CV ou ses réseaux sociaux : utiles pour une date, jamais pour \
l'admissibilité.
- Les communiqués de presse et les pages de son employeur.
- Les blogs et forums sans contrôle éditorial.

## Écrire sur des femmes vivantes

La règle de Wikipédia sur les biographies de personnes vivantes demande une source pour \
chaque affirmation contestable, et de la prudence avec la vie privée. Ne mentionnez ni son \
adresse, ni sa famille, ni sa santé, sauf si des sources fiables en parlent.

## Commencez par un brouillon

Rédigez la première version dans l'espace Brouillon ou votre page de test, avec les sources \
déjà citées, puis publiez-la dans l'encyclopédie. Un brouillon abouti est rarement supprimé.""",
)

ON_THE_DAY = (
    """The day itself is about welcome more than speed.

## The first hour

- Greet each person by name and pair every newcomer with someone who has edited before.
- Read the friendly space rules aloud and say who to talk to if something goes wrong.
- Start with a small edit everyone can finish: add a source or a photo caption.

## The rest of the day

- Keep the list of names visible and mark who works on which person, so no two people \
write the same article.
- Ask everyone to add your event hashtag to their edit summaries, for example #WikiGap.
- Stop thirty minutes before the end to publish drafts and celebrate what was done.

## The week after

Thank participants with the numbers from the dashboard and invite them to the next meeting. \
Most new editors who come back do so because someone asked.""",
    """Le jour même, l'accueil compte plus que la vitesse.

## La première heure

- Accueillez chaque personne par son nom et associez chaque nouvelle venue à une personne \
qui a déjà contribué.
- Lisez à voix haute les règles d'espace bienveillant et dites à qui s'adresser en cas de \
problème.
- Commencez par une petite modification que tout le monde peut terminer : ajouter une source \
ou une légende de photo.

## Le reste de la journée

- Gardez la liste des noms visible et notez qui travaille sur quelle personne, pour que deux \
personnes n'écrivent pas le même article.
- Demandez à chacune d'ajouter le mot-dièse de l'événement à ses résumés de modification, par \
exemple #WikiGap.
- Arrêtez trente minutes avant la fin pour publier les brouillons et fêter ce qui a été fait.

## La semaine suivante

Remerciez les participantes avec les chiffres du tableau de bord et invitez-les à la \
prochaine rencontre. La plupart des nouvelles contributrices qui reviennent le font parce \
qu'on le leur a demandé.""",
)

MODULE = {
    "title": ("Planning an edit-a-thon", "Organiser un edit-a-thon"),
    "lessons": [
        {"title": ("Before the day", "Avant le jour J"), "body": BEFORE},
        {
            "title": (
                "Sources and notability for women's biographies",
                "Sources et admissibilité des biographies de femmes",
            ),
            "body": SOURCES,
        },
        {"title": ("On the day", "Le jour J"), "body": ON_THE_DAY},
    ],
    "quiz": {
        "title": ("Check: planning an edit-a-thon", "Vérifiez : organiser un edit-a-thon"),
        "pass_mark": 75,
        "max_attempts": 3,
        "questions": [
            {
                "kind": "numeric",
                "prompt": (
                    "How many new accounts can be created from one network address per day?",
                    "Combien de nouveaux comptes peut-on créer depuis une même adresse réseau par jour ?",
                ),
                "answer": 6,
                "tolerance": 0,
            },
            {
                "kind": "multiple",
                "prompt": (
                    "Which sources can show that a woman is notable?",
                    "Quelles sources peuvent montrer qu'une femme est admissible ?",
                ),
                "options": [
                    (
                        ("A newspaper profile of her", "Un portrait d'elle dans un journal"),
                        True,
                        ("", ""),
                    ),
                    (
                        ("Her own CV", "Son propre CV"),
                        False,
                        (
                            "Useful for dates, not for notability.",
                            "Utile pour les dates, pas pour l'admissibilité.",
                        ),
                    ),
                    (
                        (
                            "An academic book about her work",
                            "Un livre universitaire sur ses travaux",
                        ),
                        True,
                        ("", ""),
                    ),
                    (
                        (
                            "Her employer's press release",
                            "Le communiqué de presse de son employeur",
                        ),
                        False,
                        ("Not independent of her.", "Pas indépendant d'elle."),
                    ),
                ],
            },
            {
                "kind": "single",
                "prompt": (
                    "Where should a newcomer write her first biography?",
                    "Où une nouvelle contributrice devrait-elle rédiger sa première biographie ?",
                ),
                "options": [
                    (
                        (
                            "In a draft or her sandbox, with sources",
                            "Dans un brouillon ou sa page de test, avec des sources",
                        ),
                        True,
                        (
                            "Yes: a finished draft is rarely deleted.",
                            "Oui : un brouillon abouti est rarement supprimé.",
                        ),
                    ),
                    (
                        (
                            "Directly in the encyclopedia, sources later",
                            "Directement dans l'encyclopédie, les sources plus tard",
                        ),
                        False,
                        (
                            "Unsourced new articles are often deleted within hours.",
                            "Les nouveaux articles sans sources sont souvent supprimés en quelques heures.",
                        ),
                    ),
                ],
            },
            {
                "kind": "text",
                "prompt": (
                    "What do participants add to their edit summaries so the event's edits can be counted?",
                    "Qu'ajoutent les participantes à leurs résumés de modification pour que les "
                    "modifications de l'événement soient comptées ?",
                ),
                "accepted": [
                    "hashtag",
                    "a hashtag",
                    "the hashtag",
                    "the event hashtag",
                    "mot-dièse",
                    "un mot-dièse",
                    "le mot-dièse",
                ],
                "accent_insensitive": True,
            },
        ],
    },
}

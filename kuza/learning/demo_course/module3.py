"""Module 3: safety, and measuring results."""
# ruff: noqa: E501 - course prose and its translation read better unbroken

SAFETY = (
    """Women who write about women are sometimes targeted: insulting messages, attempts to \
find out who they are, edits reverted without reason. Plan for safety from the start.

## Protect identities

- Suggest usernames that are not a legal name; nobody has to edit under their real name.
- Ask before taking or sharing photos of participants, and never publish a list of \
participants' usernames with their real names.
- Participants can edit without stating their gender, location or employer.

## Have a plan when something goes wrong

- Name two contact people at every event and publish how to reach them.
- The Universal Code of Conduct applies on every Wikimedia project; report breaches to the \
local administrators or through the wiki's reporting channels.
- In an emergency involving a threat of harm, write to emergency@wikimedia.org.

## Look after each other

Check in with participants after a hostile exchange. Reply to bad-faith messages together, \
or not at all.""",
    """Les femmes qui écrivent sur des femmes sont parfois prises pour cibles : messages \
insultants, tentatives de découvrir leur identité, modifications annulées sans raison. \
Prévoyez la sécurité dès le départ.

## Protéger les identités

- Suggérez des noms d'utilisatrice qui ne sont pas un nom légal ; personne n'est obligé de \
contribuer sous son vrai nom.
- Demandez avant de prendre ou de partager des photos des participantes, et ne publiez jamais \
une liste de noms d'utilisatrice associés à des noms réels.
- On peut contribuer sans indiquer son genre, son lieu de vie ou son employeur.

## Avoir un plan en cas de problème

- Désignez deux personnes de contact à chaque événement et indiquez comment les joindre.
- Le Code de conduite universel s'applique à tous les projets Wikimedia ; signalez les \
manquements aux administrateurs locaux ou par les canaux de signalement du wiki.
- En cas d'urgence avec une menace de violence, écrivez à emergency@wikimedia.org.

## Prendre soin les unes des autres

Prenez des nouvelles des participantes après un échange hostile. Répondez ensemble aux \
messages de mauvaise foi, ou n'y répondez pas.""",
)

RESULTS = (
    """Measure what you promised, and a little more.

## Counts from the dashboard

- Articles created and improved, and words and references added.
- Participants, and how many were new editors.
- Views of the articles you created, a few months later.

## The gap itself

Repeat your baseline query or read Humaniki again after a few months. A group rarely moves \
the national figure much; show instead the change in your focus list, for example "twelve of \
our forty women scientists now have an article".

## Retention

Count how many new editors made at least one edit three months after the event. This is the \
figure that tells you whether your community is growing.

## Stories

Numbers convince funders; stories convince people. Ask two participants what they learnt and \
what they will write next.""",
    """Mesurez ce que vous avez promis, et un peu plus.

## Les chiffres du tableau de bord

- Les articles créés et améliorés, les mots et les références ajoutés.
- Les participantes, et combien contribuaient pour la première fois.
- Les consultations des articles créés, quelques mois plus tard.

## Le fossé lui-même

Relancez votre requête de départ ou relisez Humaniki après quelques mois. Un groupe fait \
rarement bouger beaucoup le chiffre national ; montrez plutôt le changement dans votre liste, \
par exemple « douze de nos quarante scientifiques ont désormais un article ».

## La fidélisation

Comptez combien de nouvelles contributrices ont fait au moins une modification trois mois \
après l'événement. C'est le chiffre qui dit si votre communauté grandit.

## Les récits

Les chiffres convainquent les financeurs ; les récits convainquent les personnes. Demandez à \
deux participantes ce qu'elles ont appris et ce qu'elles écriront ensuite.""",
)

KEEP_GOING = (
    """One event is a start; a habit closes gaps.

## Make it regular

- Meet once a month, online or in person, at a time that suits people who work.
- Join international campaigns such as WikiGap, Women in Red's monthly themes or #SheSaid, \
which bring lists, visibility and sometimes prizes.

## Grow new organisers

- Let experienced participants lead part of each event.
- Pair them with mentors from other communities through Kuza.

## Share what you learn

Write a short report after each event: what worked, what did not, and the figures. The next \
group that starts an initiative will thank you.""",
    """Un événement est un début ; une habitude réduit les écarts.

## Rendre les rencontres régulières

- Réunissez-vous une fois par mois, en ligne ou en personne, à une heure qui convient aux \
personnes qui travaillent.
- Rejoignez des campagnes internationales comme WikiGap, les thèmes mensuels de Women in Red \
ou #SheSaid, qui apportent des listes, de la visibilité et parfois des prix.

## Former de nouvelles organisatrices

- Laissez les participantes expérimentées animer une partie de chaque événement.
- Associez-les à des mentores d'autres communautés grâce à Kuza.

## Partager ce que vous apprenez

Rédigez un court bilan après chaque événement : ce qui a marché, ce qui n'a pas marché, et \
les chiffres. Le prochain groupe qui lancera une initiative vous remerciera.""",
)

MODULE = {
    "title": ("Safety and measuring results", "Sécurité et mesure des résultats"),
    "lessons": [
        {
            "title": ("Keeping participants safe", "Assurer la sécurité des participantes"),
            "body": SAFETY,
        },
        {"title": ("Measuring results", "Mesurer les résultats"), "body": RESULTS},
        {"title": ("Keeping going", "Continuer"), "body": KEEP_GOING},
    ],
    "quiz": {
        "title": ("Check: safety and results", "Vérifiez : sécurité et résultats"),
        "pass_mark": 75,
        "questions": [
            {
                "kind": "single",
                "prompt": (
                    "A participant receives a message threatening violence. Where do you write?",
                    "Une participante reçoit un message menaçant de violence. À qui écrivez-vous ?",
                ),
                "options": [
                    (("emergency@wikimedia.org", "emergency@wikimedia.org"), True, ("", "")),
                    (
                        (
                            "The talk page of the person who sent it",
                            "La page de discussion de l'auteur du message",
                        ),
                        False,
                        (
                            "Never engage alone with a threat.",
                            "Ne répondez jamais seule à une menace.",
                        ),
                    ),
                ],
            },
            {
                "kind": "multiple",
                "prompt": (
                    "Which of these protect participants' identities?",
                    "Lesquelles de ces pratiques protègent l'identité des participantes ?",
                ),
                "options": [
                    (
                        (
                            "Usernames that are not legal names",
                            "Des noms d'utilisatrice qui ne sont pas des noms légaux",
                        ),
                        True,
                        ("", ""),
                    ),
                    (
                        ("Asking before sharing photos", "Demander avant de partager des photos"),
                        True,
                        ("", ""),
                    ),
                    (
                        (
                            "Publishing usernames next to real names",
                            "Publier les noms d'utilisatrice avec les noms réels",
                        ),
                        False,
                        (
                            "This exposes people to harassment.",
                            "Cela expose les personnes au harcèlement.",
                        ),
                    ),
                ],
            },
            {
                "kind": "text",
                "prompt": (
                    "What is the name of the measure of how many new editors are still editing months later?",
                    "Comment s'appelle la mesure du nombre de nouvelles personnes qui contribuent encore des mois plus tard ?",
                ),
                "accepted": ["retention", "fidélisation", "rétention"],
                "accent_insensitive": True,
            },
            {
                "kind": "numeric",
                "prompt": (
                    "12 of your 40 focus names now have an article. What percentage is that?",
                    "12 des 40 noms de votre liste ont maintenant un article. Quel pourcentage cela représente-t-il ?",
                ),
                "answer": 30,
                "tolerance": 1,
                "tolerance_kind": "percent",
            },
        ],
    },
}

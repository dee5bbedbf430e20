"""Demo toolkits, in English and French: (slug, title, summary, language, original, steps).

Each step: (title, guidance in Markdown, [checklist items]).
"""

from __future__ import annotations

EDITATHON_EN = (
    "host-an-edit-a-thon",
    "Host an edit-a-thon",
    "Everything a user group needs to host an edit-a-thon with a partner: from the theme to "
    "the follow-up. Start a plan to share the steps with your co-organisers.",
    "en",
    None,
    [
        (
            "Choose a theme and a partner",
            "A theme gives participants a reason to come; a partner (library, university, "
            "women's association) brings the room, the audience and the sources.",
            [
                "Agree the theme with the partner",
                "Fix the date, time and venue",
                "Agree who pays for what (room, food, transport)",
                "Write the event page on the wiki",
            ],
        ),
        (
            "Prepare the list of articles and sources",
            "Prepare 20 to 40 articles to create or improve, each with two or three reliable, "
            "independent sources. New articles with prepared sources are rarely deleted.",
            [
                "List the articles to create or improve",
                "Find two or three sources for each",
                "Check which articles exist in other languages",
                "Publish the list on the event page",
            ],
        ),
        (
            "Invite and register participants",
            "Invite through the partner's networks as well as your own. Ask for usernames at "
            "registration so you can count contributions.",
            [
                "Send the invitation with the friendly space policy",
                "Ask participants to create their account at home",
                "Register the event on the Programs & Events Dashboard",
                "Send a reminder two days before",
            ],
        ),
        (
            "Get the room ready",
            "Good Wi-Fi and enough power matter more than anything else on the day.",
            [
                "Test the Wi-Fi with several laptops",
                "Check sockets and extension leads",
                "Print the sign-in sheet and the friendly space policy",
                "Plan food and drinks",
            ],
        ),
        (
            "Run the day",
            "Welcome (10 minutes), demonstration (20 minutes), editing in pairs (2 to 3 "
            "hours), closing round. Experienced editors walk around and help.",
            [
                "Welcome and present the friendly space policy",
                "Demonstrate the visual editor and adding a reference",
                "Pair newcomers with experienced editors",
                "Take photos only of people who agreed",
                "Closing round: what did we create?",
            ],
        ),
        (
            "Follow up",
            "The week after the event decides whether newcomers keep editing.",
            [
                "Thank participants and the partner within two days",
                "Share the dashboard figures",
                "Watch new articles for deletion nominations and help their authors",
                "Write a short report for the partner and the community",
            ],
        ),
    ],
)

EDITATHON_FR = (
    "organiser-un-edit-a-thon",
    "Organiser un edit-a-thon",
    "Tout ce qu'un groupe d'utilisatrices et d'utilisateurs doit prévoir pour organiser un "
    "edit-a-thon avec un partenaire, du thème au suivi. Commencez un plan pour partager les "
    "étapes avec vos co-organisatrices.",
    "fr",
    "host-an-edit-a-thon",
    [
        (
            "Choisir un thème et un partenaire",
            "Le thème donne une raison de venir ; le partenaire (bibliothèque, université, "
            "association de femmes) apporte la salle, le public et les sources.",
            [
                "Valider le thème avec le partenaire",
                "Fixer la date, l'heure et le lieu",
                "Décider qui paie quoi (salle, repas, transport)",
                "Rédiger la page de l'événement sur le wiki",
            ],
        ),
        (
            "Préparer la liste d'articles et de sources",
            "Préparez 20 à 40 articles à créer ou à améliorer, chacun avec deux ou trois "
            "sources fiables et indépendantes. Les nouveaux articles bien sourcés sont "
            "rarement supprimés.",
            [
                "Lister les articles à créer ou à améliorer",
                "Trouver deux ou trois sources pour chacun",
                "Vérifier quels articles existent dans d'autres langues",
                "Publier la liste sur la page de l'événement",
            ],
        ),
        (
            "Inviter et inscrire les participantes",
            "Invitez par les réseaux du partenaire autant que par les vôtres. Demandez le nom "
            "d'utilisatrice à l'inscription pour compter les contributions.",
            [
                "Envoyer l'invitation avec la politique d'espace bienveillant",
                "Demander de créer son compte à la maison",
                "Inscrire l'événement sur le tableau de bord Programs & Events",
                "Envoyer un rappel deux jours avant",
            ],
        ),
        (
            "Préparer la salle",
            "Un bon Wi-Fi et assez de prises comptent plus que tout le jour J.",
            [
                "Tester le Wi-Fi avec plusieurs ordinateurs",
                "Vérifier les prises et les rallonges",
                "Imprimer la feuille d'émargement et la politique d'espace bienveillant",
                "Prévoir à boire et à manger",
            ],
        ),
        (
            "Animer la journée",
            "Accueil (10 minutes), démonstration (20 minutes), contributions en binômes (2 à "
            "3 heures), tour de table final.",
            [
                "Accueillir et présenter la politique d'espace bienveillant",
                "Montrer l'éditeur visuel et l'ajout d'une référence",
                "Former des binômes débutante / contributrice expérimentée",
                "Ne photographier que les personnes qui l'acceptent",
                "Tour de table : qu'avons-nous créé ?",
            ],
        ),
        (
            "Assurer le suivi",
            "La semaine qui suit décide si les nouvelles contributrices continuent.",
            [
                "Remercier participantes et partenaire sous deux jours",
                "Partager les chiffres du tableau de bord",
                "Surveiller les propositions de suppression et aider les autrices",
                "Rédiger un court bilan pour le partenaire et la communauté",
            ],
        ),
    ],
)

SAFETY_EN = (
    "event-safety-and-risk-checklist",
    "Event safety and risk checklist",
    "Plan for the safety of everyone at your event: the friendly space policy, safety "
    "contacts, the venue, incidents and follow-up. Use it with the event risk register "
    "template from the library.",
    "en",
    None,
    [
        (
            "Policy and safety contacts",
            "Name two safety contacts who are not the main speakers, and make sure they know "
            "how to receive a report: listen, write it down, do not promise what you cannot do.",
            [
                "Adapt and publish the friendly space policy",
                "Name two safety contacts and share their phone numbers",
                "Agree the steps when someone breaks the policy",
            ],
        ),
        (
            "Venue and access",
            "Visit the venue before you confirm it, at the time of day of the event.",
            [
                "Check exits and the evacuation plan",
                "Check accessible entrance and toilets",
                "Find a quiet room people can step into",
                "Know the nearest clinic and where the first-aid kit is",
            ],
        ),
        (
            "Risk register",
            "List the risks, how likely and how serious each is, what you do to prevent it "
            "and who acts if it happens.",
            [
                "Fill in the risk register with the team",
                "Give each risk someone responsible",
                "Review the register a week before the event",
            ],
        ),
        (
            "Photos and personal data",
            "Photos and sign-in sheets are personal data: collect only what you need.",
            [
                "Ask photo consent at sign-in",
                "Offer a lanyard colour for 'no photos'",
                "Store sign-in sheets privately and delete them when no longer needed",
            ],
        ),
        (
            "During the event",
            "Remind the policy at the welcome, in one minute, seriously.",
            [
                "Present the policy and the safety contacts",
                "Keep a written log of any incident",
                "Make sure people get home safely after late sessions",
            ],
        ),
        (
            "After the event",
            "Follow up quietly and keep notes confidential.",
            [
                "Follow up with anyone who reported something within a week",
                "Share lessons learned with the team, without names",
                "Update the policy and the register for next time",
            ],
        ),
    ],
)

SAFETY_FR = (
    "securite-et-risques-d-un-evenement",
    "Sécurité et gestion des risques d'un événement",
    "Préparez la sécurité de toutes et tous à votre événement : politique d'espace "
    "bienveillant, référentes, lieu, incidents et suivi. À utiliser avec le registre des "
    "risques de la bibliothèque.",
    "fr",
    "event-safety-and-risk-checklist",
    [
        (
            "Politique et référentes sécurité",
            "Désignez deux référentes qui ne sont pas les oratrices principales, et "
            "assurez-vous qu'elles savent recevoir un signalement : écouter, noter, ne pas "
            "promettre ce qu'on ne peut pas tenir.",
            [
                "Adapter et publier la politique d'espace bienveillant",
                "Désigner deux référentes et communiquer leur numéro",
                "Convenir des étapes en cas de manquement",
            ],
        ),
        (
            "Lieu et accessibilité",
            "Visitez le lieu avant de le confirmer, à l'heure de l'événement.",
            [
                "Vérifier les sorties et le plan d'évacuation",
                "Vérifier l'entrée et les toilettes accessibles",
                "Prévoir une salle calme",
                "Repérer le centre de santé le plus proche et la trousse de secours",
            ],
        ),
        (
            "Registre des risques",
            "Listez les risques, leur probabilité et leur gravité, la prévention et qui agit "
            "s'ils surviennent.",
            [
                "Remplir le registre des risques en équipe",
                "Attribuer chaque risque à une personne",
                "Relire le registre une semaine avant",
            ],
        ),
        (
            "Photos et données personnelles",
            "Photos et feuilles d'émargement sont des données personnelles : ne collectez que "
            "le nécessaire.",
            [
                "Recueillir le consentement photo à l'accueil",
                "Proposer un cordon de couleur « pas de photo »",
                "Conserver les feuilles à l'abri et les détruire ensuite",
            ],
        ),
        (
            "Pendant l'événement",
            "Rappelez la politique à l'accueil, en une minute, sérieusement.",
            [
                "Présenter la politique et les référentes",
                "Tenir un journal écrit des incidents",
                "Veiller au retour de chacune après les sessions tardives",
            ],
        ),
        (
            "Après l'événement",
            "Assurez un suivi discret et gardez les notes confidentielles.",
            [
                "Recontacter sous une semaine les personnes qui ont signalé quelque chose",
                "Partager les enseignements avec l'équipe, sans noms",
                "Mettre à jour la politique et le registre",
            ],
        ),
    ],
)

TOOLKITS = [EDITATHON_EN, SAFETY_EN, EDITATHON_FR, SAFETY_FR]

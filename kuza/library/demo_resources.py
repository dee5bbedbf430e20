"""Demo library resources: real-looking material from the movement, in four languages.

Each entry: key, the resource's fields, and optionally `translation_of` (another key),
`status` (published unless said), `author` (a demo username; the organiser otherwise) and
`file` (name, content) for downloadable files.
"""

# ruff: noqa: E501 - the Markdown table of the risk register keeps one row per line

from __future__ import annotations

import datetime

CHECKED = datetime.date(2026, 1, 12)

EDITATHON_EN = """\
An edit-a-thon is a few hours where people improve Wikipedia together around one theme:
women scientists of Kenya, Senegalese musicians, the history of your city.

## Four weeks before
- **Choose a theme and a partner.** A library, a university or a women's association brings
  the room, the audience and often the sources.
- **Make a list of 20 to 40 articles** to create or improve, with two or three reliable
  sources each. Put the list on an event page on the wiki.
- **Book a room with good Wi-Fi** and enough sockets; plan for one laptop per two people if
  participants do not bring their own.

## One week before
- Ask participants to **create their account at home**: only six accounts can be created
  from one network address per day.
- Register the event on the Programs & Events Dashboard to count edits and articles.
- Print the sign-in sheet and the friendly space policy.

## On the day
1. Welcome, introductions and the friendly space policy (10 minutes).
2. A short demonstration: the visual editor, adding a reference, saving (20 minutes).
3. Editing in pairs, with experienced editors walking around (2 to 3 hours).
4. A closing round: what did we create? What was hard?

## Afterwards
Thank everyone within two days, share the dashboard figures, and watch the new articles:
new pages by newcomers are often nominated for deletion in their first week. Help the
authors add sources rather than arguing.
"""

EDITATHON_FR = """\
Un edit-a-thon, ce sont quelques heures pendant lesquelles on améliore Wikipédia ensemble
autour d'un thème : les scientifiques kényanes, les musiciennes sénégalaises, l'histoire de
votre ville.

## Quatre semaines avant
- **Choisissez un thème et un partenaire.** Une bibliothèque, une université ou une
  association de femmes apporte la salle, le public et souvent les sources.
- **Dressez une liste de 20 à 40 articles** à créer ou à améliorer, avec deux ou trois
  sources fiables pour chacun, sur une page d'événement du wiki.
- **Réservez une salle avec un bon Wi-Fi** et assez de prises ; prévoyez un ordinateur pour
  deux personnes si les participantes n'apportent pas le leur.

## Une semaine avant
- Demandez aux participantes de **créer leur compte chez elles** : on ne peut créer que six
  comptes par jour depuis une même adresse réseau.
- Inscrivez l'événement sur le tableau de bord Programs & Events pour compter les
  modifications et les articles.
- Imprimez la feuille d'émargement et la politique d'espace bienveillant.

## Le jour J
1. Accueil, présentations et politique d'espace bienveillant (10 minutes).
2. Courte démonstration : l'éditeur visuel, ajouter une référence, publier (20 minutes).
3. Contributions en binômes, avec des contributrices expérimentées qui circulent (2 à 3 h).
4. Tour de table final : qu'avons-nous créé ? Qu'est-ce qui a été difficile ?

## Après
Remerciez tout le monde sous deux jours, partagez les chiffres du tableau de bord et
surveillez les nouveaux articles : ceux des débutantes sont souvent proposés à la
suppression la première semaine. Aidez les autrices à ajouter des sources plutôt que de
débattre.
"""

WIKIQUOTE_EN = """\
Wikiquote collects quotations that can be **verified**. A quote without a source will be
removed, however famous it is.

## What counts as a source
- The original work: a book (with page), a recorded speech, an interview in a newspaper.
- A reliable secondary source that quotes the person and says where the words come from.
- Not: quote websites, social media images, or "as everyone knows".

## How to cite
Under each quotation, add a sub-bullet with the source:

    * Education is the most powerful weapon which you can use to change the world.
    ** Speech at Madison Park High School, Boston, 23 June 1990.

Give author, title, publisher or outlet, date and page when you have them. For a
translation, give the original words too and say who translated them.

## Misattributed quotes
Many quotes are attributed to famous women who never said them. Move them to a
**Misattributed** section with the source that shows the error; this is as useful to readers
as the real quotes.
"""

WIKIQUOTE_FR = """\
Wikiquote rassemble des citations **vérifiables**. Une citation sans source sera retirée,
aussi célèbre soit-elle.

## Ce qui compte comme source
- L'œuvre originale : un livre (avec la page), un discours enregistré, un entretien publié.
- Une source secondaire fiable qui cite la personne et dit d'où viennent ses mots.
- Pas : les sites de citations, les images sur les réseaux sociaux, « tout le monde le sait ».

## Comment citer
Sous chaque citation, ajoutez une puce de second niveau avec la source : auteur ou autrice,
titre, éditeur ou média, date et page quand vous les avez. Pour une traduction, donnez aussi
le texte original et dites qui l'a traduit.

## Citations mal attribuées
Beaucoup de phrases sont prêtées à des femmes célèbres qui ne les ont jamais prononcées.
Déplacez-les dans une section **Attribuées à tort**, avec la source qui montre l'erreur :
c'est aussi utile aux lectrices que les vraies citations.
"""

WIKIDATA_EN = """\
Wikidata is a shared database that every Wikipedia can read. It is made of **items**,
**properties** and **statements**.

- An **item** is one thing, with an identifier beginning with Q: Wangari Maathai is Q47736.
- A **property** is a kind of fact, beginning with P: *occupation* is P106, *date of birth*
  is P569.
- A **statement** joins them: Wangari Maathai (Q47736) → occupation (P106) → biologist.

## Good habits
1. Search before you create: the person or place may already exist under another spelling.
2. Add a **reference** to each statement (a URL, the work it comes from, the date you read it).
3. Add labels and descriptions in your languages: a label in Swahili or Wolof makes the item
   findable to people who speak it.
4. Never copy from a database whose licence is not compatible with CC0.

Try the Wikidata Tours first; then add the occupations of ten women from your country.
"""

WIKIDATA_FR = """\
Wikidata est une base de données partagée que toutes les Wikipédias peuvent lire. Elle est
faite d'**éléments**, de **propriétés** et de **déclarations**.

- Un **élément** est une chose, avec un identifiant qui commence par Q : Wangari Maathai
  est Q47736.
- Une **propriété** est un type d'information, qui commence par P : *occupation* est P106,
  *date de naissance* est P569.
- Une **déclaration** les relie : Wangari Maathai (Q47736) → occupation (P106) → biologiste.

## Les bonnes habitudes
1. Cherchez avant de créer : la personne ou le lieu existe peut-être sous une autre graphie.
2. Ajoutez une **référence** à chaque déclaration (une URL, l'ouvrage, la date de consultation).
3. Ajoutez des libellés et descriptions dans vos langues : un libellé en wolof ou en lingala
   rend l'élément trouvable pour celles et ceux qui les parlent.
4. Ne copiez jamais une base dont la licence n'est pas compatible avec CC0.
"""

SAFETY_EN = """\
Everyone at your event should be able to take part without harassment. Safety is planned,
not improvised.

## Before
- Publish the **friendly space policy** on the event page and in the invitation.
- Name **two safety contacts** (not the main speaker), with a phone number, and tell
  participants who they are.
- Visit the venue: exits, accessible toilets, a quiet room, how late people travel home.
- Decide what to do if someone breaks the policy: a warning, then asking them to leave.

## During
- Remind the policy in the welcome, in one minute, without jokes.
- Ask before taking photos; give a coloured lanyard to people who do not want to be
  photographed.
- Write down any incident the same day: what, when, who was told, what was done.

## After
- Follow up with anyone who reported something, within a week.
- Keep incident notes private: only the safety contacts and the organisation's
  trust-and-safety people see them.
"""

SAFETY_FR = """\
Chaque personne doit pouvoir participer à votre événement sans subir de harcèlement. La
sécurité se prépare, elle ne s'improvise pas.

## Avant
- Publiez la **politique d'espace bienveillant** sur la page de l'événement et dans
  l'invitation.
- Désignez **deux référentes sécurité** (pas l'oratrice principale), avec un numéro de
  téléphone, et présentez-les.
- Visitez le lieu : sorties, toilettes accessibles, salle calme, horaires de retour.
- Décidez quoi faire en cas de manquement : un avertissement, puis demander de partir.

## Pendant
- Rappelez la politique à l'accueil, en une minute, sans plaisanter.
- Demandez avant de photographier ; un cordon de couleur signale qui ne veut pas l'être.
- Notez tout incident le jour même : quoi, quand, qui a été prévenu, ce qui a été fait.

## Après
- Recontactez sous une semaine les personnes qui ont signalé quelque chose.
- Gardez les notes d'incident confidentielles.
"""

BIOGRAPHY_EN = """\
Women are about a fifth of the biographies on English Wikipedia. Each good biography you
write moves that figure.

1. **Check notability**: two or three independent, reliable sources that write *about* her
   in depth (not only interviews she gave, not her employer's website).
2. **Start with a sandbox** (Draft: or your user page) and move it when it is ready.
3. **Structure**: lead (who she is and why she matters, in two sentences), early life and
   education, career, recognition, references.
4. **Write neutrally**: "She founded..." rather than "She bravely founded...".
5. **Cite every fact** a reader could doubt, especially dates and awards.
6. **Link it**: add her to at least two other articles and to Wikidata, so readers find her.
"""

COMMONS_EN = """\
Wikimedia Commons hosts the photos, maps and recordings that illustrate every Wikipedia.

- Upload only what **you** created, or what is already under a free licence (CC BY, CC BY-SA,
  CC0, public domain). A photo found on the web is not yours to upload.
- Use the **Upload Wizard**; give a title that says what and where ("Women's market,
  Kumasi, 2025"), a description in your language and in English, and categories.
- People in a private place need their **consent** to be photographed and published.
- Photos of buildings and artworks: check your country's *freedom of panorama* rules first.
"""

DASHBOARD_EN = """\
Counting what a campaign achieved helps you thank people, report to partners and improve.

## With the Programs & Events Dashboard
Create a *program*, add your participants' usernames (with their consent) and the wikis, and
the dashboard counts articles created and edited, words added, references added and
Commons uploads, every day.

## With a hashtag
Ask participants to add a hashtag such as **#SheSaid** to their edit summaries; Hashtags
tools list every edit that carries it, on every wiki.

## What to report
Numbers are not the whole story: report retention (how many newcomers still edit three
months later), the articles that survived, and two or three stories of participants.
"""

FIRST_ARTICLE_SW = """\
Wikipedia ya Kiswahili inahitaji makala zaidi kuhusu watu, mahali na historia ya Afrika
Mashariki. Hii ni njia rahisi ya kuanza.

1. **Fungua akaunti** na uthibitishe anwani yako ya barua pepe.
2. **Chagua mada unayoifahamu**, lakini ambayo ina vyanzo vya kuaminika: vitabu, magazeti,
   tovuti za vyuo vikuu.
3. **Anza kwenye ukurasa wako wa majaribio** (sandbox) ili ujifunze bila shinikizo.
4. **Andika aya ya kwanza** inayoeleza mada ni nini na kwa nini ni muhimu.
5. **Weka marejeo** kwa kila taarifa muhimu, hasa tarehe na takwimu.
6. **Hamisha makala** kwenye nafasi kuu ukiwa tayari, kisha uiunganishe na Wikidata.

Usiogope kukosea: wahariri wengine watakusaidia kuboresha makala yako.
"""

CONDUCT_AR = """\
تهدف مُدَوَّنَة السلوك إلى أن يشارك الجميع في فعالياتنا بأمان واحترام.

## قبل الفعالية
- انشروا مُدَوَّنَة السلوك في صفحة الفعالية وفي الدعوة.
- عيِّنوا شخصين مسؤولين عن السلامة، مع رقم هاتف، وعرِّفوا المشاركين بهما.

## أثناء الفعالية
- ذكِّروا بالمدونة عند الترحيب في دقيقة واحدة.
- اطلبوا الإذن قبل التصوير.
- دوِّنوا أي حادث في اليوم نفسه: ماذا حدث، ومتى، ومن أُبلغ، وماذا فُعل.

## بعد الفعالية
- تابعوا مع من أبلغ عن أي أمر خلال أسبوع، واحفظوا الملاحظات بسرية.
"""

MENTORING_EN = """\
Most newcomers who stop editing do so in their first month. A mentor changes that.

- **Week 1**: a short call. What brought them? Which topic do they love? Set up their user
  page together.
- **Week 2**: one small task they can finish: add a reference, expand a stub.
- **Week 3**: review their edits *with* them. Praise specifics; explain one policy at most.
- **Week 4**: a bigger goal: a new article, an edit-a-thon, a Wikidata project. Introduce
  them to two other editors so the community, not only you, holds them.

Answer messages within two days; say so if you cannot.
"""

PODCAST_TRANSCRIPT_EN = """\
[Music]

Host (Wanjiru): Welcome to the Kuza podcast, where women in the Wikimedia movement talk
about what they learned the hard way. I'm Wanjiru, in Nairobi. Today I'm with Ngozi, who
organises edit-a-thons with the Wikimedians of Lagos User Group. Welcome, Ngozi.

Ngozi: Thank you, it's good to be here.

Wanjiru: How did you start?

Ngozi: At university. A lecturer asked us to find a Wikipedia article about a Nigerian
woman scientist, and there was none. Not one for the women we had studied. So three of us
wrote the first one, on a Saturday, in the library.

Wanjiru: And now you run events of fifty people.

Ngozi: Sometimes. But my advice is: start with ten. With ten people you can sit with each
one. When the first article is published and someone sees her grandmother's name on
Wikipedia, she comes back.

Wanjiru: What was hardest?

Ngozi: Deletions. A new editor writes an article, and the next day it is nominated for
deletion because the sources are not enough. People feel rejected. Now we prepare the
sources before the event: two or three reliable sources per woman, in a shared list.
Since we started doing that, almost nothing gets deleted.

Wanjiru: And safety?

Ngozi: We always name two safety contacts, and we say it at the start: this is a friendly
space, and here is who to talk to. Most of the time nothing happens. But the one time it
did, everyone knew what to do.

Wanjiru: Thank you, Ngozi. The sign-in sheet and the event toolkit we talked about are in
the Kuza library.

[Music]
"""

PODCAST_TRANSCRIPT_SW = """\
Mtangazaji (Neema): Karibu kwenye mazungumzo ya Kuza. Leo niko na Rehema kutoka Dar es
Salaam, anayefundisha wanafunzi kuhariri Wikipedia ya Kiswahili.

Rehema: Asante, Neema.

Neema: Kwa nini Kiswahili?

Rehema: Kwa sababu mamilioni ya watu wanazungumza Kiswahili, lakini makala ni chache.
Mwanafunzi akiandika makala kuhusu kijiji chake, anaona kwamba lugha yake ina nafasi kwenye
mtandao.

Neema: Unaanzaje mafunzo?

Rehema: Tunaanza na akaunti na ukurasa wa majaribio. Kisha kila mmoja anaongeza rejeo moja.
Mafunzo mafupi, mara nyingi, ni bora kuliko siku moja ndefu.

Neema: Asante sana, Rehema.
"""

SIGNIN_CSV = (
    "Name,Wikimedia username,Email (optional),Photo consent (yes/no),First event (yes/no)\n"
    + ",,,,\n" * 25
)

RISK_REGISTER_MD = """\
# Event risk register

| Risk | Likelihood (1-3) | Impact (1-3) | What we do to prevent it | Who | If it happens |
|---|---|---|---|---|---|
| Harassment of a participant | 1 | 3 | Friendly space policy, two safety contacts | | Safety contact talks to both people; may ask someone to leave |
| Wi-Fi fails | 2 | 2 | Test the day before; mobile hotspot as backup | | Switch to offline tasks: sources list, Wikidata labels |
| Participants cannot create accounts | 2 | 2 | Accounts made at home beforehand; ask for the event-organiser right | | Pair people up on existing accounts |
| Late travel home unsafe | 2 | 3 | Finish before dark; share transport options | | Organise shared rides |
| Medical emergency | 1 | 3 | Know the nearest clinic and the venue's first-aid kit | | Call emergency services; one organiser stays with the person |
"""

WIKIDATA_CHEATSHEET_TXT = """\
WIKIDATA CHEAT SHEET

Item ........... a thing (Q...)        e.g. Q47736 Wangari Maathai
Property ....... a kind of fact (P...) e.g. P106 occupation, P569 date of birth,
                                            P27 country of citizenship, P21 sex or gender
Statement ...... item + property + value (+ qualifiers + references)

Before creating an item: search (also other spellings).
Always add a reference: P854 reference URL, P248 stated in, P813 retrieved.
Labels and descriptions: add one in each language you know.
Licence of Wikidata data: CC0. Never copy from a source that is not compatible.
"""

RESOURCES: list[dict] = [
    {
        "key": "editathon-en",
        "kind": "tutorial",
        "title": "How to run an edit-a-thon: a practical guide",
        "summary": "From choosing a theme and a partner to following up on new articles.",
        "body": EDITATHON_EN,
        "language": "en",
        "level": "beginner",
        "audience": "organisers",
        "licence": "CC BY-SA 4.0",
        "skills": ["edit-a-thons", "event-organising"],
    },
    {
        "key": "editathon-fr",
        "translation_of": "editathon-en",
        "kind": "tutorial",
        "title": "Organiser un edit-a-thon : guide pratique",
        "summary": "Du choix du thème et du partenaire au suivi des nouveaux articles.",
        "body": EDITATHON_FR,
        "language": "fr",
        "level": "beginner",
        "audience": "organisers",
        "licence": "CC BY-SA 4.0",
        "skills": ["edit-a-thons", "event-organising"],
    },
    {
        "key": "wikiquote-en",
        "kind": "tutorial",
        "title": "Citing sources on Wikiquote",
        "summary": "What counts as a source for a quotation, how to cite it, and misattributions.",
        "body": WIKIQUOTE_EN,
        "language": "en",
        "level": "intermediate",
        "audience": "editors",
        "licence": "CC BY-SA 4.0",
        "skills": ["citing-sources", "wikiquote-editing"],
    },
    {
        "key": "wikiquote-fr",
        "translation_of": "wikiquote-en",
        "kind": "tutorial",
        "title": "Citer ses sources sur Wikiquote",
        "summary": "Ce qui compte comme source, comment citer, et les citations mal attribuées.",
        "body": WIKIQUOTE_FR,
        "language": "fr",
        "level": "intermediate",
        "audience": "editors",
        "licence": "CC BY-SA 4.0",
        "skills": ["citing-sources", "wikiquote-editing"],
    },
    {
        "key": "wikidata-en",
        "kind": "tutorial",
        "title": "Wikidata basics: items, properties and statements",
        "summary": "The three ideas behind Wikidata and four habits of good contributors.",
        "body": WIKIDATA_EN,
        "language": "en",
        "level": "beginner",
        "audience": "newcomers",
        "licence": "CC BY-SA 4.0",
        "skills": ["wikidata"],
    },
    {
        "key": "wikidata-fr",
        "translation_of": "wikidata-en",
        "kind": "tutorial",
        "title": "Les bases de Wikidata : éléments, propriétés et déclarations",
        "summary": "Les trois notions de Wikidata et quatre bonnes habitudes.",
        "body": WIKIDATA_FR,
        "language": "fr",
        "level": "beginner",
        "audience": "newcomers",
        "licence": "CC BY-SA 4.0",
        "skills": ["wikidata"],
    },
    {
        "key": "safety-en",
        "kind": "tutorial",
        "title": "Safety for event organisers: before, during and after",
        "summary": "Friendly space policy, safety contacts, photos and incident notes.",
        "body": SAFETY_EN,
        "language": "en",
        "level": "intermediate",
        "audience": "organisers",
        "licence": "CC BY-SA 4.0",
        "skills": ["safe-spaces", "event-organising"],
    },
    {
        "key": "safety-fr",
        "translation_of": "safety-en",
        "kind": "tutorial",
        "title": "La sécurité des événements : avant, pendant, après",
        "summary": "Politique d'espace bienveillant, référentes, photos et notes d'incident.",
        "body": SAFETY_FR,
        "language": "fr",
        "level": "intermediate",
        "audience": "organisers",
        "licence": "CC BY-SA 4.0",
        "skills": ["safe-spaces", "event-organising"],
    },
    {
        "key": "conduct-ar",
        "translation_of": "safety-en",
        "kind": "tutorial",
        "title": "مُدَوَّنَة السلوك في الفعاليات: دليل المنظِّمين",
        "summary": "كيف نجعل فعالياتنا آمنة للجميع قبلها وأثناءها وبعدها.",
        "body": CONDUCT_AR,
        "language": "ar",
        "level": "intermediate",
        "audience": "organisers",
        "licence": "CC BY-SA 4.0",
        "skills": ["safe-spaces"],
    },
    {
        "key": "biography-en",
        "kind": "tutorial",
        "title": "Writing the biography of a notable woman",
        "summary": "Notability, structure, neutral tone and links: six steps to a lasting biography.",
        "body": BIOGRAPHY_EN,
        "language": "en",
        "level": "intermediate",
        "audience": "editors",
        "licence": "CC BY-SA 4.0",
        "skills": ["article-writing", "gender-gap-campaigning", "citing-sources"],
    },
    {
        "key": "commons-en",
        "kind": "tutorial",
        "title": "Uploading your photos to Wikimedia Commons",
        "summary": "What you may upload, the Upload Wizard, consent and freedom of panorama.",
        "body": COMMONS_EN,
        "language": "en",
        "level": "beginner",
        "audience": "newcomers",
        "licence": "CC BY-SA 4.0",
        "skills": ["photography"],
    },
    {
        "key": "dashboard-en",
        "kind": "tutorial",
        "title": "Measuring a campaign: dashboards and hashtags",
        "summary": "Count articles, edits and retention with the Dashboard and hashtags.",
        "body": DASHBOARD_EN,
        "language": "en",
        "level": "advanced",
        "audience": "organisers",
        "licence": "CC BY-SA 4.0",
        "skills": ["campaign-tools", "monitoring-evaluation"],
    },
    {
        "key": "first-article-sw",
        "kind": "tutorial",
        "title": "Kuandika makala yako ya kwanza ya Wikipedia",
        "summary": "Hatua sita za kuanza kuchangia Wikipedia ya Kiswahili.",
        "body": FIRST_ARTICLE_SW,
        "language": "sw",
        "level": "beginner",
        "audience": "newcomers",
        "licence": "CC BY-SA 4.0",
        "skills": ["article-writing", "lessons-for-new-users"],
    },
    {
        "key": "mentoring-en",
        "kind": "tutorial",
        "title": "Mentoring a new editor: the first four weeks",
        "summary": "A week-by-week plan that keeps newcomers editing past their first month.",
        "body": MENTORING_EN,
        "language": "en",
        "level": "intermediate",
        "audience": "trainers",
        "licence": "CC BY-SA 4.0",
        "skills": ["mentoring"],
    },
    {
        "key": "pillars-en",
        "kind": "link",
        "title": "Wikipedia: Five pillars",
        "summary": "The five principles every Wikipedia editor works by.",
        "body": "The shortest summary of how Wikipedia works. Read it with newcomers at the "
        "start of a training session.",
        "url": "https://en.wikipedia.org/wiki/Wikipedia:Five_pillars",
        "licence": "CC BY-SA 4.0",
        "last_checked": CHECKED,
        "language": "en",
        "level": "beginner",
        "audience": "newcomers",
        "skills": ["lessons-for-new-users"],
    },
    {
        "key": "pillars-fr",
        "translation_of": "pillars-en",
        "kind": "link",
        "title": "Wikipédia : Principes fondateurs",
        "summary": "Les cinq principes qui guident toute contribution à Wikipédia.",
        "body": "Le résumé le plus court du fonctionnement de Wikipédia. À lire avec les "
        "débutantes au début d'une formation.",
        "url": "https://fr.wikipedia.org/wiki/Wikip%C3%A9dia:Principes_fondateurs",
        "licence": "CC BY-SA 4.0",
        "last_checked": CHECKED,
        "language": "fr",
        "level": "beginner",
        "audience": "newcomers",
        "skills": ["lessons-for-new-users"],
    },
    {
        "key": "tours-en",
        "kind": "link",
        "title": "Wikidata Tours",
        "summary": "Interactive tutorials that teach Wikidata by editing a sandbox item.",
        "body": "Short guided tours: items, statements, qualifiers, references. About ten "
        "minutes each; they work in many languages.",
        "url": "https://www.wikidata.org/wiki/Wikidata:Tours",
        "licence": "CC BY-SA 4.0",
        "last_checked": CHECKED,
        "language": "en",
        "level": "beginner",
        "audience": "newcomers",
        "skills": ["wikidata"],
    },
    {
        "key": "friendly-space-en",
        "kind": "link",
        "title": "Friendly space policy (Wikimedia Foundation events)",
        "summary": "A model policy for events: expected behaviour and how to report.",
        "body": "Adapt it for your own events rather than writing one from scratch; keep the "
        "reporting contacts up to date.",
        "url": "https://foundation.wikimedia.org/wiki/Policy:Friendly_space_policy",
        "licence": "CC BY-SA 4.0",
        "last_checked": CHECKED,
        "language": "en",
        "level": "beginner",
        "audience": "organisers",
        "skills": ["safe-spaces"],
    },
    {
        "key": "library-card-en",
        "kind": "link",
        "title": "The Wikipedia Library: free access to paywalled sources",
        "summary": "Active editors get free access to journals and databases for citing.",
        "body": "Editors with an account older than six months and 500 edits can apply. "
        "Useful for biographies where the best sources are in academic journals.",
        "url": "https://wikipedialibrary.wmflabs.org/",
        "licence": "CC BY-SA 4.0",
        "last_checked": CHECKED,
        "language": "en",
        "level": "intermediate",
        "audience": "editors",
        "skills": ["citing-sources"],
    },
    {
        "key": "signin-en",
        "kind": "file",
        "title": "Edit-a-thon sign-in and consent sheet (CSV template)",
        "summary": "Names, usernames, photo consent and first-event columns, ready to print.",
        "body": "Open in any spreadsheet, print one page per table. Keep filled sheets private: "
        "they contain personal data.",
        "licence": "CC0 1.0",
        "language": "en",
        "level": "beginner",
        "audience": "organisers",
        "skills": ["edit-a-thons"],
        "file": ("editathon-sign-in-sheet.csv", SIGNIN_CSV),
    },
    {
        "key": "risk-register-en",
        "kind": "file",
        "title": "Event risk register (Markdown template)",
        "summary": "Five common risks with prevention and response, to adapt for your event.",
        "body": "Fill in the *Who* column with names from your team and review it a week "
        "before the event.",
        "licence": "CC BY-SA 4.0",
        "language": "en",
        "level": "intermediate",
        "audience": "organisers",
        "skills": ["safe-spaces", "event-organising"],
        "file": ("event-risk-register.md", RISK_REGISTER_MD),
    },
    {
        "key": "cheatsheet-en",
        "kind": "file",
        "title": "Wikidata cheat sheet (plain text, prints on one page)",
        "summary": "Items, properties, statements and the reference properties to use.",
        "body": "Hand it out at Wikidata workshops; it prints on one A4 page.",
        "licence": "CC0 1.0",
        "language": "en",
        "level": "beginner",
        "audience": "newcomers",
        "skills": ["wikidata"],
        "file": ("wikidata-cheat-sheet.txt", WIKIDATA_CHEATSHEET_TXT),
    },
    {
        "key": "podcast-3-en",
        "kind": "episode",
        "title": "Kuza podcast, episode 3: Edit-a-thons in Lagos, from ten people to fifty",
        "summary": "Ngozi on preparing sources, avoiding deletions and naming safety contacts.",
        "body": "A 24-minute conversation. The full transcript is below, for reading on a slow "
        "connection.",
        "url": "https://podcast.kuza.example/episodes/3",
        "duration_minutes": 24,
        "transcript": PODCAST_TRANSCRIPT_EN,
        "licence": "CC BY-SA 4.0",
        "language": "en",
        "level": "beginner",
        "audience": "organisers",
        "skills": ["edit-a-thons", "storytelling"],
    },
    {
        "key": "podcast-sw",
        "kind": "episode",
        "title": "Mazungumzo ya Kuza: Kufundisha Wikipedia ya Kiswahili",
        "summary": "Rehema anaeleza jinsi anavyowafundisha wanafunzi kuhariri kwa Kiswahili.",
        "body": "Mazungumzo ya dakika 15, na maandishi kamili hapa chini.",
        "url": "https://podcast.kuza.example/mazungumzo/1",
        "duration_minutes": 15,
        "transcript": PODCAST_TRANSCRIPT_SW,
        "licence": "CC BY-SA 4.0",
        "language": "sw",
        "level": "beginner",
        "audience": "trainers",
        "skills": ["lessons-for-new-users"],
    },
    {
        "key": "openrefine-en",
        "status": "in_review",
        "author": "member",
        "kind": "tutorial",
        "title": "Cleaning a list of women writers with OpenRefine before a Wikidata import",
        "summary": "Reconcile names against Wikidata, fix dates, and avoid duplicates.",
        "body": "1. Load the spreadsheet in OpenRefine.\n2. Reconcile the *name* column against "
        "Wikidata (type: human).\n3. Check every match with a birth date; create new items "
        "only for the unmatched rows.\n4. Export with QuickStatements and review a sample.",
        "language": "en",
        "level": "advanced",
        "audience": "editors",
        "licence": "CC BY-SA 4.0",
        "skills": ["openrefine", "wikidata"],
    },
    {
        "key": "twitter-thread",
        "status": "rejected",
        "author": "member",
        "review_note": "A link needs the licence of what it points to, and a post on social "
        "media is not a stable source: could you turn this into a short tutorial instead?",
        "kind": "link",
        "title": "Thread: ten tips for your first edit-a-thon",
        "summary": "Tips collected from organisers.",
        "body": "A thread I found useful.",
        "url": "https://social.example/@organiser/1234",
        "licence": "All rights reserved",
        "last_checked": CHECKED,
        "language": "en",
        "level": "beginner",
        "audience": "organisers",
        "skills": ["edit-a-thons"],
    },
]
